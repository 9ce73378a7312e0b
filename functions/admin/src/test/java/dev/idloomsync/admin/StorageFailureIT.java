package dev.idloomsync.admin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.idloomsync.admin.AdminTestBed.ACCOUNT;
import static dev.idloomsync.admin.AdminTestBed.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When DynamoDB or KMS fails, the admin API answers 503 (a retry helps) and saves nothing. */
class StorageFailureIT {
    private static final String UNAVAILABLE = "the app's data could not be read or written right now (DynamoDB or KMS)";
    private final AdminTestBed bed = new AdminTestBed();

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void aTableThatDoesNotAnswerIs503() {
        AdminHandler noTable = bed.handler(AdminTestBed.settings("no-such-table", "any-key"));

        AdminTestBed.Reply reply = bed.call(noTable, "PUT", bed.app(), "{\"name\": \"Acme\"}");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.error()).isEqualTo(UNAVAILABLE);
        assertThat(reply.text("hint")).isEqualTo("try again in a moment");
    }

    @Test
    void aKmsKeyThatCannotEncryptIs503AndTheIntegrationIsNotSaved() {
        bed.withApp();
        AdminHandler noKey = bed.handler(AdminTestBed.settings(AdminTestBed.TABLE, "11111111-2222-3333-4444-555555555555"));

        bed.refused(503, UNAVAILABLE, () -> bed.call(noKey, "PUT", "/idloom", "{\"accountName\": \"" + ACCOUNT
                + "\", \"server\": \"" + bed.idloom.baseUrl() + "\", \"apiKey\": \"" + API_KEY
                + "\", \"ownerEmail\": \"owner@acme.example\"}"));
        assertThat(bed.item("APP#" + bed.shortcode, "INTEGRATION")).isNull();
    }

    @Test
    void aMissingKmsKeySettingStopsTheStartWithItsName() {
        assertThatThrownBy(() -> bed.handler(AdminTestBed.settings(AdminTestBed.TABLE, null)))
                .hasMessageStartingWith("environment variable KMS_KEY_ID is not set");
    }
}
