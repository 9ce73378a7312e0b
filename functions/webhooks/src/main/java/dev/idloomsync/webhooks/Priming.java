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
 * cannot exist, and sends a transaction whose only condition cannot hold. Nothing is written.
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

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws IOException, BadRequest {
        run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: the HTTP client opens new connections after a restore by itself.
    }

    /** The priming itself, callable without a checkpoint (the benchmark and the tests do). */
    public void run() throws IOException, BadRequest {
        primeJsonAndRules();
        primeDynamoDb();
        alsoBuild.forEach(Supplier::get);
    }

    private static void primeJsonAndRules() throws IOException, BadRequest {
        ApiRequest request = ApiGatewayEvents.read(new ByteArrayInputStream(
                sampleEvent().getBytes(StandardCharsets.UTF_8)));
        Instant now = Instant.now();
        LinkedEvent event = sampleLinkedEvent();
        for (WebhookKind kind : WebhookKind.values()) {
            Decider.decide(kind, NO_APP, AttendeeParser.parse(request.body()), event, now);
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
        // A transaction that cannot apply: the path of every webhook's write and of its refusal.
        try {
            dynamo.transactWriteItems(r -> r.transactItems(item -> item.conditionCheck(check -> check
                    .tableName(table)
                    .key(Keys.key(Keys.people(NO_APP), "PRIMING"))
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK)))));
        } catch (TransactionCanceledException expected) {
            // the condition cannot hold: nothing was written
        }
    }

    private static LinkedEvent sampleLinkedEvent() {
        return new LinkedEvent(EVENT_UID, "Priming", "g-priming", List.of(
                new MappingRule("p1", new Source(SourceKind.FIELD, "free_field1"), new Target(TargetKind.CUSTOM, "cf-1"), false),
                new MappingRule("p2", new Source(SourceKind.FIELD, "free_field2"), new Target(TargetKind.CUSTOM, "cf-2"), true),
                new MappingRule("p3", new Source(SourceKind.FIELD, "cpy_country"), new Target(TargetKind.PROFILE, "country"), false),
                new MappingRule("p4", new Source(SourceKind.CATEGORY, "cat-1"), new Target(TargetKind.GROUP, "g-1"), false),
                new MappingRule("p5", new Source(SourceKind.OPTION, "opt-1"), new Target(TargetKind.SESSION, "s-1"), false)));
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

        var event = Json.object();
        event.put("version", "2.0");
        event.put("rawPath", "/idloom/" + NO_APP + "/create");
        event.putObject("queryStringParameters").put("secret", "priming");
        event.putObject("headers").put("content-type", "application/json");
        event.putObject("pathParameters").put("shortcode", NO_APP);
        var context = event.putObject("requestContext");
        context.putObject("http").put("method", "POST").put("sourceIp", "127.0.0.1");
        context.put("domainName", "priming.invalid").put("stage", "$default");
        event.put("body", Json.write(attendee));
        event.put("isBase64Encoded", false);
        return Json.write(event);
    }
}
