package dev.idloomsync.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idloomsync.app.CustomField;
import dev.idloomsync.app.Group;
import dev.idloomsync.app.Integration;
import dev.idloomsync.app.LinkedEvent;
import dev.idloomsync.app.MappingRule.Source;
import dev.idloomsync.app.MappingRule.SourceKind;
import dev.idloomsync.app.MappingRule.Target;
import dev.idloomsync.app.MappingRule.TargetKind;
import dev.idloomsync.app.MappingRule;
import dev.idloomsync.app.Session;
import dev.idloomsync.config.Settings;
import dev.idloomsync.http.ApiGatewayEvents;
import dev.idloomsync.http.Json;
import dev.idloomsync.store.PeopleDirectory;
import dev.idloomsync.store.SetupStore;
import dev.idloomsync.sync.WebhookKind;
import dev.idloomsync.testkit.AwsClients;
import dev.idloomsync.testkit.MotoServer;
import dev.idloomsync.testkit.RequestCounter;
import dev.idloomsync.testkit.SampleAttendees;
import dev.idloomsync.testkit.TemplateTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real moto_server for the whole test JVM with the table of template.yaml, and per test a fresh
 * app (its own shortcode) set up the way an organiser would: a linked event with mappings, groups,
 * sessions and custom fields. Webhooks go through the real handler classes as API Gateway events.
 */
final class SyncTestBed {
    static final String TABLE = "idloom-sync-it";
    static final String SENDER = "sync@idloom-sync.test";
    static final String SECRET = "s3cret-webhook-key";
    static final String EVENT = "evt-100";
    private static final AtomicInteger APPS = new AtomicInteger();
    private static MotoServer moto;
    private static String kmsKeyId;

    final String shortcode;
    final String ownerEmail;
    final RequestCounter requests = new RequestCounter();
    final DynamoDbClient dynamo;
    final SesV2Client ses;
    final SetupStore setups;
    final WebhookParts parts;
    private final Map<WebhookKind, WebhookHandler> handlers = new HashMap<>();

    SyncTestBed() {
        this(Duration.ofSeconds(30));
    }

