package dev.idloomsync.webhooks;

import dev.idloomsync.http.Json;
import dev.idloomsync.sync.WebhookKind;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

import static dev.idloomsync.webhooks.SyncTestBed.attendee;
import static dev.idloomsync.webhooks.SyncTestBed.s;
import static org.assertj.core.api.Assertions.assertThat;

/** Rule 1: each refusal answers a JSON error that says what to fix, writes no people and is in the sync log. */
class RefusalIT {
    private static final String T1 = "2024-05-01T10:00:00Z";

    @Test
    void anUnknownShortcodeIs404AndSaysTheShortcodeMayHaveChanged() {
        SyncTestBed bed = new SyncTestBed();

        SyncTestBed.Response response = bed.send(WebhookKind.CREATE, "nosuchapp", SyncTestBed.SECRET,
                Json.write(attendee("att-1", "ada@example.com", T1)), "application/json");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text("error")).contains("nosuchapp");
        assertThat(response.text("hint")).contains("shortcode may have changed");
    }

    @Test
    void aSwitchedOffIntegrationIs409SoThatIdloomRetries() {
        SyncTestBed bed = new SyncTestBed(java.time.Duration.ZERO).withStandardSetup();
        bed.setups.setActive(bed.shortcode, false);

        SyncTestBed.Response response = bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));

        assertRefused(bed, response, 409, "switched off", "/idloom/active");
    }

    @Test
    void anEventNotLinkedToTheAppIs422() {
        SyncTestBed bed = new SyncTestBed().withStandardSetup();
        var body = attendee("att-1", "ada@example.com", T1);
        body.put("event_uid", "evt-other");

        SyncTestBed.Response response = bed.send(WebhookKind.CREATE, body);

        assertRefused(bed, response, 422, "evt-other", "PUT /apps/" + bed.shortcode + "/idloom/events/evt-other");
    }

    @Test
    void aBodyThatIsNotAnAttendeeIs400() {
        SyncTestBed bed = new SyncTestBed().withStandardSetup();
        for (String body : List.of("", "not json", "[1,2]", "{\"event_uid\":\"evt-100\"}", "{\"uid\":\"a\"}",
                "{\"uid\":{\"x\":1},\"event_uid\":\"evt-100\"}",
                "{\"uid\":\"a\",\"event_uid\":\"evt-100\",\"email\":\"not-an-email\"}")) {
            SyncTestBed.Response response = bed.send(WebhookKind.CREATE, body);
            assertRefused(bed, response, 400, "not a usable idloom attendee", null);
        }
    }

    @Test
    void aMissingOrWrongSecretIs401() {
        SyncTestBed bed = new SyncTestBed().withStandardSetup();
        String body = Json.write(attendee("att-1", "ada@example.com", T1));

        SyncTestBed.Response missing = bed.send(WebhookKind.CREATE, bed.shortcode, null, body, "application/json");
        SyncTestBed.Response wrong = bed.send(WebhookKind.DELETE, bed.shortcode, "guess", body, "application/json");

        assertRefused(bed, missing, 401, "secret", "/idloom/webhooks");
        assertRefused(bed, wrong, 401, "secret", "/idloom/webhooks");
    }

    @Test
    void aNonJsonContentTypeIs415() {
        SyncTestBed bed = new SyncTestBed().withStandardSetup();

        SyncTestBed.Response response = bed.send(WebhookKind.CREATE, bed.shortcode, SyncTestBed.SECRET,
                "uid=att-1&event_uid=evt-100", "application/x-www-form-urlencoded");

        assertRefused(bed, response, 415, "not JSON", "application/json");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        SyncTestBed bed = new SyncTestBed().withStandardSetup();
        var body = attendee("att-1", "ada@example.com", T1);
        body.put("free_field50", "x".repeat(300 * 1024));

        SyncTestBed.Response response = bed.send(WebhookKind.CREATE, body);

        assertRefused(bed, response, 413, "larger than", null);
    }

    private static void assertRefused(SyncTestBed bed, SyncTestBed.Response response, int status, String error, String hint) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.text("error")).contains(error);
        if (hint != null) {
            assertThat(response.text("hint")).contains(hint);
        } else {
            assertThat(response.text("hint")).isNotBlank();
        }
        assertThat(bed.peoplePartition()).isEmpty();
        List<Map<String, AttributeValue>> log = bed.syncLog();
        assertThat(log).anySatisfy(entry -> {
            assertThat(s(entry, "outcome")).isEqualTo("refused");
            assertThat(entry.get("status").n()).isEqualTo(Integer.toString(status));
        });
    }
}
