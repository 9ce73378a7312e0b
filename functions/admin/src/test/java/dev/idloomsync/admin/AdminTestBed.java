package dev.idloomsync.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idloomsync.config.Settings;
import dev.idloomsync.http.Json;
import dev.idloomsync.idloom.IdloomClient;
import dev.idloomsync.testkit.FakeIdloom;
import dev.idloomsync.testkit.MotoServer;
import dev.idloomsync.testkit.TemplateTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One moto_server for the whole test JVM (the table of template.yaml, a KMS key), and per test a
 * fresh shortcode, a fake idloom with the demo account, and the admin Lambda's handler, called with
 * API Gateway HTTP API events as the admin routes of template.yaml receive them.
 */
final class AdminTestBed implements AutoCloseable {
    static final String TABLE = "idloom-sync-admin-it";
    static final String SENDER = "sync@idloom-sync.test";
    static final String ACCOUNT = "acme-events";
    static final String API_KEY = "demo-key";
    static final String EVENT = "evt-2024-summit";
    static final String EVENT_NAME = "Acme Summit 2024";
    static final String DOMAIN = "admin.example.test";
    private static final AtomicInteger APPS = new AtomicInteger();
    private static MotoServer moto;
    private static String kmsKeyId;

    final String shortcode;
    final FakeIdloom idloom;
    final DynamoDbClient dynamo;
    final KmsClient kms;
    final Settings settings;
    final AdminHandler handler;

    AdminTestBed() {
        MotoServer server = moto();
        shortcode = "adm" + APPS.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        idloom = FakeIdloom.demo(0);
        dynamo = server.dynamoDb();
        kms = server.kms();
        settings = settings(TABLE, kmsKeyId);
        handler = handler(settings);
    }

    static Settings settings(String table, String kmsKey) {
        return new Settings(table, SENDER, kmsKey, "us-east-1", moto().endpoint(), Duration.ZERO, null);
    }

    /** The admin Lambda's handler on these settings, with this bed's clients. */
    AdminHandler handler(Settings settings) {
        // Tries as in production, without the waits, so that a rate-limit test takes no time.
        return new AdminHandler(AdminService.build(settings, dynamo, kms,
                (host, key) -> new IdloomClient(host, key, IdloomClient.defaultHttpClient(), Duration.ofSeconds(5),
                        IdloomClient.DEFAULT_MAX_TRIES, wait -> { }), Clock.systemUTC()));
    }

    static synchronized MotoServer moto() {
        if (moto == null) {
            moto = MotoServer.start();
            try (DynamoDbClient ddb = moto.dynamoDb(); KmsClient keys = moto.kms()) {
                TemplateTables.createTable(ddb, TemplateTables.findTemplate(), "SyncTable", TABLE);
                kmsKeyId = keys.createKey(r -> r.description("idloom API keys (tests)")).keyMetadata().keyId();
            }
            moto.verifySender(SENDER);
        }
        return moto;
    }

    @Override
    public void close() {
        idloom.close();
        dynamo.close();
        kms.close();
    }

    // ---- calling the admin API ----------------------------------------------------------------

    /** An answer of the admin API: status and JSON body. */
    record Reply(int status, JsonNode body) {
        String text(String field) {
            return body.path(field).asText(null);
        }

        String error() {
            return text("error");
        }
    }

    Reply get(String path) {
        return call("GET", path, null);
    }

    Reply delete(String path) {
        return call("DELETE", path, null);
    }

    Reply put(String path, String body) {
        return call("PUT", path, body);
    }

    Reply post(String path, String body) {
        return call("POST", path, body);
    }

    /** {@code path} is relative to the app ({@code /groups}) or absolute ({@code /apps/x}); it may have a query. */
    Reply call(String method, String path, String body) {
        return invoke(handler, event(method, path.startsWith("/apps") ? path : app() + path, body));
    }

    /** A call on {@code path} exactly as given. */
    Reply raw(String method, String path, String body) {
        return invoke(handler, event(method, path, body));
    }

    /** A call of this app's {@code path} through another handler. */
    Reply call(AdminHandler other, String method, String path, String body) {
        return invoke(other, event(method, path.startsWith("/apps") ? path : app() + path, body));
    }

