package dev.idloomsync.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idloomsync.config.Settings;
import dev.idloomsync.http.Json;
import dev.idloomsync.store.PeopleDirectory;
import dev.idloomsync.sync.WebhookKind;
import dev.idloomsync.testkit.AwsClients;
import dev.idloomsync.testkit.MotoServer;
import dev.idloomsync.testkit.SampleAttendees;
import dev.idloomsync.webhooks.CreateWebhookHandler;
import dev.idloomsync.webhooks.DeleteWebhookHandler;
import dev.idloomsync.webhooks.UpdateWebhookHandler;
import dev.idloomsync.webhooks.WebhookParts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The warm path: one process whose handlers have served many webhooks already, timed per call
 * through the handler classes with API Gateway events, the DynamoDB requests of each call counted by
 * an interceptor on the client the handlers use. Next to it, moto_server's own latency for one
 * request (a GetItem of an existing item), with the same kind of client.
 */
final class WarmPath {
    /** One path: what the call was, its requests (the same for every call) and its latencies. */
    record PathResult(String name, List<String> operations, int minRequests, int maxRequests,
                      List<Double> latencyMs, List<Double> wireMs, String outcome) {
        double median() {
            return Stats.median(latencyMs);
        }

        double medianWire() {
            return Stats.median(wireMs);
        }

        /** Per call, the latency less the time on the wire: what the handler itself spends. */
        double medianOwn() {
            List<Double> own = new ArrayList<>(latencyMs.size());
            for (int i = 0; i < latencyMs.size(); i++) {
                own.add(latencyMs.get(i) - wireMs.get(i));
            }
            return Stats.median(own);
        }
    }

    record Result(double getItemMedianMs, double getItemP90Ms, int calls, int warmups, List<PathResult> paths) {
    }

    private static final String T0 = "2024-05-01T10:00:00Z";
    private static final String T1 = "2024-05-01T11:00:00Z";

        private final String table;
    private final String shortcode;
    private final RoundTrips trips = new RoundTrips();
    private final DynamoDbClient dynamo;
    private final Map<WebhookKind, RequestStreamHandler> handlers = new HashMap<>();
    private int next;

    WarmPath(MotoServer moto, String table, String shortcode) {
        this.table = table;
        this.shortcode = shortcode;
        this.dynamo = AwsClients.dynamoDb(moto.endpoint(), trips);
        SesV2Client ses = moto.sesV2();
        KmsClient kms = moto.kms();
        // The setup stays cached for the whole run: in Lambda it is cached for 30 s, so one webhook in
        // 30 s per function instance also reads it (one Query more); that one is not the warm path.
        Settings settings = new Settings(table, BenchApp.SENDER, null, AwsClients.region().id(), moto.endpoint(),
                Duration.ofHours(1), null);
        WebhookParts parts = WebhookParts.build(settings, dynamo, ses, kms, Clock.systemUTC());
        handlers.put(WebhookKind.CREATE, new CreateWebhookHandler(parts.service()));
        handlers.put(WebhookKind.UPDATE, new UpdateWebhookHandler(parts.service()));
        handlers.put(WebhookKind.DELETE, new DeleteWebhookHandler(parts.service()));
    }

    Result measure(int calls, int warmups) {
        List<PathResult> paths = new ArrayList<>();
        // Warm the JIT and the setup cache on every path first; not counted.
        newRegistration(warmups);
        updateOfLinkedPerson(warmups);
        deleteOfIdloomPerson(warmups);
        deleteOfManualPerson(Math.min(warmups, 100));
        excludedStatus(warmups);

        paths.add(newRegistration(calls));
        paths.add(updateOfLinkedPerson(calls));
        paths.add(deleteOfIdloomPerson(calls));
        paths.add(deleteOfManualPerson(calls));
        paths.add(excludedStatus(calls));

        List<Double> getItem = emulatorGetItem(calls);
        return new Result(Stats.median(getItem), Stats.percentile(getItem, 90), calls, warmups, paths);
    }

    private PathResult newRegistration(int calls) {
        return timed("new registration (create)", WebhookKind.CREATE, calls, i -> {
            String uid = uid();
            return body(WebhookKind.CREATE, BenchApp.attendee(uid, uid + "@warm.example", T0));
        });
    }

    private PathResult updateOfLinkedPerson(int calls) {
        String uid = uid();
        send(WebhookKind.CREATE, body(WebhookKind.CREATE, BenchApp.attendee(uid, uid + "@warm.example", T0)));
        Instant start = Instant.parse(T0);
        return timed("update of a linked person", WebhookKind.UPDATE, calls, i -> {
            ObjectNode a = BenchApp.attendee(uid, uid + "@warm.example", start.plusSeconds(i + 1L).toString());
            a.put("job_title", "Engineer " + i);
            return body(WebhookKind.UPDATE, a);
        });
    }

