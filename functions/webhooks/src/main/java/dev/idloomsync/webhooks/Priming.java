package dev.idloomsync.webhooks;

import dev.idloomsync.app.LinkedEvent;
import dev.idloomsync.app.MappingRule;
import dev.idloomsync.app.MappingRule.Source;
import dev.idloomsync.app.MappingRule.SourceKind;
import dev.idloomsync.app.MappingRule.Target;
import dev.idloomsync.app.MappingRule.TargetKind;
import dev.idloomsync.http.ApiGatewayEvents;
import dev.idloomsync.http.ApiRequest;
import dev.idloomsync.http.ApiResponse;
import dev.idloomsync.http.Json;
import dev.idloomsync.log.JsonLog;
import dev.idloomsync.store.Keys;
import dev.idloomsync.store.SetupStore;
import dev.idloomsync.sync.AttendeeParser;
import dev.idloomsync.sync.BadRequest;
import dev.idloomsync.sync.Decider;
import dev.idloomsync.sync.WebhookKind;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Warms a webhook function before Lambda SnapStart takes its snapshot, so that the first webhook
 * after a restore finds the JSON, rules and DynamoDB code loaded and run once: it reads a sample API
 * Gateway event, parses and decides its attendee, writes a response, reads the setup of an app that
 * cannot exist, sends a transaction shaped like a webhook's that DynamoDB cancels, and builds the
 * SES and KMS clients. Nothing is written.
 */
public final class Priming implements Resource {
    /** A shortcode that no app can have: shortcodes are letters, digits, '-' and '_'. */
    static final String NO_APP = "priming.no-app";
    private static final String EVENT_UID = "priming-event";
    /** The global CRaC context holds its resources weakly; this keeps them. */
    private static final List<Priming> REGISTERED = new ArrayList<>();

    private final DynamoDbClient dynamo;
    private final String table;
    private final List<Supplier<?>> alsoBuild;

    /**
     * @param alsoBuild parts that are otherwise built on first use (the SES and KMS clients), built
     *                  here so that the snapshot holds them
     */
    public Priming(DynamoDbClient dynamo, String table, List<Supplier<?>> alsoBuild) {
        this.dynamo = dynamo;
        this.table = table;
        this.alsoBuild = List.copyOf(alsoBuild);
    }

    /** Registers with the CRaC global context; without a CRaC runtime this only keeps the reference. */
    static void register(Priming priming) {
        synchronized (REGISTERED) {
            REGISTERED.add(priming);
        }
        Core.getGlobalContext().register(priming);
    }

    /**
     * Runs every registered priming now, as a checkpoint would: for a JVM without CRaC, and to
     * measure what a snapshot holds.
     */
    public static void primeRegistered() throws IOException, BadRequest {
        List<Priming> registered;
        synchronized (REGISTERED) {
            registered = List.copyOf(REGISTERED);
        }
        for (Priming priming : registered) {
            priming.run();
        }
    }