    String app() {
        return "/apps/" + shortcode;
    }

    /** An API Gateway HTTP API (payload 2.0) event for the admin routes of template.yaml. */
    static String event(String method, String pathAndQuery, String body) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String query = question < 0 ? null : pathAndQuery.substring(question + 1);
        ObjectNode event = Json.object();
        event.put("version", "2.0");
        String[] segments = path.split("/", 4);
        boolean nested = segments.length > 3;
        event.put("routeKey", "ANY /apps/{shortcode}" + (nested ? "/{proxy+}" : ""));
        event.put("rawPath", path);
        event.put("rawQueryString", query == null ? "" : query);
        if (query != null) {
            ObjectNode params = event.putObject("queryStringParameters");
            for (String pair : query.split("&")) {
                String[] nameValue = pair.split("=", 2);
                params.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
            }
        }
        ObjectNode headers = event.putObject("headers");
        headers.put("host", DOMAIN);
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        ObjectNode pathParameters = event.putObject("pathParameters");
        if (segments.length > 2) {
            pathParameters.put("shortcode", segments[2]);
        }
        if (nested) {
            pathParameters.put("proxy", segments[3]);
        }
        ObjectNode context = event.putObject("requestContext");
        context.putObject("http").put("method", method).put("path", path).put("sourceIp", "127.0.0.1");
        context.put("domainName", DOMAIN).put("stage", "$default");
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return Json.write(event);
    }

    static Reply invoke(AdminHandler handler, String event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
            JsonNode proxy = Json.read(out.toString(StandardCharsets.UTF_8));
            assertThat(proxy.path("headers").path("content-type").asText()).isEqualTo("application/json");
            return new Reply(proxy.get("statusCode").asInt(), Json.read(proxy.get("body").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the usual setup, through the admin API -----------------------------------------------

    AdminTestBed withApp() {
        Reply reply = put(app(), "{\"name\": \"Acme Summit app\"}");
        assertThat(reply.status()).as("status of %s", reply.body()).isIn(200, 201);
        return this;
    }

    AdminTestBed withIntegration() {
        withApp();
        expect(201, put("/idloom", "{\"accountName\": \"" + ACCOUNT + "\", \"server\": \"" + idloom.baseUrl()
                + "\", \"apiKey\": \"" + API_KEY + "\", \"ownerEmail\": \"owner@acme.example\"}"));
        return this;
    }

    AdminTestBed withLinkedEvent() {
        withIntegration();
        expect(201, put("/idloom/events/" + EVENT, "{\"name\": \"" + EVENT_NAME + "\"}"));
        return this;
    }

    String group(String name) {
        return expect(201, post("/groups", "{\"name\": \"" + name + "\"}")).text("id");
    }

    String session(String name) {
        return expect(201, post("/sessions", "{\"name\": \"" + name + "\"}")).text("id");
    }

    String customField(String name, String type) {
        return expect(201, post("/custom-fields", "{\"name\": \"" + name + "\", \"type\": \"" + type + "\"}")).text("id");
    }

    static Reply expect(int status, Reply reply) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        return reply;
    }

    // ---- refusals -----------------------------------------------------------------------------

    /**
     * Makes the call and asserts a refusal: the status, the exact error, a hint, and that the app's
     * items (setup and people) are what they were before.
     */
    Reply refused(int status, String error, Supplier<Reply> call) {
        Map<String, Map<String, AttributeValue>> before = items();
        Reply reply = call.get();
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        assertThat(reply.error()).isEqualTo(error);
        assertThat(reply.text("hint")).as("hint of %s", reply.body()).isNotBlank();
        assertThat(items()).as("the table after the refusal").isEqualTo(before);
        return reply;
    }

    /** Every item of the app's setup and people partitions, by partition and sort key. */
    Map<String, Map<String, AttributeValue>> items() {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        for (String pk : new String[] {"APP#" + shortcode, "PEOPLE#" + shortcode}) {
            dynamo.queryPaginator(r -> r.tableName(TABLE).consistentRead(true).keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))))
                    .items().forEach(item -> items.put(pk + " " + item.get("sk").s(), item));
        }
        return items;
    }

    Map<String, AttributeValue> item(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(TABLE).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
        return item == null || item.isEmpty() ? null : item;
    }
}
