package dev.idloomsync.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idloomsync.app.Integration;
import dev.idloomsync.store.KmsApiKeyCipher;
import dev.idloomsync.sync.WebhookKind;
import dev.idloomsync.testkit.FakeIdloom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static dev.idloomsync.webhooks.SyncTestBed.attendee;
import static dev.idloomsync.webhooks.SyncTestBed.s;
import static org.assertj.core.api.Assertions.assertThat;

/** Confirm with idloom: what is applied is what idloom's API says, so a forged body can at worst cause a correct re-sync. */
class ConfirmWithIdloomIT {
    private static final String T1 = "2024-05-01T10:00:00Z";
    private static final String T2 = "2024-05-01T11:00:00Z";
    private static final String KEY = "key-for-" + System.nanoTime();

    private FakeIdloom idloom;
    private SyncTestBed bed;

    @BeforeEach
    void setUp() {
        idloom = FakeIdloom.start(0).account("acme-events", KEY).event(SyncTestBed.EVENT, "Acme Summit");
        bed = new SyncTestBed().withStandardSetup();
        saveIntegration(KEY);
    }

    @AfterEach
    void tearDown() {
        idloom.close();
    }

    private void saveIntegration(String apiKey) {
        try (var kms = SyncTestBed.moto().kms()) {
            byte[] encrypted = new KmsApiKeyCipher(kms, SyncTestBed.kmsKeyId()).encrypt(bed.shortcode, apiKey);
            bed.setups.putIntegration(bed.shortcode, new Integration("acme-events", idloom.baseUrl(), encrypted,
                    bed.ownerEmail, true, SyncTestBed.SECRET, true));
        }
    }

    @Test
    void aCreateAppliesIdloomsCopyNotTheBody() {
        idloom.attendee(SyncTestBed.EVENT, attendee("att-1", "ada@example.com", T1));
        ObjectNode forged = attendee("att-1", "mallory@evil.example", T2);
        forged.put("firstname", "Mallory");

        SyncTestBed.Response response = bed.send(WebhookKind.CREATE, forged);

        assertThat(response.status()).isEqualTo(200);
        Map<String, AttributeValue> person = bed.onlyPerson();
        assertThat(s(person, "firstName")).isEqualTo("Ada");
        assertThat(s(person, "email")).isEqualTo("ada@example.com");
        assertThat(idloom.requests()).anySatisfy(r -> {
            assertThat(r.path()).endsWith("/attendees");
            assertThat(r.param("guest_uid")).isEqualTo("att-1");
            assertThat(r.param("ignore_fields_mapping")).isEqualTo("1");
        });
    }

    @Test
    void aCreateForARegistrationIdloomDoesNotKnowAddsNobody() {
        SyncTestBed.Response response = bed.send(WebhookKind.CREATE, attendee("att-forged", "x@example.com", T1));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("outcome")).isEqualTo("ignored");
        assertThat(bed.peoplePartition()).isEmpty();
    }

    @Test
    void aDeleteIsAppliedOnlyWhenIdloomNoLongerHasTheRegistration() {
        idloom.attendee(SyncTestBed.EVENT, attendee("att-1", "ada@example.com", T1));
        bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));

        SyncTestBed.Response forged = bed.send(WebhookKind.DELETE, attendee("att-1", "ada@example.com", T2));
        assertThat(forged.text("outcome")).isEqualTo("ignored");
        assertThat(bed.people()).hasSize(1);

        idloom.removeAttendee(SyncTestBed.EVENT, "att-1");
        SyncTestBed.Response real = bed.send(WebhookKind.DELETE, attendee("att-1", "ada@example.com", T2));
        assertThat(real.text("action")).isEqualTo("removed");
        assertThat(bed.people()).isEmpty();
    }

    @Test
    void aDeleteOfARegistrationIdloomHasCancelledRemovesThePerson() {
        idloom.attendee(SyncTestBed.EVENT, attendee("att-1", "ada@example.com", T1));
        bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));
        ObjectNode cancelled = attendee("att-1", "ada@example.com", T2);
        cancelled.put("registration_status", "Cancelled");
        idloom.attendee(SyncTestBed.EVENT, cancelled);

        bed.send(WebhookKind.DELETE, attendee("att-1", "ada@example.com", T2));

        assertThat(bed.people()).isEmpty();
    }

    @Test
    void idloomFailingOrRateLimitingGives503AndNoWrite() {
        idloom.attendee(SyncTestBed.EVENT, attendee("att-1", "ada@example.com", T1));

        idloom.failNext(1, 500);
        SyncTestBed.Response serverError = bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));
        idloom.rateLimitNext(1, 30);
        SyncTestBed.Response rateLimited = bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));

        assertThat(serverError.status()).isEqualTo(503);
        assertThat(rateLimited.status()).isEqualTo(503);
        assertThat(serverError.text("hint")).contains("retries");
        assertThat(bed.peoplePartition()).isEmpty();

        SyncTestBed.Response retried = bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));
        assertThat(retried.status()).isEqualTo(200);
        assertThat(bed.people()).hasSize(1);
    }

    @Test
    void aRevokedApiKeyGives409SoThatIdloomKeepsTheWebhook() {
        idloom.account("acme-events", "another-key");

        SyncTestBed.Response response = bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.text("error")).contains("API key");
        assertThat(response.text("hint")).contains("PUT /apps/" + bed.shortcode + "/idloom");
        assertThat(bed.peoplePartition()).isEmpty();
    }
}
