package dev.idloomsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.HttpURLConnection;
import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;

/** Integration test: a real moto_server process, reached over HTTP with the SDK clients the Lambdas use. */
class MotoServerTest {

    private static final String SENDER = "sync@example.com";

    private static MotoServer moto;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    @BeforeEach
    void resetMoto() {
        moto.reset();
    }

    @Test
    void answersOnLoopbackAndLogsToAFile() throws Exception {
        assertThat(moto.endpoint()).isEqualTo(URI.create("http://127.0.0.1:" + moto.port()));
        HttpURLConnection connection = (HttpURLConnection) moto.endpoint().resolve("/moto-api/").toURL().openConnection();
        assertThat(connection.getResponseCode()).isEqualTo(200);
        assertThat(moto.logFile()).exists();
    }

    @Test
    void sentEmailsReadsBackWhatSesAccepted() {
        moto.verifySender(SENDER);
        moto.verifySender(SENDER); // twice is fine

        String messageId;
        try (SesV2Client ses = moto.sesV2()) {
            messageId = ses.sendEmail(r -> r
                    .fromEmailAddress(SENDER)
                    .destination(d -> d.toAddresses("owner@example.com").ccAddresses("team@example.com"))
                    .content(c -> c.simple(m -> m
                            .subject(s -> s.data("Ann Peeters was removed from idloom"))
                            .body(b -> b.text(t -> t.data("Ann Peeters (ann@example.com) still exists in the app.")))))
            ).messageId();
        }

        List<MotoServer.SentEmail> sent = moto.sentEmails();
        assertThat(sent).singleElement().satisfies(email -> {
            assertThat(email.id()).isEqualTo(messageId);
            assertThat(email.source()).isEqualTo(SENDER);
            assertThat(email.destinations()).containsExactly("owner@example.com", "team@example.com");
            assertThat(email.subject()).isEqualTo("Ann Peeters was removed from idloom");
            assertThat(email.body()).isEqualTo("Ann Peeters (ann@example.com) still exists in the app.");
        });
    }

    @Test
    void resetForgetsEmailsAndVerifiedSenders() {
        moto.verifySender(SENDER);
        try (SesV2Client ses = moto.sesV2()) {
            send(ses);
            assertThat(moto.sentEmails()).hasSize(1);

            moto.reset();

            assertThat(moto.sentEmails()).isEmpty();
            assertThatThrownBy(() -> send(ses)).isInstanceOf(MessageRejectedException.class);
        }
    }

    @Test
    void kmsEncryptsAndDecrypts() {
        try (KmsClient kms = moto.kms()) {
            String keyId = kms.createKey(r -> r.description("test key")).keyMetadata().keyId();
            SdkBytes secret = SdkBytes.fromUtf8String("idloom-api-key");
            SdkBytes cipher = kms.encrypt(r -> r.keyId(keyId).plaintext(secret)).ciphertextBlob();
            assertThat(kms.decrypt(r -> r.ciphertextBlob(cipher)).plaintext().asUtf8String()).isEqualTo("idloom-api-key");
        }
    }

    @Test
    void parsesDestinationsInEitherShape() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(MotoServer.parseSentEmails(json.readTree("""
                {"ses": {"Message": [
                  {"id": "1", "source": "a@x.io", "destinations": ["b@x.io"], "subject": "s", "body": "b"},
                  {"id": "2", "source": "a@x.io", "destinations": {"ToAddresses": ["c@x.io"], "BccAddresses": ["d@x.io"]}},
                  {"id": "3"}
                ]}}
                """)))
                .extracting(MotoServer.SentEmail::id, MotoServer.SentEmail::destinations, MotoServer.SentEmail::subject)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1", List.of("b@x.io"), "s"),
                        org.assertj.core.groups.Tuple.tuple("2", List.of("c@x.io", "d@x.io"), ""),
                        org.assertj.core.groups.Tuple.tuple("3", List.of(), ""));
        assertThat(MotoServer.parseSentEmails(json.readTree("{\"s3\": {}}"))).isEmpty();
    }

    private static void send(SesV2Client ses) {
        ses.sendEmail(r -> r
                .fromEmailAddress(SENDER)
                .destination(d -> d.toAddresses("owner@example.com"))
                .content(c -> c.simple(m -> m
                        .subject(s -> s.data("subject"))
                        .body(b -> b.text(t -> t.data("body"))))));
    }
}