    private PathResult deleteOfIdloomPerson(int calls) {
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            String uid = uid();
            send(WebhookKind.CREATE, body(WebhookKind.CREATE, BenchApp.attendee(uid, uid + "@warm.example", T0)));
            uids.add(uid);
        }
        return timed("delete of an idloom person", WebhookKind.DELETE, calls, i ->
                body(WebhookKind.DELETE, BenchApp.attendee(uids.get(i), uids.get(i) + "@warm.example", T1)));
    }

    private PathResult deleteOfManualPerson(int calls) {
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            String uid = uid();
            manualPerson(uid + "@manual.example");
            send(WebhookKind.CREATE, body(WebhookKind.CREATE, BenchApp.attendee(uid, uid + "@manual.example", T0)));
            uids.add(uid);
        }
        return timed("delete of a manual person (owner email sent)", WebhookKind.DELETE, calls, i ->
                body(WebhookKind.DELETE, BenchApp.attendee(uids.get(i), uids.get(i) + "@manual.example", T1)));
    }

    private PathResult excludedStatus(int calls) {
        return timed("excluded status, never in the app (create)", WebhookKind.CREATE, calls, i -> {
            String uid = uid();
            ObjectNode a = BenchApp.attendee(uid, uid + "@warm.example", T0);
            a.put("registration_status", "Cancelled");
            return body(WebhookKind.CREATE, a);
        });
    }

    private PathResult timed(String name, WebhookKind kind, int calls, IntFunction<byte[]> event) {
        List<Double> latency = new ArrayList<>(calls);
        List<Double> wire = new ArrayList<>(calls);
        List<String> operations = null;
        int min = Integer.MAX_VALUE;
        int max = 0;
        String outcome = null;
        for (int i = 0; i < calls; i++) {
            byte[] in = event.apply(i);
            trips.reset();
            long start = System.nanoTime();
            byte[] out = invoke(handlers.get(kind), in);
            long end = System.nanoTime();
            latency.add((end - start) / 1e6);
            wire.add(trips.wireNanos() / 1e6);
            min = Math.min(min, trips.count());
            if (operations == null || trips.count() > max) {
                operations = trips.operations();
            }
            max = Math.max(max, trips.count());
            JsonNode response = read(out);
            if (response.path("statusCode").asInt() != 200) {
                throw new IllegalStateException(name + ": call " + i + " answered " + response);
            }
            outcome = action(response);
        }
        return new PathResult(name, operations, min, max, latency, wire, outcome);
    }

    private List<Double> emulatorGetItem(int calls) {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("APP#" + shortcode),
                "sk", AttributeValue.fromS("APP"));
        List<Double> times = new ArrayList<>(calls);
        for (int i = 0; i < calls + 100; i++) {
            long start = System.nanoTime();
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key)).item();
            long end = System.nanoTime();
            if (item == null || item.isEmpty()) {
                throw new IllegalStateException("the app item is missing: the GetItem baseline reads it");
            }
            if (i >= 100) {
                times.add((end - start) / 1e6);
            }
        }
        return times;
    }

    private void manualPerson(String email) {
        SampleAttendees.addByHand(new PeopleDirectory(dynamo, table), shortcode, email, List.of());
    }

    private void send(WebhookKind kind, byte[] event) {
        JsonNode response = read(invoke(handlers.get(kind), event));
        if (response.path("statusCode").asInt() != 200) {
            throw new IllegalStateException("setting up the warm path: " + kind + " answered " + response);
        }
    }

    private byte[] body(WebhookKind kind, ObjectNode attendee) {
        return BenchApp.apiGatewayEvent(kind, shortcode, Json.write(attendee))
                .getBytes(StandardCharsets.UTF_8);
    }

    private String uid() {
        return "w" + (++next);
    }

    private static byte[] invoke(RequestStreamHandler handler, byte[] event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(byte[] proxy) {
        try {
            return Json.MAPPER.readTree(proxy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String action(JsonNode proxy) {
        try {
            JsonNode body = Json.read(proxy.path("body").asText());
            return body.path("outcome").asText() + "/" + body.path("action").asText()
                    + (body.has("ownerEmail") ? ", owner email " + body.path("ownerEmail").asText() : "");
        } catch (IOException e) {
            return "?";
        }
    }
}
