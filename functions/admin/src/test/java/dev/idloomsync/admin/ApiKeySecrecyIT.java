package dev.idloomsync.admin;

import dev.idloomsync.admin.AdminTestBed.Reply;
import dev.idloomsync.log.JsonLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static dev.idloomsync.admin.AdminTestBed.ACCOUNT;
import static dev.idloomsync.admin.AdminTestBed.EVENT;
import static org.assertj.core.api.Assertions.assertThat;

/** The idloom API key is in no answer of any route, no log line and no table item in clear. */
class ApiKeySecrecyIT {
    private static final String KEY = "idl-live-7Q9xK2mV4pR8sT1w";
    private final AdminTestBed bed = new AdminTestBed();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final List<Reply> replies = new ArrayList<>();

    @BeforeEach
    void captureTheLog() {
        bed.idloom.account(ACCOUNT, KEY);
        JsonLog.redirect(new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8), Clock.systemUTC()));
    }

    @AfterEach
    void restoreTheLog() {
        JsonLog.redirect(new JsonLog(System.out, Clock.systemUTC()));
        bed.close();
    }

    @Test
    void theKeyIsNeverShown() {
        String server = bed.idloom.baseUrl();
        String integration = "{\"accountName\": \"" + ACCOUNT + "\", \"server\": \"" + server + "\", \"apiKey\": \""
                + KEY + "\", \"ownerEmail\": \"owner@acme.example\"}";
        call(bed.put(bed.app(), "{\"name\": \"Acme\"}"));
        // Refused first: a wrong account, a key idloom rejects, an unreachable server, broken JSON around the key.
        call(bed.put("/idloom", integration.replace(ACCOUNT, "globex")));
        call(bed.put("/idloom", integration.replace(KEY, KEY + "x")));
        call(bed.put("/idloom", integration.replace(server, "http://127.0.0.1:1/api/v4")));
        call(bed.put("/idloom", "{\"apiKey\": \"" + KEY + "\" \"accountName\": 1}"));
        call(bed.put("/idloom", "{\"apiKey\": " + KEY + "}"));
        call(bed.put("/idloom", "{\"apiKey\": [\"" + KEY + "\"], \"accountName\": \"acme-events\", \"ownerEmail\": \"o@acme.example\"}"));
        call(bed.put("/idloom", integration));
        call(bed.put("/idloom", integration));
        call(bed.get(bed.app()));
        call(bed.get("/idloom"));
        call(bed.put("/idloom/active", "{\"active\": false}"));
        call(bed.get("/idloom/webhooks"));
        call(bed.put("/idloom/events/" + EVENT, "{\"name\": \"Acme Summit 2024\"}"));
        call(bed.get("/idloom/events/" + EVENT + "/form"));
        call(bed.post("/idloom/events/" + EVENT + "/mappings",
                "{\"source\": {\"kind\": \"field\", \"id\": \"free_field3\"}, \"target\": {\"kind\": \"profile\", \"id\": \"about\"}}"));
        call(bed.get("/idloom/events/" + EVENT + "/mappings"));
        call(bed.get("/idloom/log"));
        bed.idloom.allowApiAccess(false);
        call(bed.get("/idloom/events/" + EVENT + "/form"));

        assertThat(replies).extracting(Reply::status).contains(200, 201, 400, 422);
        for (Reply reply : replies) {
            assertThat(reply.body().toString()).doesNotContain(KEY);
        }
        String log = logged.toString(StandardCharsets.UTF_8);
        assertThat(log.lines().count()).isGreaterThanOrEqualTo(replies.size());
        assertThat(log).doesNotContain(KEY);
        assertThat(bed.items().toString()).doesNotContain(KEY);
    }

    private void call(Reply reply) {
        replies.add(reply);
    }
}
