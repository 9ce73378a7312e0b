package dev.idloomsync.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.idloomsync.http.Json;
import dev.idloomsync.testkit.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The README's first command, in-process: the runner with its own moto_server and fake idloom on
 * free ports, driven over real HTTP with the demo bodies it writes from {@code events/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalRunnerIT {
    private static final String ANN = "ann.peeters@example.com";

    private LocalRunner runner;
    private DynamoDbClient dynamo;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() {
        runner = LocalRunner.start(new LocalOptions(0, 0, 0, null, LocalOptions.findProjectRoot()));
        dynamo = AwsClients.dynamoDb(runner.awsEndpoint());
    }

    @AfterAll
    void stop() {
        if (dynamo != null) {
            dynamo.close();
        }
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void theDemoWebhooksAddUpdateAndRemoveThePerson() throws Exception {
        HttpResponse<String> created = postWebhook("create", DemoSeed.WEBHOOK_SECRET, demoBody("create"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(json(created).path("outcome").asText()).isEqualTo("applied");
        assertThat(created.headers().firstValue("content-type")).hasValue("application/json");
        Map<String, AttributeValue> person = personWithEmail(ANN);
        assertThat(person).as("Ann in the table").isNotNull();
        assertThat(person.get("origin").s()).isEqualTo("idloom");
        assertThat(person.get("jobTitle").s()).isEqualTo("Head of Data");
        HttpResponse<String> people = send(HttpRequest.newBuilder(url("/apps/demo/people")).GET());
        assertThat(people.statusCode()).as(people.body()).isEqualTo(200);
        JsonNode ann = null;
        for (JsonNode listed : json(people).path("people")) {
            if (ANN.equals(listed.path("email").asText())) {
                ann = listed;
            }
        }
        assertThat(ann).as("Ann in GET /apps/demo/people: " + people.body()).isNotNull();
        assertThat(ann.path("groups")).extracting(JsonNode::asText).containsExactly("g-attendees", "g-speakers");
        assertThat(ann.path("sessions")).extracting(JsonNode::asText).containsExactly("s-workshop-a");
        assertThat(ann.path("profile").path("linkedin").asText()).isEqualTo("https://www.linkedin.com/in/ann-peeters-example");
        assertThat(ann.path("custom").path("Newsletter").asText()).isEqualTo("Yes");

        HttpResponse<String> updated = postWebhook("update", DemoSeed.WEBHOOK_SECRET, demoBody("update"));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(personWithEmail(ANN).get("jobTitle").s()).isEqualTo("Chief Data Officer");

        HttpResponse<String> deleted = postWebhook("delete", DemoSeed.WEBHOOK_SECRET, demoBody("delete"));
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(personWithEmail(ANN)).as("Ann after the delete").isNull();
    }

    @Test
    void theAdminApiIsServedOnBothOfItsRoutes() throws Exception {
        HttpResponse<String> app = send(HttpRequest.newBuilder(url("/apps/demo")).GET());
        assertThat(app.statusCode()).as(app.body()).isEqualTo(200);
        assertThat(json(app).path("name").asText()).isEqualTo(DemoSeed.APP_NAME);

        HttpResponse<String> webhooks = send(HttpRequest.newBuilder(url("/apps/demo/idloom/webhooks")).GET());
        assertThat(webhooks.statusCode()).as(webhooks.body()).isEqualTo(200);
        assertThat(json(webhooks).path("create").asText())
                .isEqualTo(runner.apiUrl() + "/idloom/demo/create?secret=" + DemoSeed.WEBHOOK_SECRET);

        HttpResponse<String> created = send(HttpRequest.newBuilder(url("/apps/it-app"))
                .header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\": \"IT app\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void aWrongSecretIsRefusedWith401AndAddsNobody() throws Exception {
        String body = attendee("att-401", "wrong.secret@example.com");

        HttpResponse<String> response = postWebhook("create", "not-the-secret", body);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("error").asText()).contains("secret");
        assertThat(personWithEmail("wrong.secret@example.com")).isNull();
    }

    @Test
    void anUnknownRouteIs404Json() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/no/such/route")).GET());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(json(response).path("error").asText()).isEqualTo("No route for GET /no/such/route");
        assertThat(json(response).path("hint").asText()).contains("POST /idloom/{shortcode}/create");
    }

    @Test
    void aWebhookRouteAnswersOnlyItsMethod() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/idloom/demo/create")).GET());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void aBodyThatIsNotUtf8ReachesTheHandlerBase64Encoded() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        url("/idloom/demo/create?secret=" + DemoSeed.WEBHOOK_SECRET))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'})));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).contains("UTF-8");
    }

    @Test
    void thirtyTwoClientsAtOnceAreAllServed() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(LocalRunner.HTTP_THREADS);
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < LocalRunner.HTTP_THREADS; i++) {
                String body = attendee("att-burst-" + i, "burst" + i + "@example.com");
                calls.add(() -> postWebhook("create", DemoSeed.WEBHOOK_SECRET, body));
            }
            for (Future<HttpResponse<String>> answer : clients.invokeAll(calls)) {
                assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(personWithEmail("burst31@example.com")).isNotNull();
    }

    // ---------------------------------------------------------------- helpers

    private String demoBody(String webhook) throws IOException {
        return Files.readString(runner.bodies().resolve(webhook + ".json"));
    }

    private static String attendee(String uid, String email) {
        ObjectNode body = Json.object()
                .put("uid", uid)
                .put("event_uid", DemoSeed.EVENT_UID)
                .put("updated_at", "2024-06-12T10:15:30+00:00")
                .put("registration_status", "Confirmed")
                .put("payment_status", "Paid")
                .put("firstname", "Test")
                .put("lastname", uid)
                .put("email", email);
        return Json.write(body);
    }

    private HttpResponse<String> postWebhook(String webhook, String secret, String body) throws Exception {
        return send(HttpRequest.newBuilder(url("/idloom/" + DemoSeed.SHORTCODE + "/" + webhook + "?secret=" + secret))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String pathAndQuery) {
        return URI.create(runner.apiUrl() + pathAndQuery);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.read(response.body());
    }

    private Map<String, AttributeValue> personWithEmail(String email) {
        return dynamo.query(r -> r.tableName(runner.settings().tableName())
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :person)")
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS("PEOPLE#" + DemoSeed.SHORTCODE),
                                ":person", AttributeValue.fromS("PERSON#"))))
                .items().stream()
                .filter(item -> item.containsKey("email") && email.equalsIgnoreCase(item.get("email").s()))
                .findFirst().orElse(null);
    }
}