    SyncTestBed(Duration setupCache) {
        MotoServer server = moto();
        shortcode = "app" + APPS.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 100000, 36);
        ownerEmail = "owner-" + shortcode + "@acme.example";
        dynamo = AwsClients.dynamoDb(server.endpoint(), requests);
        ses = AwsClients.sesV2(server.endpoint());
        setups = new SetupStore(dynamo, TABLE);
        parts = WebhookParts.build(settings(SENDER, setupCache), dynamo, ses, server.kms(), Clock.systemUTC());
        handlers.put(WebhookKind.CREATE, new CreateWebhookHandler(parts.service()));
        handlers.put(WebhookKind.UPDATE, new UpdateWebhookHandler(parts.service()));
        handlers.put(WebhookKind.DELETE, new DeleteWebhookHandler(parts.service()));
    }

    static synchronized MotoServer moto() {
        if (moto == null) {
            moto = MotoServer.start();
            try (DynamoDbClient ddb = moto.dynamoDb()) {
                TemplateTables.createTable(ddb, TemplateTables.findTemplate(), "SyncTable", TABLE);
            }
            moto.verifySender(SENDER);
            try (var kms = moto.kms()) {
                kmsKeyId = kms.createKey(r -> r.description("idloom API keys (tests)")).keyMetadata().keyId();
            }
        }
        return moto;
    }

    /** The KMS key the tests' integrations encrypt their idloom API keys with. */
    static String kmsKeyId() {
        moto();
        return kmsKeyId;
    }

    /** The settings a webhook Lambda of this test bed runs with. */
    Settings settings(String sender, Duration setupCache) {
        return new Settings(TABLE, sender, kmsKeyId(), "us-east-1", moto().endpoint(), setupCache, null);
    }

    /** Another Lambda instance serving the same app: its own setup cache and clients, the same table. */
    Map<WebhookKind, WebhookHandler> anotherLambda() {
        WebhookParts other = WebhookParts.build(settings(SENDER, Duration.ofSeconds(30)),
                AwsClients.dynamoDb(moto().endpoint()), AwsClients.sesV2(moto().endpoint()), moto().kms(), Clock.systemUTC());
        return Map.of(WebhookKind.CREATE, new CreateWebhookHandler(other.service()),
                WebhookKind.UPDATE, new UpdateWebhookHandler(other.service()),
                WebhookKind.DELETE, new DeleteWebhookHandler(other.service()));
    }

    /** The organiser's setup: groups, sessions, custom fields, a linked event with mapping rules. */
    SyncTestBed withStandardSetup() {
        setups.putApp(shortcode, "Summit app " + shortcode);
        setups.putIntegration(shortcode, new Integration("acme-events", "http://127.0.0.1:9/api/v4",
                new byte[]{1}, ownerEmail, true, SECRET, false));
        setups.putGroup(shortcode, new Group("g-attendees", "Attendees"));
        setups.putGroup(shortcode, new Group("g-speakers", "Speakers"));
        setups.putGroup(shortcode, new Group("g-vip", "VIP"));
        setups.putSession(shortcode, new Session("s-workshop", "Workshop A"));
        setups.putSession(shortcode, new Session("s-dinner", "Networking dinner"));
        setups.putCustomField(shortcode, new CustomField("cf-diet", "Dietary requirements", "text"));
        setups.putCustomField(shortcode, new CustomField("cf-news", "Newsletter", "checkbox"));
        setups.putEvent(shortcode, new LinkedEvent(EVENT, "Acme Summit", "g-attendees", List.of()));
        rule("r1", SourceKind.FIELD, "free_field1", TargetKind.CUSTOM, "cf-diet", false);
        rule("r2", SourceKind.FIELD, "free_field4", TargetKind.CUSTOM, "cf-news", true);
        rule("r3", SourceKind.FIELD, "free_field3", TargetKind.PROFILE, "about", false);
        rule("r4", SourceKind.FIELD, "cpy_country", TargetKind.PROFILE, "country", false);
        rule("r5", SourceKind.CATEGORY, "cat-2", TargetKind.GROUP, "g-speakers", false);
        rule("r6", SourceKind.OPTION, "opt-1", TargetKind.SESSION, "s-workshop", false);
        rule("r7", SourceKind.OPTION, "opt-2", TargetKind.SESSION, "s-dinner", false);
        rule("r8", SourceKind.OPTION, "opt-vip", TargetKind.GROUP, "g-vip", false);
        return this;
    }

    void rule(String id, SourceKind source, String sourceId, TargetKind target, String targetId, boolean tickbox) {
        setups.putMapping(shortcode, EVENT, new MappingRule(id, new Source(source, sourceId), new Target(target, targetId), tickbox));
    }

    /** A realistic idloom attendee of the linked event. */
    static ObjectNode attendee(String uid, String email, String updatedAt) {
        return SampleAttendees.realistic(EVENT, uid, email, updatedAt);
    }

    /** Sends a webhook as API Gateway would and returns the proxy response's status and JSON body. */
    Response send(WebhookKind kind, String body) {
        return send(kind, shortcode, SECRET, body, "application/json");
    }

    Response send(WebhookKind kind, JsonNode body) {
        return send(kind, Json.write(body));
    }

    Response send(WebhookKind kind, String shortcode, String secret, String body, String contentType) {
        return invoke(handlers.get(kind), event(kind, shortcode, secret, body, contentType));
    }

    /** An API Gateway HTTP API (payload 2.0) event for a webhook of this app. */
    String event(WebhookKind kind, JsonNode body) {
        return event(kind, shortcode, SECRET, Json.write(body), "application/json");
    }

    static String event(WebhookKind kind, String shortcode, String secret, String body, String contentType) {
        ObjectNode event = ApiGatewayEvents.webhookEvent(kind.wire(), shortcode, secret, contentType, body);
        ((ObjectNode) event.get("requestContext")).put("domainName", "api.example.test");
        return Json.write(event);
    }

    static Response invoke(WebhookHandler handler, String event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
            JsonNode proxy = Json.read(out.toString(StandardCharsets.UTF_8));
            return new Response(proxy.get("statusCode").asInt(), Json.read(proxy.get("body").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Response(int status, JsonNode body) {
        String text(String field) {
            return body.path(field).asText(null);
        }
    }

    // ---- reading the table back ---------------------------------------------------------------

    /** Every item of the app's people partition (people, registrations, email keys), by sort key. */
    Map<String, Map<String, AttributeValue>> peoplePartition() {
        Map<String, Map<String, AttributeValue>> items = new java.util.TreeMap<>();
        try (DynamoDbClient reader = moto().dynamoDb()) {
            reader.queryPaginator(r -> r.tableName(TABLE).keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PEOPLE#" + shortcode))))
                    .items().forEach(item -> items.put(item.get("sk").s(), item));
        }
        return items;
    }

    List<Map<String, AttributeValue>> people() {
        List<Map<String, AttributeValue>> people = new ArrayList<>();
        peoplePartition().forEach((sk, item) -> {
            if (sk.startsWith("PERSON#")) {
                people.add(item);
            }
        });
        return people;
    }

    Map<String, AttributeValue> onlyPerson() {
        List<Map<String, AttributeValue>> people = people();
        if (people.size() != 1) {
            throw new AssertionError("expected exactly one person, found " + people.size() + ": " + people);
        }
        return people.get(0);
    }

    Map<String, AttributeValue> item(String pk, String sk) {
        try (DynamoDbClient reader = moto().dynamoDb()) {
            Map<String, AttributeValue> item = reader.getItem(r -> r.tableName(TABLE)
                    .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
            return item == null || item.isEmpty() ? null : item;
        }
    }

    /** Adds a person by hand, as staff do in the CMS: origin manual, with its email key. */
    String manualPerson(String email, List<String> groups) {
        try (DynamoDbClient writer = moto().dynamoDb()) {
            return SampleAttendees.addByHand(new PeopleDirectory(writer, TABLE), shortcode, email, groups);
        }
    }

    List<Map<String, AttributeValue>> syncLog() {
        List<Map<String, AttributeValue>> entries = new ArrayList<>();
        try (DynamoDbClient reader = moto().dynamoDb()) {
            reader.queryPaginator(r -> r.tableName(TABLE).keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("LOG#" + shortcode))))
                    .items().forEach(entries::add);
        }
        return entries;
    }

    List<Map<String, AttributeValue>> pendingEmails() {
        List<Map<String, AttributeValue>> pending = new ArrayList<>();
        try (DynamoDbClient reader = moto().dynamoDb()) {
            reader.queryPaginator(r -> r.tableName(TABLE).keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("OUTBOX"))))
                    .items().stream().filter(i -> shortcode.equals(i.get("shortcode").s())).forEach(pending::add);
        }
        return pending;
    }

    /** What SES accepted for this test's owner address. */
    List<MotoServer.SentEmail> emailsToOwner() {
        return moto().sentEmails().stream().filter(e -> e.destinations().contains(ownerEmail)).toList();
    }

    static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static List<String> list(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return List.of();
        }
        return value.hasL() ? value.l().stream().map(AttributeValue::s).toList() : value.ss();
    }
}
