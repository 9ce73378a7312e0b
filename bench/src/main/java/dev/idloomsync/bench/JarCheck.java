package dev.idloomsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idloomsync.app.Integration;
import dev.idloomsync.http.Json;
import dev.idloomsync.store.KmsApiKeyCipher;
import dev.idloomsync.store.PeopleDirectory;
import dev.idloomsync.store.SetupStore;
import dev.idloomsync.sync.WebhookKind;
import dev.idloomsync.testkit.FakeIdloom;
import dev.idloomsync.testkit.MotoServer;
import dev.idloomsync.testkit.SampleAttendees;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs every webhook path, the priming, the pending-email sender and the admin API's routes from
 * the shaded Lambda jars in fresh JVMs ({@link JarCheckChild}) against the benchmark's moto_server
 * and a fake idloom, and checks each answer: the proof that the jars' trimming left out nothing the
 * functions need.
 */
final class JarCheck {
    record Call(String name, String handler, String event, int expectedStatus) {
    }

    record Outcome(String name, int expected, int got, String answer) {
        /** A success is any 2xx where one is expected (a PUT answers 201 when it creates). */
        boolean ok() {
            return expected == got || expected / 100 == 2 && got / 100 == 2;
        }
    }

    record Result(String jar, String command, List<Outcome> outcomes) {
        boolean ok() {
            return outcomes.stream().allMatch(Outcome::ok);
        }
    }

    private static final String WEBHOOKS = "dev.idloomsync.webhooks.";
    private static final String ADMIN = "dev.idloomsync.admin.AdminHandler";
    private static final String API_KEY = "jar-check-key";

    private final Inputs inputs;
    private final MotoServer moto;
    private final DynamoDbClient dynamo;
    private final String table;
    private final Path work;

    JarCheck(Inputs inputs, MotoServer moto, DynamoDbClient dynamo, String table, Path work) {
        this.inputs = inputs;
        this.moto = moto;
        this.dynamo = dynamo;
        this.table = table;
        this.work = work;
    }

