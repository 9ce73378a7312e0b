package dev.idloomsync.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idloomsync.sync.WebhookKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.idloomsync.webhooks.SyncTestBed.attendee;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB requests per warm webhook, counted by an SDK interceptor on the client the handlers use:
 * one for the common paths, at most three for any other.
 */
class RequestCountIT {
    private static final String T1 = "2024-05-01T10:00:00Z";
    private static final String T2 = "2024-05-01T11:00:00Z";

    private static SyncTestBed warmBed() {
        SyncTestBed bed = new SyncTestBed().withStandardSetup();
        bed.send(WebhookKind.CREATE, attendee("warm-up", "warm@example.com", T1));
        return bed;
    }

    private static int count(SyncTestBed bed, WebhookKind kind, ObjectNode body) {
        bed.requests.reset();
        SyncTestBed.Response response = bed.send(kind, body);
        assertThat(response.status()).isEqualTo(200);
        return bed.requests.count();
    }

    @Test
    void aNewRegistrationTakesOneRequest() {
        SyncTestBed bed = warmBed();

        assertThat(count(bed, WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1))).isEqualTo(1);
        assertThat(bed.requests.operations()).containsExactly("TransactWriteItems");
    }

    @Test
    void anUpdateOfALinkedPersonTakesOneRequest() {
        SyncTestBed bed = warmBed();
        bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));

        assertThat(count(bed, WebhookKind.UPDATE, attendee("att-1", "ada@example.com", T2))).isEqualTo(1);
    }

    @Test
    void aDeleteOfAnIdloomPersonTakesOneRequest() {
        SyncTestBed bed = warmBed();
        bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));

        assertThat(count(bed, WebhookKind.DELETE, attendee("att-1", "ada@example.com", T2))).isEqualTo(1);
    }

    @Test
    void aDeleteOfAManualPersonTakesThreeRequestsWithTheOwnerEmailMarkedSent() {
        SyncTestBed bed = warmBed();
        bed.manualPerson("grace@example.com", List.of());
        bed.send(WebhookKind.CREATE, attendee("att-1", "grace@example.com", T1));

        assertThat(count(bed, WebhookKind.DELETE, attendee("att-1", "grace@example.com", T2))).isEqualTo(3);
        assertThat(bed.requests.operations()).containsExactly("TransactWriteItems", "TransactWriteItems", "DeleteItem");
    }

    @Test
    void otherPathsTakeAtMostThreeRequests() {
        SyncTestBed bed = warmBed();
        ObjectNode excluded = attendee("att-x", "x@example.com", T1);
        excluded.put("registration_status", "Cancelled");
        assertThat(count(bed, WebhookKind.CREATE, excluded)).as("excluded, never in the app").isLessThanOrEqualTo(3);

        bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));
        ObjectNode cancelled = attendee("att-1", "ada@example.com", T2);
        cancelled.put("registration_status", "Cancelled");
        assertThat(count(bed, WebhookKind.UPDATE, cancelled)).as("excluded, in the app").isLessThanOrEqualTo(3);

        assertThat(count(bed, WebhookKind.UPDATE, cancelled)).as("resend").isLessThanOrEqualTo(3);
        assertThat(count(bed, WebhookKind.UPDATE, attendee("att-1", "ada@example.com", T1))).as("stale").isLessThanOrEqualTo(3);

        bed.manualPerson("grace@example.com", List.of());
        assertThat(count(bed, WebhookKind.CREATE, attendee("att-2", "grace@example.com", T1))).as("link by email").isLessThanOrEqualTo(3);
        assertThat(count(bed, WebhookKind.UPDATE, attendee("att-2", "grace.h@example.com", T2))).as("email change").isLessThanOrEqualTo(3);
    }

    @Test
    void aColdLambdaReadsTheSetupOnceThenKeepsIt() {
        SyncTestBed bed = new SyncTestBed().withStandardSetup();

        bed.requests.reset();
        bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));
        bed.send(WebhookKind.CREATE, attendee("att-2", "bob@example.com", T1));

        assertThat(bed.requests.operations()).containsExactly("Query", "TransactWriteItems", "TransactWriteItems");
    }
}
