package dev.idloomsync.webhooks;

import dev.idloomsync.config.AwsClients;
import dev.idloomsync.config.Settings;
import dev.idloomsync.idloom.IdloomAccess;
import dev.idloomsync.idloom.IdloomClient;
import dev.idloomsync.notify.EmailSender;
import dev.idloomsync.notify.Outbox;
import dev.idloomsync.notify.SesEmailSender;
import dev.idloomsync.store.ApiKeyCipher;
import dev.idloomsync.store.DynamoPeopleStore;
import dev.idloomsync.store.KmsApiKeyCipher;
import dev.idloomsync.store.SetupCache;
import dev.idloomsync.store.SetupStore;
import dev.idloomsync.store.SyncLog;
import dev.idloomsync.sync.WebhookService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The webhook functions' parts, wired once per process from the settings. */
public record WebhookParts(WebhookService service, Outbox outbox) {

    /** Built on first use, then shared by every handler instance of the process. */
    private static final class FromEnvironment {
        static final WebhookParts PARTS = build(Settings.fromEnvironment());
    }

    public static WebhookParts fromEnvironment() {
        return FromEnvironment.PARTS;
    }

    /**
     * The parts of a Lambda: clients from the settings, registered for SnapStart priming. SES and
     * KMS serve rare webhooks only (a manual person's removal, a confirmation with idloom), so their
     * clients are built on first use, or by the priming before a snapshot, not at every cold start.
     */
    public static WebhookParts build(Settings settings) {
        AwsClients clients = new AwsClients(settings);
        DynamoDbClient dynamo = clients.dynamo();
        String sender = settings.requireSenderEmail();
        OnFirstUse<SesEmailSender> email = new OnFirstUse<>(() -> new SesEmailSender(clients.ses(), sender));
        OnFirstUse<KmsApiKeyCipher> cipher = new OnFirstUse<>(() ->
                new KmsApiKeyCipher(clients.kms(), settings.kmsKeyId()));
        WebhookParts parts = assemble(settings, dynamo, pending -> email.get().send(pending), new ApiKeyCipher() {
            @Override
            public byte[] encrypt(String shortcode, String apiKey) {
                return cipher.get().encrypt(shortcode, apiKey);
            }

            @Override
            public String decrypt(String shortcode, byte[] encrypted) {
                return cipher.get().decrypt(shortcode, encrypted);
            }
        }, Clock.systemUTC());
        Priming.register(new Priming(dynamo, settings.tableName(), List.of(email, cipher)));
        return parts;
    }

    /** With clients handed in: tests count their requests, the local runner shares them. */
    public static WebhookParts build(Settings settings, DynamoDbClient dynamo, SesV2Client ses, KmsClient kms,
                                     Clock clock) {
        return assemble(settings, dynamo, new SesEmailSender(ses, settings.requireSenderEmail()),
                new KmsApiKeyCipher(kms, settings.kmsKeyId()), clock);
    }

    private static WebhookParts assemble(Settings settings, DynamoDbClient dynamo, EmailSender email,
                                         ApiKeyCipher cipher, Clock clock) {
        String table = settings.tableName();
        // One try only: a webhook answers 503 at once and idloom retries, rather than holding the Lambda.
        IdloomAccess idloom = new IdloomAccess(cipher,
                (server, apiKey) -> new IdloomClient(server, apiKey, IdloomClient.defaultHttpClient(),
                        Duration.ofSeconds(5), 1, wait -> Thread.sleep(wait.toMillis())));
        Outbox outbox = new Outbox(dynamo, table, email);
        SetupStore setups = new SetupStore(dynamo, table);
        WebhookService service = new WebhookService(new SetupCache(setups::load, settings.setupCache(), clock),
                new DynamoPeopleStore(dynamo, table, clock), new SyncLog(dynamo, table), outbox, idloom, clock);
        return new WebhookParts(service, outbox);
    }
}
