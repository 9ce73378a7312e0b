package dev.idloomsync.admin;

import dev.idloomsync.admin.AdminTestBed.Reply;
import dev.idloomsync.http.Json;
import dev.idloomsync.store.SyncLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static dev.idloomsync.admin.AdminTestBed.ACCOUNT;
import static dev.idloomsync.admin.AdminTestBed.API_KEY;
import static dev.idloomsync.admin.AdminTestBed.expect;
import static org.assertj.core.api.Assertions.assertThat;

/** The idloom integration, checked live against the fake idloom before it is saved. */
class IntegrationIT {
    private final AdminTestBed bed = new AdminTestBed();

    @AfterEach
    void close() {
        bed.close();
    }

    private String integration(String accountName, String server, String apiKey, String ownerEmail) {
        StringBuilder json = new StringBuilder("{\"accountName\": \"" + accountName + "\"");
        if (server != null) {
            json.append(", \"server\": \"").append(server).append('"');
        }
        if (apiKey != null) {
            json.append(", \"apiKey\": \"").append(apiKey).append('"');
        }
        return json.append(", \"ownerEmail\": \"").append(ownerEmail).append("\"}").toString();
    }

    private String valid() {
        return integration(ACCOUNT, bed.idloom.baseUrl(), API_KEY, "owner@acme.example");
    }

    @Test
    void savesTheIntegrationWithTheKeyEncryptedAndANewSecret() {
        bed.withApp();

        Reply saved = expect(201, bed.put("/idloom", valid()));

        assertThat(saved.body()).isEqualTo(Json.object().put("accountName", ACCOUNT)
                .put("server", bed.idloom.baseUrl()).put("ownerEmail", "owner@acme.example").put("active", true)
                .put("confirmWithIdloom", true));
        assertThat(bed.idloom.requests()).extracting(r -> r.path()).containsExactly("/api/v4/other/auth");
        Map<String, AttributeValue> item = bed.item("APP#" + bed.shortcode, "INTEGRATION");
        byte[] encrypted = item.get("apiKey").b().asByteArray();
        assertThat(new String(encrypted, StandardCharsets.ISO_8859_1)).doesNotContain(API_KEY);
        assertThat(bed.kms.decrypt(r -> r.ciphertextBlob(item.get("apiKey").b())
                .encryptionContext(Map.of("app", bed.shortcode))).plaintext().asUtf8String()).isEqualTo(API_KEY);
        assertThat(item.get("webhookSecret").s()).matches("[A-Za-z0-9_-]{43}");
        assertThat(expect(200, bed.get(bed.app())).body().get("integration")).isEqualTo(saved.body());
        assertThat(expect(200, bed.get("/idloom")).body()).isEqualTo(saved.body());
    }

    @Test
    void aLaterSaveKeepsTheSecretAndMayKeepTheKey() {
        bed.withIntegration();
        String secret = bed.item("APP#" + bed.shortcode, "INTEGRATION").get("webhookSecret").s();
        expect(200, bed.put("/idloom/active", "{\"active\": false}"));

        Reply saved = expect(200, bed.put("/idloom", "{\"accountName\": \"ACME-events\", \"server\": \""
                + bed.idloom.baseUrl() + "\", \"ownerEmail\": \"new-owner@acme.example\", \"confirmWithIdloom\": false}"));

        assertThat(saved.text("ownerEmail")).isEqualTo("new-owner@acme.example");
        assertThat(saved.text("accountName")).isEqualTo(ACCOUNT);
        assertThat(saved.body().get("active").asBoolean()).isTrue();
        assertThat(saved.body().get("confirmWithIdloom").asBoolean()).isFalse();
        assertThat(bed.item("APP#" + bed.shortcode, "INTEGRATION").get("webhookSecret").s()).isEqualTo(secret);
        assertThat(bed.idloom.requests()).hasSize(2); // the saved key was checked again
    }

    @Test
    void refusesARejectedKeyAndApiAccessOff() {
        bed.withApp();
        String rejected = "API key rejected, or Allow API access is off in the idloom integration";
        bed.refused(422, rejected, () -> bed.put("/idloom", integration(ACCOUNT, bed.idloom.baseUrl(), "wrong-key", "owner@acme.example")));
        bed.idloom.allowApiAccess(false);
        bed.refused(422, rejected, () -> bed.put("/idloom", valid()));
    }

    @Test
    void refusesAKeyOfAnotherAccount() {
        bed.withApp();
        Reply reply = bed.refused(422, "this key belongs to account 'acme-events', not 'globex'",
                () -> bed.put("/idloom", integration("globex", bed.idloom.baseUrl(), API_KEY, "owner@acme.example")));
        assertThat(reply.text("hint")).contains("'acme-events'");
    }

    @Test
    void refusesAnUnreachableServerNamingIt() {
        bed.withApp();
        String server = "http://127.0.0.1:1/api/v4";
        bed.refused(422, "the idloom server '" + server + "' cannot be reached",
                () -> bed.put("/idloom", integration(ACCOUNT, server, API_KEY, "owner@acme.example")));
        bed.refused(422, "server: idloom server 'ftp://idloom.events' is neither a host (idloom.events) nor an http(s) URL"
                        + " (http://127.0.0.1:8099/api/v4)",
                () -> bed.put("/idloom", integration(ACCOUNT, "ftp://idloom.events", API_KEY, "owner@acme.example")));
    }

