package dev.idloomsync.store;

import dev.idloomsync.app.AppSetup;
import dev.idloomsync.app.CustomField;
import dev.idloomsync.app.Group;
import dev.idloomsync.app.Integration;
import dev.idloomsync.app.LinkedEvent;
import dev.idloomsync.app.MappingRule;
import dev.idloomsync.app.Session;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An app's setup in DynamoDB: one partition per app ({@code APP#sc}) holding the app, its
 * integration, linked events, mapping rules, groups, sessions and custom fields, so that the whole
 * setup is read with one query.
 */
public final class SetupStore {
    static final String APP = "APP";
    static final String INTEGRATION = "INTEGRATION";
    static final String EVENT = "EVENT#";
    static final String MAPPING = "MAPPING#";
    static final String GROUP = "GROUP#";
    static final String SESSION = "SESSION#";
    static final String FIELD = "FIELD#";

    private final DynamoDbClient dynamo;
    private final String table;

    public SetupStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The app's whole setup, or empty when no app has this shortcode. */
    public Optional<AppSetup> load(String shortcode) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(r -> r.tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.app(shortcode))))
                    .exclusiveStartKey(from));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return assemble(shortcode, items);
    }

    static Optional<AppSetup> assemble(String shortcode, List<Map<String, AttributeValue>> items) {
        String name = null;
        boolean exists = false;
        Integration integration = null;
        Map<String, LinkedEvent> events = new LinkedHashMap<>();
        Map<String, List<MappingRule>> rules = new HashMap<>();
        List<Group> groups = new ArrayList<>();
        groups.add(Group.EVERYONE);
        List<Session> sessions = new ArrayList<>();
        List<CustomField> fields = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get(Keys.SK).s();
            if (sk.equals(APP)) {
                exists = true;
                name = text(item, "name");
            } else if (sk.equals(INTEGRATION)) {
                integration = integration(item);
            } else if (sk.startsWith(EVENT)) {
                events.put(text(item, "eventUid"), new LinkedEvent(text(item, "eventUid"), text(item, "name"),
                        text(item, "defaultGroupId"), List.of()));
            } else if (sk.startsWith(MAPPING)) {
                rules.computeIfAbsent(text(item, "eventUid"), k -> new ArrayList<>()).add(rule(item));
            } else if (sk.startsWith(GROUP)) {
                groups.add(new Group(text(item, "id"), text(item, "name")));
            } else if (sk.startsWith(SESSION)) {
                sessions.add(new Session(text(item, "id"), text(item, "name")));
            } else if (sk.startsWith(FIELD)) {
                fields.add(new CustomField(text(item, "id"), text(item, "name"), text(item, "type")));
            }
        }
        if (!exists) {
            return Optional.empty();
        }
        events.replaceAll((uid, event) -> new LinkedEvent(uid, event.name(), event.defaultGroupId(),
                rules.getOrDefault(uid, List.of())));
        return Optional.of(new AppSetup(shortcode, name, Optional.ofNullable(integration), Map.copyOf(events),
                List.copyOf(groups), List.copyOf(sessions), List.copyOf(fields)));
    }

    // ---- writes -------------------------------------------------------------------------------

    /** Creates the app or renames it. */
    public void putApp(String shortcode, String name) {
        Map<String, AttributeValue> item = item(shortcode, APP);
        item.put("name", AttributeValue.fromS(name));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    public void putIntegration(String shortcode, Integration integration) {
        Map<String, AttributeValue> item = item(shortcode, INTEGRATION);
        item.put("accountName", AttributeValue.fromS(integration.accountName()));
        item.put("server", AttributeValue.fromS(integration.server()));
        item.put("apiKey", AttributeValue.fromB(SdkBytes.fromByteArray(integration.encryptedApiKey())));
        item.put("ownerEmail", AttributeValue.fromS(integration.ownerEmail()));
        item.put("active", AttributeValue.fromBool(integration.active()));
        item.put("webhookSecret", AttributeValue.fromS(integration.webhookSecret()));
        item.put("confirmWithIdloom", AttributeValue.fromBool(integration.confirmWithIdloom()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    /** Switches the integration on or off; false when the app has no integration. */
    public boolean setActive(String shortcode, boolean active) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Keys.key(Keys.app(shortcode), INTEGRATION))
                    .updateExpression("SET active = :a").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":a", AttributeValue.fromBool(active))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public void putEvent(String shortcode, LinkedEvent event) {
        Map<String, AttributeValue> item = item(shortcode, EVENT + event.eventUid());
        item.put("eventUid", AttributeValue.fromS(event.eventUid()));
        item.put("name", AttributeValue.fromS(event.name()));
        if (event.defaultGroupId() != null) {
            item.put("defaultGroupId", AttributeValue.fromS(event.defaultGroupId()));
        }
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    /** Unlinks an event and drops its mapping rules. */
    public void deleteEvent(String shortcode, LinkedEvent event) {
        deleteItem(shortcode, EVENT + event.eventUid());
        for (MappingRule rule : event.mappings()) {
            deleteItem(shortcode, MAPPING + event.eventUid() + "#" + rule.id());
        }
    }

    public void putMapping(String shortcode, String eventUid, MappingRule rule) {
        Map<String, AttributeValue> item = item(shortcode, MAPPING + eventUid + "#" + rule.id());
        item.put("eventUid", AttributeValue.fromS(eventUid));
        item.put("id", AttributeValue.fromS(rule.id()));
        item.put("sourceKind", AttributeValue.fromS(rule.source().kind().wire()));
        item.put("sourceId", AttributeValue.fromS(rule.source().id()));
        item.put("targetKind", AttributeValue.fromS(rule.target().kind().wire()));
        item.put("targetId", AttributeValue.fromS(rule.target().id()));
        item.put("tickbox", AttributeValue.fromBool(rule.tickbox()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    public void deleteMapping(String shortcode, String eventUid, String ruleId) {
        deleteItem(shortcode, MAPPING + eventUid + "#" + ruleId);
    }

    public void putGroup(String shortcode, Group group) {
        putNamed(shortcode, GROUP, group.id(), group.name(), null);
    }

    public void putSession(String shortcode, Session session) {
        putNamed(shortcode, SESSION, session.id(), session.name(), null);
    }

    public void putCustomField(String shortcode, CustomField field) {
        putNamed(shortcode, FIELD, field.id(), field.name(), field.type());
    }

    private void putNamed(String shortcode, String prefix, String id, String name, String type) {
        Map<String, AttributeValue> item = item(shortcode, prefix + id);
        item.put("id", AttributeValue.fromS(id));
        item.put("name", AttributeValue.fromS(name));
        if (type != null) {
            item.put("type", AttributeValue.fromS(type));
        }
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    private void deleteItem(String shortcode, String sk) {
        dynamo.deleteItem(r -> r.tableName(table).key(Keys.key(Keys.app(shortcode), sk)));
    }

    private static Map<String, AttributeValue> item(String shortcode, String sk) {
        return new HashMap<>(Keys.key(Keys.app(shortcode), sk));
    }

    private static Integration integration(Map<String, AttributeValue> item) {
        AttributeValue key = item.get("apiKey");
        AttributeValue confirm = item.get("confirmWithIdloom");
        return new Integration(text(item, "accountName"), text(item, "server"),
                key == null ? null : key.b().asByteArray(), text(item, "ownerEmail"),
                item.get("active") != null && Boolean.TRUE.equals(item.get("active").bool()),
                text(item, "webhookSecret"), confirm == null || Boolean.TRUE.equals(confirm.bool()));
    }

    private static MappingRule rule(Map<String, AttributeValue> item) {
        AttributeValue tickbox = item.get("tickbox");
        return new MappingRule(text(item, "id"),
                new MappingRule.Source(MappingRule.SourceKind.valueOf(text(item, "sourceKind").toUpperCase()), text(item, "sourceId")),
                new MappingRule.Target(MappingRule.TargetKind.valueOf(text(item, "targetKind").toUpperCase()), text(item, "targetId")),
                tickbox != null && Boolean.TRUE.equals(tickbox.bool()));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
