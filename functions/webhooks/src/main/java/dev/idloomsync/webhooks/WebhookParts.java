package dev.idloomsync.webhooks;

import dev.idloomsync.config.AwsClients;
import dev.idloomsync.config.Settings;
import dev.idloomsync.idloom.IdloomAccess;
import dev.idloomsync.idloom.IdloomClient;
import dev.idloomsync.store.KmsApiKeyCipher;
import dev.idloomsync.notify.Outbox;
import dev.idloomsync.notify.SesEmailSender;
import dev.idloomsync.store.DynamoPeopleStore;
import dev.idloomsync.store.SetupCache;
import dev.idloomsync.store.SetupStore;
import dev.idloomsync.store.SyncLog;
import dev.idloomsync.sync.WebhookService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Clock;
import java.time.Duration;

/** The webhook functions' parts, wired once per process from the settings. */
public record WebhookParts(WebhookService service, Outbox outbox) {

    /** Built on first use, then shared by every handler instance of the process. */
    private static final class FromEnvironment {
        static final WebhookParts PARTS = build(Settings.fromEnvironment());
    }

    public static WebhookParts fromEnvironment() {
        return FromEnvironment.PARTS;
    }

    public static WebhookParts build(Settings settings) {
        AwsClients clients = new AwsClients(settings);
        return build(settings, clients.dynamo(), clients.ses(), clients.kms(), Clock.systemUTC());
    }

    /** With DynamoDB and SES handed in, and a KMS client made from the settings. */
    public static WebhookParts build(Settings settings, DynamoDbClient dynamo, SesV2Client ses, Clock clock) {
        return build(settings, dynamo, ses, new AwsClients(settings).kms(), clock);
    }

    /** With clients handed in: tests count their requests, the local runner shares them. */
    public static WebhookParts build(Settings settings, DynamoDbClient dynamo, SesV2Client ses, KmsClient kms,
                                     Clock clock) {
        String table = settings.tableName();
        // One try only: a webhook answers 503 at once and idloom retries, rather than holding the Lambda.
        IdloomAccess idloom = new IdloomAccess(new KmsApiKeyCipher(kms, settings.kmsKeyId()),
                (server, apiKey) -> new IdloomClient(server, apiKey, IdloomClient.defaultHttpClient(),
                        Duration.ofSeconds(5), 1, wait -> Thread.sleep(wait.toMillis())));
        Outbox outbox = new Outbox(dynamo, table, new SesEmailSender(ses, settings.requireSenderEmail()));
        SetupStore setups = new SetupStore(dynamo, table);
        WebhookService service = new WebhookService(new SetupCache(setups::load, settings.setupCache(), clock),
                new DynamoPeopleStore(dynamo, table, clock), new SyncLog(dynamo, table), outbox, idloom, clock);
        return new WebhookParts(service, outbox);
    }
}
