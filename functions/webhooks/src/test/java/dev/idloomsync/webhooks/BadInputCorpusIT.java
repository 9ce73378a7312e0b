package dev.idloomsync.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idloomsync.http.Json;
import dev.idloomsync.sync.WebhookKind;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static dev.idloomsync.webhooks.SyncTestBed.attendee;
import static dev.idloomsync.webhooks.SyncTestBed.list;
import static dev.idloomsync.webhooks.SyncTestBed.s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad input corpus: every file of {@code src/test/resources/corpus} is one webhook delivery and
 * what it must give (format in that folder's README.md). Each runs against a fresh app that already
 * holds one synced registration, so that a refusal has something it could wrongly change.
 */
class BadInputCorpusIT {
    /** The registration every case's app starts with. */
    static final String SEED_UID = "att-seed";
    private static final String SEED_AT = "2024-01-01T00:00:00Z";

    static Stream<Arguments> corpus() throws IOException, URISyntaxException {
        URL folder = BadInputCorpusIT.class.getResource("/corpus");
        assertThat(folder).as("test resource folder corpus").isNotNull();
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of(folder.toURI()))) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("corpus cases").hasSizeGreaterThanOrEqualTo(40);
        return files.stream().map(p -> Arguments.of(Named.of(p.getFileName().toString(), p)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachCaseIsRefusedWithAClearErrorOrAppliedAsWritten(Path file) throws IOException {
        String id = file.getFileName().toString();
        JsonNode spec = Json.read(Files.readString(file, StandardCharsets.UTF_8));
        JsonNode expect = spec.required("expect");
        int expected = expect.required("status").asInt();

        SyncTestBed bed = new SyncTestBed().withStandardSetup();
        SyncTestBed.Response seeded = bed.send(WebhookKind.CREATE, attendee(SEED_UID, "seed@example.com", SEED_AT));
        assertThat(seeded.status()).as("seed registration").isEqualTo(200);
        Map<String, Map<String, AttributeValue>> before = bed.peoplePartition();

        SyncTestBed.Response response = send(bed, spec);

        assertThat(response.status()).as(id + ": status, answer " + response.body())
                .isLessThan(500).isEqualTo(expected);
        if (expected >= 400) {
            assertRefused(id, bed, expect, expected, response, before);
        } else {
            assertApplied(id, bed, spec, response);
        }
    }

    private static void assertRefused(String id, SyncTestBed bed, JsonNode expect, int status,
                                      SyncTestBed.Response response, Map<String, Map<String, AttributeValue>> before) {
        assertThat(response.body().isObject()).as(id + ": JSON error body").isTrue();
        assertThat(response.text("error")).as(id + ": error").isNotBlank()
                .containsIgnoringCase(expect.required("errorContains").asText());
        assertThat(response.text("hint")).as(id + ": hint").isNotBlank();
        assertThat(bed.peoplePartition()).as(id + ": people partition after a refusal").isEqualTo(before);
        assertThat(bed.syncLog()).as(id + ": sync log").anySatisfy(entry -> {
            assertThat(s(entry, "outcome")).isEqualTo("refused");
            assertThat(entry.get("status").n()).isEqualTo(Integer.toString(status));
        });
    }

    private static void assertApplied(String id, SyncTestBed bed, JsonNode spec, SyncTestBed.Response response) {
        JsonNode expect = spec.get("expect");
        assertThat(response.text("outcome")).as(id + ": outcome, answer " + response.body())
                .isEqualTo(expect.path("outcome").asText("applied"));
        Map<String, Map<String, AttributeValue>> partition = bed.peoplePartition();
        JsonNode person = expect.path("person");
        if (person.isObject()) {
            Map<String, AttributeValue> item = partition.get("PERSON#" + response.text("personId"));
            assertThat(item).as(id + ": the person the answer names").isNotNull();
            for (Iterator<Map.Entry<String, JsonNode>> it = person.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String attribute = e.getKey();
                JsonNode want = e.getValue();
                if (want.isNull()) {
                    assertThat(item).as(id + ": person attribute " + attribute).doesNotContainKey(attribute);
                } else if (want.isArray()) {
                    List<String> values = new ArrayList<>();
                    want.forEach(v -> values.add(v.asText()));
                    assertThat(list(item, attribute)).as(id + ": person attribute " + attribute)
                            .containsExactlyInAnyOrderElementsOf(values);
                } else {
                    assertThat(s(item, attribute)).as(id + ": person attribute " + attribute)
                            .isEqualTo(expand(spec, want.asText()));
                }
            }
        }
        for (JsonNode key : expect.path("items")) {
            assertThat(partition).as(id + ": people partition").containsKey(key.asText());
        }
    }

    // ---- sending a case ----------------------------------------------------------------------

    private static SyncTestBed.Response send(SyncTestBed bed, JsonNode spec) {
        WebhookKind kind = WebhookKind.valueOf(spec.path("webhook").asText("create").toUpperCase(Locale.ROOT));
        String contentType = spec.has("contentType") ? Json.text(spec.get("contentType")) : "application/json";
        if (spec.has("bodyBase64")) {
            return sendBase64(bed, kind, spec.get("bodyBase64").asText(), contentType);
        }
        String body = null;
        if (spec.has("body")) {
            body = spec.get("body").asText();
        } else if (spec.has("json")) {
            body = Json.write(spec.get("json"));
        }
        return bed.send(kind, bed.shortcode, SyncTestBed.SECRET, body == null ? null : expand(spec, body),
                contentType);
    }

    /** Replaces each placeholder of the case's {@code expand} with its text repeated. */
    private static String expand(JsonNode spec, String text) {
        String expanded = text;
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("expand").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            expanded = expanded.replace(e.getKey(), e.getValue().required("text").asText()
                    .repeat(e.getValue().required("times").asInt()));
        }
        return expanded;
    }

    /** API Gateway's form for a body it does not pass as text: base64 with isBase64Encoded. */
    private static SyncTestBed.Response sendBase64(SyncTestBed bed, WebhookKind kind, String base64,
                                                   String contentType) {
        Base64.getDecoder().decode(base64); // a corpus typo should fail here, not look like a refusal
        ObjectNode event = Json.object();
        event.put("version", "2.0");
        event.put("routeKey", "POST /idloom/{shortcode}/" + kind.wire());
        event.put("rawPath", "/idloom/" + bed.shortcode + "/" + kind.wire());
        event.put("rawQueryString", "secret=" + SyncTestBed.SECRET);
        event.putObject("queryStringParameters").put("secret", SyncTestBed.SECRET);
        ObjectNode headers = event.putObject("headers");
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        event.putObject("pathParameters").put("shortcode", bed.shortcode);
        event.putObject("requestContext").putObject("http").put("method", "POST")
                .put("path", "/idloom/" + bed.shortcode + "/" + kind.wire()).put("sourceIp", "127.0.0.1");
        event.put("body", base64);
        event.put("isBase64Encoded", true);
        return SyncTestBed.invoke(handler(bed, kind), Json.write(event));
    }

    private static WebhookHandler handler(SyncTestBed bed, WebhookKind kind) {
        return switch (kind) {
            case CREATE -> new CreateWebhookHandler(bed.parts.service());
            case UPDATE -> new UpdateWebhookHandler(bed.parts.service());
            case DELETE -> new DeleteWebhookHandler(bed.parts.service());
        };
    }
}
