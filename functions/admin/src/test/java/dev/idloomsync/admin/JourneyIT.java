package dev.idloomsync.admin;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idloomsync.admin.AdminTestBed.Reply;
import dev.idloomsync.http.Json;
import dev.idloomsync.idloom.IdloomClient;
import dev.idloomsync.webhooks.CreateWebhookHandler;
import dev.idloomsync.webhooks.UpdateWebhookHandler;
import dev.idloomsync.webhooks.WebhookParts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static dev.idloomsync.admin.AdminTestBed.ACCOUNT;
import static dev.idloomsync.admin.AdminTestBed.API_KEY;
import static dev.idloomsync.admin.AdminTestBed.EVENT;
import static dev.idloomsync.admin.AdminTestBed.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organiser's whole setup through the admin API alone, then idloom's webhooks through the
 * webhook Lambdas, with the URLs the admin API gave: the mapped person shows in the people list
 * and the outcome in the sync log.
 */
class JourneyIT {
    private final AdminTestBed bed = new AdminTestBed();
    private final SesV2Client ses = AdminTestBed.moto().sesV2();
    private final WebhookParts webhooks = WebhookParts.build(bed.settings, bed.dynamo, ses, bed.kms, Clock.systemUTC());

    @AfterEach
    void close() {
        ses.close();
        bed.close();
    }

    @Test
    void setUpThroughTheAdminApiThenAWebhookMakesTheMappedPerson() {
        expect(201, bed.put(bed.app(), "{\"name\": \"Acme Summit app\"}"));
        String attendees = bed.group("Attendees");
        String speakers = bed.group("Speakers");
        String workshop = bed.session("Workshop A");
        String dinner = bed.session("Networking dinner");
        String diet = bed.customField("Dietary requirements", "text");
        String newsletter = bed.customField("Newsletter", "checkbox");
        expect(201, bed.put("/idloom", "{\"accountName\": \"" + ACCOUNT + "\", \"server\": \"" + bed.idloom.baseUrl()
                + "\", \"apiKey\": \"" + API_KEY + "\", \"ownerEmail\": \"owner@acme.example\", \"confirmWithIdloom\": false}"));
        expect(201, bed.put("/idloom/events/" + EVENT, "{\"name\": \"Acme Summit 2024\", \"defaultGroupId\": \"" + attendees + "\"}"));
        JsonNode form = expect(200, bed.get("/idloom/events/" + EVENT + "/form")).body();
        assertThat(form.get("fields").toString()).contains("free_field1", "free_field4");
        String mappings = "/idloom/events/" + EVENT + "/mappings";
        for (String rule : new String[] {
                rule("field", "free_field1", "custom", diet, false),
                rule("field", "free_field4", "custom", newsletter, true),
                rule("field", "free_field3", "profile", "about", false),
                rule("field", "free_field2", "profile", "linkedin", false),
                rule("field", "cpy_country", "profile", "country", false),
                rule("category", "cat-2", "group", speakers, false),
                rule("option", "opt-1", "session", workshop, false),
                rule("option", "opt-2", "session", dinner, false)}) {
            expect(201, bed.post(mappings, rule));
        }
        JsonNode urls = expect(200, bed.get("/idloom/webhooks")).body();

        ObjectNode samuel = attendee("att-1002");
        Reply created = webhook(new CreateWebhookHandler(webhooks.service()), urls.get("create").asText(), samuel);

        assertThat(created.status()).as("webhook answer %s", created.body()).isEqualTo(200);
        JsonNode people = expect(200, bed.get("/people")).body().get("people");
        assertThat(people).hasSize(1);
        JsonNode person = people.get(0);
        String personId = person.get("id").asText();
        assertThat(personId).isEqualTo(created.text("personId"));
        assertThat(person.get("origin").asText()).isEqualTo("idloom");
        assertThat(person.get("title").asText()).isEqualTo("Dr");
        assertThat(person.get("firstName").asText()).isEqualTo("Samuel");
        assertThat(person.get("lastName").asText()).isEqualTo("Okafor");
        assertThat(person.get("email").asText()).isEqualTo("s.okafor@initech.example");
        assertThat(person.get("jobTitle").asText()).isEqualTo("Chief Data Scientist");
        assertThat(person.get("company").asText()).isEqualTo("Initech");
        assertThat(person.get("phone").asText()).isEqualTo("+44 7700 900123");
        assertThat(person.get("profile")).isEqualTo(Json.object()
                .put("about", "Samuel builds forecasting models and speaks on applied machine learning.")
                .put("country", "GB").put("linkedin", "https://www.linkedin.com/in/samuelokafor"));
        assertThat(person.get("custom")).isEqualTo(Json.object().put("Newsletter", "No"));
        assertThat(texts(person.get("groups"))).containsExactlyInAnyOrder(attendees, speakers);
        assertThat(texts(person.get("sessions"))).containsExactlyInAnyOrder(workshop, dinner);
        assertThat(person.get("registration")).isEqualTo(Json.object().put("eventUid", EVENT).put("uid", "att-1002"));
        assertThat(expect(200, bed.get("/people/" + personId)).body()).isEqualTo(person);

        JsonNode entry = expect(200, bed.get("/idloom/log")).body().get("entries").get(0);
        assertThat(entry.get("webhook").asText()).isEqualTo("create");
        assertThat(entry.get("outcome").asText()).isEqualTo("applied");
        assertThat(entry.get("status").asInt()).isEqualTo(200);
        assertThat(entry.get("eventUid").asText()).isEqualTo(EVENT);
        assertThat(entry.get("uid").asText()).isEqualTo("att-1002");
        assertThat(entry.get("personId").asText()).isEqualTo(personId);

        // Switched off, idloom's webhooks are refused (and kept by idloom for a retry).
        expect(200, bed.put("/idloom/active", "{\"active\": false}"));
        Reply paused = webhook(new UpdateWebhookHandler(webhooks.service()), urls.get("update").asText(), samuel);
        assertThat(paused.status()).isEqualTo(409);
        JsonNode refusal = expect(200, bed.get("/idloom/log")).body().get("entries").get(0);
        assertThat(refusal.get("outcome").asText()).isEqualTo("refused");
        assertThat(refusal.get("status").asInt()).isEqualTo(409);
        expect(200, bed.put("/idloom/active", "{\"active\": true}"));

        // Deleted by hand, the person comes back with idloom's next update of its registration.
        expect(200, bed.delete("/people/" + personId));
        assertThat(expect(200, bed.get("/people")).body().get("people")).isEmpty();
        assertThat(bed.items().keySet()).noneMatch(key -> key.startsWith("PEOPLE#"));
        samuel.put("updated_at", "2024-05-11T10:00:00+00:00");
        Reply updated = webhook(new UpdateWebhookHandler(webhooks.service()), urls.get("update").asText(), samuel);
        assertThat(updated.status()).as("webhook answer %s", updated.body()).isEqualTo(200);
        assertThat(expect(200, bed.get("/people")).body().get("people")).hasSize(1);
        assertThat(expect(200, bed.get("/people/" + personId)).body().get("registration").get("uid").asText()).isEqualTo("att-1002");
    }

