package dev.idloomsync.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idloomsync.app.CustomField;
import dev.idloomsync.app.Group;
import dev.idloomsync.app.Integration;
import dev.idloomsync.app.LinkedEvent;
import dev.idloomsync.app.MappingRule;
import dev.idloomsync.app.MappingRule.Source;
import dev.idloomsync.app.MappingRule.SourceKind;
import dev.idloomsync.app.MappingRule.Target;
import dev.idloomsync.app.MappingRule.TargetKind;
import dev.idloomsync.app.Session;
import dev.idloomsync.http.ApiGatewayEvents;
import dev.idloomsync.http.Json;
import dev.idloomsync.testkit.SampleAttendees;
import dev.idloomsync.store.SetupStore;
import dev.idloomsync.sync.WebhookKind;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The app every part of the benchmark syncs into, set up as an organiser would (groups, sessions,
 * custom fields, a linked event with eight mapping rules), and the webhooks idloom sends for it.
 * The integration does not confirm webhooks with idloom, so that no idloom call is timed.
 */
final class BenchApp {
    static final String EVENT = "evt-bench";
    static final String SECRET = "bench-webhook-secret";
    static final String SENDER = "sync@idloom-sync.bench";

    private BenchApp() {
    }

    static List<MappingRule> rules() {
        return List.of(
                rule("r1", SourceKind.FIELD, "free_field1", TargetKind.CUSTOM, "cf-diet", false),
                rule("r2", SourceKind.FIELD, "free_field4", TargetKind.CUSTOM, "cf-news", true),
                rule("r3", SourceKind.FIELD, "free_field3", TargetKind.PROFILE, "about", false),
                rule("r4", SourceKind.FIELD, "cpy_country", TargetKind.PROFILE, "country", false),
                rule("r5", SourceKind.CATEGORY, "cat-2", TargetKind.GROUP, "g-speakers", false),
                rule("r6", SourceKind.OPTION, "opt-1", TargetKind.SESSION, "s-workshop", false),
                rule("r7", SourceKind.OPTION, "opt-2", TargetKind.SESSION, "s-dinner", false),
                rule("r8", SourceKind.OPTION, "opt-vip", TargetKind.GROUP, "g-vip", false));
    }

    /** The linked event as the rules benchmark sees it, without a table. */
    static LinkedEvent event() {
        return new LinkedEvent(EVENT, "Bench Summit", "g-attendees", rules());
    }

    static void seed(DynamoDbClient dynamo, String table, String shortcode) {
        SetupStore setups = new SetupStore(dynamo, table);
        setups.putApp(shortcode, "Bench app " + shortcode);
        setups.putIntegration(shortcode, new Integration("bench-events", "http://127.0.0.1:9/api/v4",
                new byte[]{1}, "owner-" + shortcode + "@bench.example", true, SECRET, false));
        setups.putGroup(shortcode, new Group("g-attendees", "Attendees"));
        setups.putGroup(shortcode, new Group("g-speakers", "Speakers"));
        setups.putGroup(shortcode, new Group("g-vip", "VIP"));
        setups.putSession(shortcode, new Session("s-workshop", "Workshop A"));
        setups.putSession(shortcode, new Session("s-dinner", "Networking dinner"));
        setups.putCustomField(shortcode, new CustomField("cf-diet", "Dietary requirements", "text"));
        setups.putCustomField(shortcode, new CustomField("cf-news", "Newsletter", "checkbox"));
        setups.putEvent(shortcode, new LinkedEvent(EVENT, "Bench Summit", "g-attendees", List.of()));
        for (MappingRule rule : rules()) {
            setups.putMapping(shortcode, EVENT, rule);
        }
    }

    /** A realistic idloom attendee of the linked event, with an unknown field that is ignored. */
    static ObjectNode attendee(String uid, String email, String updatedAt) {
        return SampleAttendees.realistic(EVENT, uid, email, updatedAt);
    }

    /** The API Gateway (HTTP API, payload 2.0) event for one webhook, as the Lambda receives it. */
    static String apiGatewayEvent(WebhookKind kind, String shortcode, String body) {
        return Json.write(ApiGatewayEvents.webhookEvent(kind.wire(), shortcode, SECRET, "application/json", body));
    }

    /** Every item of the app's people partition: people, registration links and email keys. */
    static List<Map<String, AttributeValue>> peoplePartition(DynamoDbClient dynamo, String table, String shortcode) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PEOPLE#" + shortcode))))
                .items().forEach(items::add);
        return items;
    }

    private static MappingRule rule(String id, SourceKind source, String sourceId, TargetKind target, String targetId,
                                    boolean tickbox) {
        return new MappingRule(id, new Source(source, sourceId), new Target(target, targetId), tickbox);
    }
}