    @Test
    void idloomBusyOrFailingIs503() {
        bed.withApp();
        bed.idloom.failNext(1, 500);
        bed.refused(503, "idloom answered with a server error (500); nothing was saved", () -> bed.put("/idloom", valid()));
        bed.idloom.rateLimitNext(3, 0);
        bed.refused(503, "idloom is limiting the rate of calls (429); nothing was saved", () -> bed.put("/idloom", valid()));
        // One 429 is waited out.
        bed.idloom.rateLimitNext(1, 0);
        expect(201, bed.put("/idloom", valid()));
    }

    @Test
    void refusesMissingOrInvalidMembers() {
        bed.withApp();
        bed.refused(422, "apiKey is required", () -> bed.put("/idloom", integration(ACCOUNT, null, null, "owner@acme.example")));
        bed.refused(422, "accountName is required", () -> bed.put("/idloom", "{\"apiKey\": \"demo-key\", \"ownerEmail\": \"o@acme.example\"}"));
        bed.refused(422, "ownerEmail is required", () -> bed.put("/idloom", "{\"accountName\": \"acme-events\", \"apiKey\": \"demo-key\"}"));
        bed.refused(422, "ownerEmail is not a valid email address",
                () -> bed.put("/idloom", integration(ACCOUNT, bed.idloom.baseUrl(), API_KEY, "owner")));
        bed.refused(422, "confirmWithIdloom must be true or false, not a string",
                () -> bed.put("/idloom", valid().replace("}", ", \"confirmWithIdloom\": \"no\"}")));
        bed.refused(422, "unknown member 'api_key'",
                () -> bed.put("/idloom", "{\"accountName\": \"acme-events\", \"api_key\": \"demo-key\"}"));
        assertThat(bed.idloom.requests()).isEmpty();
    }

    @Test
    void theActiveSwitch() {
        bed.withApp();
        bed.refused(409, "app '" + bed.shortcode + "' has no idloom integration yet",
                () -> bed.put("/idloom/active", "{\"active\": false}"));
        bed.withIntegration();
        bed.refused(422, "active is required", () -> bed.put("/idloom/active", "{}"));
        bed.refused(422, "active must be true or false, not a string", () -> bed.put("/idloom/active", "{\"active\": \"off\"}"));

        assertThat(expect(200, bed.put("/idloom/active", "{\"active\": false}")).body().get("active").asBoolean()).isFalse();
        assertThat(bed.item("APP#" + bed.shortcode, "INTEGRATION").get("active").bool()).isFalse();
        assertThat(expect(200, bed.put("/idloom/active", "{\"active\": true}")).body().get("active").asBoolean()).isTrue();
        assertThat(bed.item("APP#" + bed.shortcode, "INTEGRATION").get("active").bool()).isTrue();
    }

    @Test
    void theWebhookUrlsCarryTheSecret() {
        bed.withApp();
        bed.refused(409, "app '" + bed.shortcode + "' has no idloom integration yet", () -> bed.get("/idloom/webhooks"));
        bed.withIntegration();
        String secret = bed.item("APP#" + bed.shortcode, "INTEGRATION").get("webhookSecret").s();

        Reply urls = expect(200, bed.get("/idloom/webhooks"));

        String base = "https://" + AdminTestBed.DOMAIN + "/idloom/" + bed.shortcode + "/";
        assertThat(urls.text("create")).isEqualTo(base + "create?secret=" + secret);
        assertThat(urls.text("update")).isEqualTo(base + "update?secret=" + secret);
        assertThat(urls.text("delete")).isEqualTo(base + "delete?secret=" + secret);
    }

    @Test
    void theSyncLogIsReadNewestFirst() {
        bed.withIntegration();
        SyncLog log = new SyncLog(bed.dynamo, AdminTestBed.TABLE);
        Instant at = Instant.parse("2024-05-02T09:15:00Z");
        log.write(bed.shortcode, new SyncLog.Entry(at, "create", "applied", 200, "person brought up to date",
                "evt-1", "att-1", "p-1"));
        log.write(bed.shortcode, new SyncLog.Entry(at.plusSeconds(60), "update", "refused", 422,
                "event 'evt-9' is not linked", "evt-9", "att-2", null));

        Reply reply = expect(200, bed.get("/idloom/log"));

        assertThat(reply.body().get("entries")).hasSize(2);
        assertThat(reply.body().get("entries").get(0).get("webhook").asText()).isEqualTo("update");
        assertThat(reply.body().get("entries").get(0).get("status").asInt()).isEqualTo(422);
        assertThat(reply.body().get("entries").get(0).get("personId").isNull()).isTrue();
        assertThat(reply.body().get("entries").get(1).get("at").asText()).isEqualTo("2024-05-02T09:15:00Z");
        assertThat(reply.body().get("entries").get(1).get("personId").asText()).isEqualTo("p-1");
        assertThat(expect(200, bed.get("/idloom/log?limit=1")).body().get("entries")).hasSize(1);
        bed.refused(400, "limit must be a whole number from 1 to 200", () -> bed.get("/idloom/log?limit=0"));
    }
}