    @Test
    void theWebhookSideReadsTheKeyTheAdminApiSaved() {
        bed.withLinkedEvent(); // confirmWithIdloom is on by default: the sync asks idloom with the saved key
        bed.idloom.clearRequests();
        JsonNode urls = expect(200, bed.get("/idloom/webhooks")).body();

        Reply created = webhook(new CreateWebhookHandler(webhooks.service()), urls.get("create").asText(), attendee("att-1001"));

        assertThat(created.status()).as("webhook answer %s", created.body()).isEqualTo(200);
        assertThat(bed.idloom.requests()).isNotEmpty();
        assertThat(expect(200, bed.get("/people")).body().get("people").get(0).get("firstName").asText()).isEqualTo("Jane");
    }

    private static List<String> texts(JsonNode list) {
        List<String> texts = new ArrayList<>();
        list.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static String rule(String sourceKind, String sourceId, String targetKind, String targetId, boolean tickbox) {
        return "{\"source\": {\"kind\": \"" + sourceKind + "\", \"id\": \"" + sourceId + "\"}, \"target\": {\"kind\": \""
                + targetKind + "\", \"id\": \"" + targetId + "\"}, \"tickbox\": " + tickbox + "}";
    }

    /** The fake idloom's demo attendee, as idloom would send it in a webhook. */
    private ObjectNode attendee(String uid) {
        return (ObjectNode) new IdloomClient(bed.idloom.baseUrl(), API_KEY).findAttendee(EVENT, uid).orElseThrow();
    }

    /** POSTs the attendee to a webhook URL the admin API gave, as API Gateway hands it to the Lambda. */
    private static Reply webhook(RequestStreamHandler handler, String url,
                                 JsonNode attendee) {
        URI uri = URI.create(url);
        String path = uri.getRawPath();
        String secret = uri.getRawQuery().substring("secret=".length());
        ObjectNode event = Json.object();
        event.put("version", "2.0");
        event.put("routeKey", "POST " + path.replaceFirst("/idloom/[^/]+/", "/idloom/{shortcode}/"));
        event.put("rawPath", path);
        event.put("rawQueryString", uri.getRawQuery());
        event.putObject("queryStringParameters").put("secret", secret);
        event.putObject("headers").put("content-type", "application/json").put("host", uri.getHost());
        event.putObject("pathParameters").put("shortcode", path.split("/")[2]);
        ObjectNode context = event.putObject("requestContext");
        context.putObject("http").put("method", "POST").put("path", path).put("sourceIp", "127.0.0.1");
        context.put("domainName", uri.getHost()).put("stage", "$default");
        event.put("body", Json.write(attendee));
        event.put("isBase64Encoded", false);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), out, null);
            JsonNode proxy = Json.read(out.toString(StandardCharsets.UTF_8));
            return new Reply(proxy.get("statusCode").asInt(), Json.read(proxy.get("body").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