    /** A priming that fails leaves a slower first webhook, not a failed snapshot: it is logged, not thrown. */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            run();
        } catch (IOException | BadRequest | RuntimeException e) {
            JsonLog.standard().warn("priming before the snapshot failed",
                    Map.of("cause", e.getClass().getSimpleName()));
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: the HTTP client opens new connections after a restore by itself.
    }

    /** The priming itself, callable without a checkpoint (the benchmark and the tests do). */
    public void run() throws IOException, BadRequest {
        long start = System.nanoTime();
        primeJsonAndRules();
        primeDynamoDb();
        alsoBuild.forEach(Supplier::get);
        JsonLog.standard().info("primed for the snapshot", Map.of("ms", (System.nanoTime() - start) / 1_000_000));
    }

    private static void primeJsonAndRules() throws IOException, BadRequest {
        ApiRequest request = ApiGatewayEvents.read(new ByteArrayInputStream(
                sampleEvent().getBytes(StandardCharsets.UTF_8)));
        Instant now = Instant.now();
        LinkedEvent event = sampleLinkedEvent();
        var attendee = AttendeeParser.parse(request.body());
        for (WebhookKind kind : WebhookKind.values()) {
            Decider.decide(kind, NO_APP, attendee, event, now);
        }
        var body = Json.object();
        body.put("outcome", "applied");
        body.putNull("personId");
        ApiGatewayEvents.write(ApiResponse.json(200, body), OutputStream.nullOutputStream());
        ApiGatewayEvents.write(ApiResponse.error(400, "priming", "none"), OutputStream.nullOutputStream());
    }

    private void primeDynamoDb() {
        // A query of an empty partition: the path of every cold webhook's setup read.
        new SetupStore(dynamo, table).load(NO_APP);
        // A transaction shaped like a webhook's (an update with a condition, a put, a condition
        // check) that cannot apply: its condition check names an item that does not exist, so
        // DynamoDB cancels the whole transaction and writes nothing.
        String people = Keys.people(NO_APP);
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    item -> item.update(update -> update.tableName(table)
                            .key(Keys.key(people, "PRIMING#UPDATE"))
                            .updateExpression("SET #name = :name, #at = if_not_exists(#at, :at)")
                            .conditionExpression("attribute_not_exists(#pk) OR #at < :at")
                            .expressionAttributeNames(Map.of("#name", "name", "#at", "appliedAt",
                                    "#pk", Keys.PK))
                            .expressionAttributeValues(Map.of(":name", AttributeValue.fromS("priming"),
                                    ":at", AttributeValue.fromN("0")))),
                    item -> item.put(put -> put.tableName(table)
                            .item(Map.of(Keys.PK, AttributeValue.fromS(people),
                                    Keys.SK, AttributeValue.fromS("PRIMING#PUT"),
                                    "groups", AttributeValue.fromL(List.of(AttributeValue.fromS("priming")))))
                            .conditionExpression("attribute_not_exists(#pk)")
                            .expressionAttributeNames(Map.of("#pk", Keys.PK))),
                    item -> item.conditionCheck(check -> check.tableName(table)
                            .key(Keys.key(people, "PRIMING#NONE"))
                            .conditionExpression("attribute_exists(#pk)")
                            .expressionAttributeNames(Map.of("#pk", Keys.PK)))));
            throw new IllegalStateException("the priming transaction applied, though its condition check cannot hold");
        } catch (TransactionCanceledException expected) {
            // cancelled as intended: nothing was written
        }
        // The response a webhook's write gets back when it applies.
        TransactWriteItemsResponse.builder().build();
    }

    private static LinkedEvent sampleLinkedEvent() {
        return new LinkedEvent(EVENT_UID, "Priming", "g-priming", List.of(
                rule("p1", SourceKind.FIELD, "free_field1", TargetKind.CUSTOM, "cf-1", false),
                rule("p2", SourceKind.FIELD, "free_field2", TargetKind.CUSTOM, "cf-2", true),
                rule("p3", SourceKind.FIELD, "cpy_country", TargetKind.PROFILE, "country", false),
                rule("p4", SourceKind.CATEGORY, "cat-1", TargetKind.GROUP, "g-1", false),
                rule("p5", SourceKind.OPTION, "opt-1", TargetKind.SESSION, "s-1", false)));
    }

    private static MappingRule rule(String id, SourceKind source, String sourceId, TargetKind target, String targetId,
                                    boolean tickbox) {
        return new MappingRule(id, new Source(source, sourceId), new Target(target, targetId), tickbox);
    }

    private static String sampleEvent() {
        var attendee = Json.object();
        attendee.put("uid", "priming-uid");
        attendee.put("event_uid", EVENT_UID);
        attendee.put("updated_at", "2024-05-01T10:00:00+02:00");
        attendee.put("registration_status", "Registered");
        attendee.put("payment_status", "Paid");
        attendee.put("title", "Dr");
        attendee.put("firstname", "Ada");
        attendee.put("lastname", "Lovelace");
        attendee.put("email", "priming@example.invalid");
        attendee.put("job_title", "Engineer");
        attendee.put("cpy_name", "Analytical Engines");
        attendee.put("phone", "+32 2 123 45 67");
        attendee.put("cpy_country", "BE");
        attendee.put("free_field1", "Vegetarian");
        attendee.put("free_field2", "1");
        attendee.putObject("category").put("id", "cat-1").put("name", "Attendee");
        attendee.putArray("options").addObject().put("id", "opt-1").put("name", "Workshop");
        attendee.putObject("data").put("free_field3", "in data");

        return Json.write(ApiGatewayEvents.webhookEvent("create", NO_APP, "priming", "application/json",
                Json.write(attendee)));
    }
}
