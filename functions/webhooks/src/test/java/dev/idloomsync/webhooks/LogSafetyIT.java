package dev.idloomsync.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idloomsync.http.Json;
import dev.idloomsync.log.JsonLog;
import dev.idloomsync.sync.WebhookKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import static dev.idloomsync.webhooks.SyncTestBed.attendee;
import static org.assertj.core.api.Assertions.assertThat;

/** Logs are JSON lines with ids and outcomes, never a name, an email address or the webhook secret. */
class LogSafetyIT {
    private static final String T1 = "2024-05-01T10:00:00Z";
    private static final String T2 = "2024-05-01T11:00:00Z";

    @AfterEach
    void restore() {
        JsonLog.redirect(new JsonLog(System.out, Clock.systemUTC()));
    }

    @Test
    void webhookLogsCarryIdsAndOutcomesOnly() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        JsonLog.redirect(new JsonLog(new PrintStream(captured, true, StandardCharsets.UTF_8), Clock.systemUTC()));
        SyncTestBed bed = new SyncTestBed().withStandardSetup();
        bed.manualPerson("grace@example.com", List.of());
        ObjectNode grace = attendee("att-1", "grace@example.com", T1);
        grace.put("firstname", "Gracious");
        grace.put("lastname", "Hopperton");

        bed.send(WebhookKind.CREATE, grace);
        bed.send(WebhookKind.CREATE, attendee("att-2", "ada@example.com", T1));
        bed.send(WebhookKind.DELETE, attendee("att-1", "grace@example.com", T2));
        bed.send(WebhookKind.CREATE, bed.shortcode, "wrong-" + SyncTestBed.SECRET, Json.write(grace), "application/json");
        bed.send(WebhookKind.CREATE, "{\"uid\":\"att-3\",\"event_uid\":\"evt-100\",\"email\":\"nobody-at-example\"}");

        String log = captured.toString(StandardCharsets.UTF_8);
        List<String> lines = log.lines().toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(5);
        for (String line : lines) {
            JsonNode entry = Json.read(line);
            assertThat(entry.has("level")).as(line).isTrue();
            assertThat(entry.has("message")).as(line).isTrue();
        }
        assertThat(log).contains("att-1", "att-2", bed.shortcode, "\"status\":401", "\"status\":400");
        assertThat(log).doesNotContain("grace@example.com", "ada@example.com", "nobody-at-example", "Gracious",
                "Hopperton", "Lovelace", SyncTestBed.SECRET, "@");
    }

    @Test
    void attendeeTextIsEscapedInTheOwnerEmail() {
        SyncTestBed bed = new SyncTestBed().withStandardSetup();
        bed.manualPerson("grace@example.com", List.of());
        ObjectNode hostile = attendee("att-1", "grace@example.com", T1);
        hostile.put("firstname", "<img src=x onerror=alert(1)>");
        hostile.put("lastname", "<script>alert('x')</script>");
        bed.send(WebhookKind.CREATE, hostile);

        bed.send(WebhookKind.DELETE, attendee("att-1", "grace@example.com", T2));

        assertThat(bed.emailsToOwner()).hasSize(1);
        String html = bed.emailsToOwner().get(0).body();
        assertThat(html).doesNotContain("<img", "<script").contains("&lt;img src=x onerror=alert(1)&gt;",
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    }
}
