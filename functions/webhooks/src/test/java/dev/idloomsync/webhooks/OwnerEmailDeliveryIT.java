package dev.idloomsync.webhooks;

import dev.idloomsync.config.Settings;
import dev.idloomsync.sync.WebhookKind;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static dev.idloomsync.webhooks.SyncTestBed.attendee;
import static org.assertj.core.api.Assertions.assertThat;

/** Rule 5: when SES fails, the removal still commits and the email waits; the scheduled sender sends it once. */
class OwnerEmailDeliveryIT {
    private static final String T1 = "2024-05-01T10:00:00Z";
    private static final String T2 = "2024-05-01T11:00:00Z";

    @Test
    void anEmailSesRefusedIsSentLaterExactlyOnce() throws Exception {
        SyncTestBed bed = new SyncTestBed().withStandardSetup();
        String unverified = "not-verified-" + bed.shortcode + "@idloom-sync.test";
        Settings settings = bed.settings(unverified, Duration.ofSeconds(30));
        WebhookParts failing = WebhookParts.build(settings, bed.dynamo, bed.ses, SyncTestBed.moto().kms(), Clock.systemUTC());
        DeleteWebhookHandler delete = new DeleteWebhookHandler(failing.service());
        bed.manualPerson("grace@example.com", List.of());
        bed.send(WebhookKind.CREATE, attendee("att-1", "grace@example.com", T1));

        String event = deleteEvent(bed);
        SyncTestBed.Response response = SyncTestBed.invoke(delete, event);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("ownerEmail")).isEqualTo("pending");
        assertThat(bed.onlyPerson()).doesNotContainKey("links");
        assertThat(bed.pendingEmails()).hasSize(1);
        assertThat(bed.emailsToOwner()).isEmpty();

        Clock later = Clock.fixed(Instant.now().plus(Duration.ofMinutes(2)), ZoneOffset.UTC);
        PendingEmailHandler stillFailing = new PendingEmailHandler(failing.outbox(), later);
        run(stillFailing);
        assertThat(bed.pendingEmails()).hasSize(1);
        assertThat(bed.pendingEmails().get(0).get("attempts").n()).isEqualTo("2");

        SyncTestBed.moto().verifySender(unverified);
        Clock muchLater = Clock.fixed(Instant.now().plus(Duration.ofMinutes(4)), ZoneOffset.UTC);
        PendingEmailHandler working = new PendingEmailHandler(failing.outbox(), muchLater);
        String firstRun = run(working);
        String secondRun = run(working);

        assertThat(firstRun).contains("\"sent\":1");
        assertThat(secondRun).contains("\"sent\":0");
        assertThat(bed.emailsToOwner()).hasSize(1);
        assertThat(bed.pendingEmails()).isEmpty();
        assertThat(SyncTestBed.invoke(delete, event).text("outcome")).isEqualTo("ignored");
        assertThat(bed.emailsToOwner()).hasSize(1);
    }

    @Test
    void anEmailWhoseLeaseHasNotRunOutIsLeftToItsSender() throws Exception {
        SyncTestBed bed = new SyncTestBed().withStandardSetup();
        String unverified = "lease-" + bed.shortcode + "@idloom-sync.test";
        Settings settings = bed.settings(unverified, Duration.ofSeconds(30));
        WebhookParts failing = WebhookParts.build(settings, bed.dynamo, bed.ses, SyncTestBed.moto().kms(), Clock.systemUTC());
        bed.manualPerson("grace@example.com", List.of());
        bed.send(WebhookKind.CREATE, attendee("att-1", "grace@example.com", T1));
        SyncTestBed.invoke(new DeleteWebhookHandler(failing.service()), deleteEvent(bed));
        SyncTestBed.moto().verifySender(unverified);

        String run = run(new PendingEmailHandler(failing.outbox(), Clock.systemUTC()));

        assertThat(run).contains("\"sent\":0");
        assertThat(bed.pendingEmails()).hasSize(1);
    }

    private static String deleteEvent(SyncTestBed bed) {
        return bed.event(WebhookKind.DELETE, attendee("att-1", "grace@example.com", T2));
    }

    private static String run(PendingEmailHandler handler) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream("{}".getBytes()), out, null);
        return out.toString();
    }

}