    List<Result> run() throws Exception {
        String keyId;
        try (KmsClient kms = moto.kms()) {
            keyId = kms.createKey(r -> r.description("idloom-sync bench")).keyMetadata().keyId();
            try (FakeIdloom idloom = FakeIdloom.start(0)) {
                idloom.account("bench-events", API_KEY).event(BenchApp.EVENT, "Bench Summit")
                        .field(BenchApp.EVENT, "free_field3", "About you", "text")
                        .attendee(BenchApp.EVENT, BenchApp.attendee("jc-confirm", "confirm@jar.example",
                                "2024-05-01T10:00:00Z"));
                Map<String, String> env = new HashMap<>(Map.of("TABLE_NAME", table, "SENDER_EMAIL", BenchApp.SENDER,
                        "KMS_KEY_ID", keyId, "AWS_ENDPOINT_URL", moto.endpoint().toString(), "AWS_REGION", "us-east-1",
                        "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
                List<Result> results = new ArrayList<>();
                results.add(check(Inputs.WEBHOOK_JAR, inputs.webhookJar(), webhookCalls(kms, keyId, idloom), env));
                results.add(check(Inputs.ADMIN_JAR, inputs.adminJar(), adminCalls(idloom), env));
                return results;
            }
        }
    }

    private List<Call> webhookCalls(KmsClient kms, String keyId, FakeIdloom idloom) {
        String app = "jarcheck";
        BenchApp.seed(dynamo, table, app);
        manualPerson(app, "manual@jar.example");
        String confirming = "jarconfirm";
        BenchApp.seed(dynamo, table, confirming);
        new SetupStore(dynamo, table).putIntegration(confirming, new Integration("bench-events", idloom.baseUrl(),
                new KmsApiKeyCipher(kms, keyId).encrypt(confirming, API_KEY), "owner@jar.example", true,
                BenchApp.SECRET, true));

        String create = WEBHOOKS + "CreateWebhookHandler";
        String update = WEBHOOKS + "UpdateWebhookHandler";
        String delete = WEBHOOKS + "DeleteWebhookHandler";
        ObjectNode excluded = BenchApp.attendee("jc-2", "two@jar.example", "2024-05-01T10:00:00Z");
        excluded.put("registration_status", "Cancelled");
        ObjectNode otherEvent = BenchApp.attendee("jc-4", "four@jar.example", "2024-05-01T10:00:00Z");
        otherEvent.put("event_uid", "evt-not-linked");
        List<Call> calls = new ArrayList<>();
        calls.add(webhook("new registration", create, app, WebhookKind.CREATE,
                Json.write(BenchApp.attendee("jc-1", "one@jar.example", "2024-05-01T10:00:00Z")), 200));
        calls.add(webhook("update of a linked person", update, app, WebhookKind.UPDATE,
                Json.write(BenchApp.attendee("jc-1", "one@jar.example", "2024-05-01T11:00:00Z")), 200));
        calls.add(webhook("excluded status", create, app, WebhookKind.CREATE, Json.write(excluded), 200));
        calls.add(webhook("link to a manual person by email", create, app, WebhookKind.CREATE,
                Json.write(BenchApp.attendee("jc-3", "manual@jar.example", "2024-05-01T10:00:00Z")), 200));
        calls.add(webhook("delete of a manual person (owner email, SES)", delete, app, WebhookKind.DELETE,
                Json.write(BenchApp.attendee("jc-3", "manual@jar.example", "2024-05-01T11:00:00Z")), 200));
        calls.add(webhook("delete of an idloom person", delete, app, WebhookKind.DELETE,
                Json.write(BenchApp.attendee("jc-1", "one@jar.example", "2024-05-01T12:00:00Z")), 200));
        calls.add(webhook("confirmed with idloom (KMS Decrypt, idloom API)", create, confirming, WebhookKind.CREATE,
                Json.write(BenchApp.attendee("jc-confirm", "confirm@jar.example", "2024-05-01T10:00:00Z")), 200));
        calls.add(webhook("refused: event not linked", create, app, WebhookKind.CREATE, Json.write(otherEvent), 422));
        calls.add(webhook("refused: body not JSON", create, app, WebhookKind.CREATE, "{not json", 400));
        calls.add(webhook("refused: unknown shortcode", create, "no-such-app", WebhookKind.CREATE,
                Json.write(BenchApp.attendee("jc-5", "five@jar.example", "2024-05-01T10:00:00Z")), 404));
        ObjectNode badSecret = (ObjectNode) read(BenchApp.apiGatewayEvent(WebhookKind.CREATE, app, "{}"));
        ((ObjectNode) badSecret.get("queryStringParameters")).put("secret", "wrong");
        calls.add(new Call("refused: wrong secret", create, Json.write(badSecret), 401));
        ObjectNode scheduled = Json.object();
        scheduled.put("source", "aws.events");
        scheduled.put("detail-type", "Scheduled Event");
        calls.add(new Call("pending-email sender (scheduled)", WEBHOOKS + "PendingEmailHandler", Json.write(scheduled), 0));
        return calls;
    }

    private List<Call> adminCalls(FakeIdloom idloom) {
        String app = "jaradmin";
        List<Call> calls = new ArrayList<>();
        calls.add(admin("PUT app", "PUT", "/apps/" + app, "{\"name\": \"Jar check app\"}", 200));
        calls.add(admin("GET app", "GET", "/apps/" + app, null, 200));
        calls.add(admin("POST group", "POST", "/apps/" + app + "/groups", "{\"name\": \"Speakers\"}", 201));
        calls.add(admin("POST session", "POST", "/apps/" + app + "/sessions", "{\"name\": \"Workshop\"}", 201));
        calls.add(admin("POST custom field", "POST", "/apps/" + app + "/custom-fields",
                "{\"name\": \"Diet\", \"type\": \"text\"}", 201));
        calls.add(admin("POST person", "POST", "/apps/" + app + "/people",
                "{\"firstName\": \"Grace\", \"lastName\": \"Hopper\", \"email\": \"grace@jar.example\"}", 201));
        calls.add(admin("GET people", "GET", "/apps/" + app + "/people", null, 200));
        calls.add(admin("PUT idloom (checked with idloom, KMS Encrypt)", "PUT", "/apps/" + app + "/idloom",
                "{\"accountName\": \"bench-events\", \"server\": \"" + idloom.baseUrl() + "\", \"apiKey\": \""
                        + API_KEY + "\", \"ownerEmail\": \"owner@jar.example\"}", 200));
        calls.add(admin("PUT event (checked with idloom, KMS Decrypt)", "PUT",
                "/apps/" + app + "/idloom/events/" + BenchApp.EVENT, "{\"name\": \"Bench Summit\"}", 200));
        calls.add(admin("GET form", "GET", "/apps/" + app + "/idloom/events/" + BenchApp.EVENT + "/form", null, 200));
        calls.add(admin("POST mapping", "POST", "/apps/" + app + "/idloom/events/" + BenchApp.EVENT + "/mappings",
                "{\"source\": {\"kind\": \"field\", \"id\": \"free_field3\"}, "
                        + "\"target\": {\"kind\": \"profile\", \"id\": \"about\"}, \"tickbox\": false}",
                201));
        calls.add(admin("GET webhooks", "GET", "/apps/" + app + "/idloom/webhooks", null, 200));
        calls.add(admin("PUT active", "PUT", "/apps/" + app + "/idloom/active", "{\"active\": false}", 200));
        calls.add(admin("GET log", "GET", "/apps/" + app + "/idloom/log", null, 200));
        calls.add(admin("refused: unknown app", "GET", "/apps/no-such-app", null, 404));
        return calls;
    }

    private Result check(String jar, Path copy, List<Call> calls, Map<String, String> env)
            throws IOException, InterruptedException {
        Path callsFile = work.resolve("jar-check-" + Path.of(jar).getFileName() + ".tsv");
        List<String> lines = new ArrayList<>();
        for (Call call : calls) {
            lines.add(call.handler() + "\t" + call.event());
        }
        Files.write(callsFile, lines, StandardCharsets.UTF_8);
        Path out = work.resolve("jar-check.out");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                copy + java.io.File.pathSeparator + inputs.childClasses(),
                JarCheckChild.class.getName(), callsFile.toString()));
        if (jar.contains("webhooks")) {
            command.add("primed");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        List<String> answers = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("answer\t")).map(l -> l.substring(7)).toList();
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            if (i >= answers.size()) {
                List<String> causes = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                        .filter(l -> l.startsWith("Caused by") || l.startsWith("Exception")).toList();
                outcomes.add(new Outcome(call.name(), call.expectedStatus(), -1, "no answer; "
                        + (causes.isEmpty() ? "see " + out : causes.get(causes.size() - 1))));
                continue;
            }
            JsonNode answer = read(answers.get(i));
            int status = call.expectedStatus() == 0 ? (answer.has("sent") ? 0 : -1) : answer.path("statusCode").asInt(-1);
            outcomes.add(new Outcome(call.name(), call.expectedStatus(), status, answers.get(i)));
        }
        String shown = "java -cp " + jar + ":bench/target/work/inputs/classes " + JarCheckChild.class.getName()
                + " CALLS_FILE"
                + (jar.contains("webhooks") ? " primed" : "");
        return new Result(jar, shown, outcomes);
    }

    private Call webhook(String name, String handler, String shortcode, WebhookKind kind, String body, int status) {
        return new Call(name, handler, BenchApp.apiGatewayEvent(kind, shortcode, body), status);
    }

    private static Call admin(String name, String method, String path, String body, int status) {
        ObjectNode event = Json.object();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.putObject("headers").put("content-type", "application/json");
        ObjectNode context = event.putObject("requestContext");
        context.putObject("http").put("method", method).put("path", path).put("sourceIp", "127.0.0.1");
        context.put("domainName", "api.example.test").put("stage", "$default");
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return new Call(name, ADMIN, Json.write(event), status);
    }

    private void manualPerson(String shortcode, String email) {
        SampleAttendees.addByHand(new PeopleDirectory(dynamo, table), shortcode, email, List.of());
    }

    private static JsonNode read(String json) {
        try {
            return Json.read(json);
        } catch (IOException e) {
            return Json.object().put("unreadable", json);
        }
    }
}
