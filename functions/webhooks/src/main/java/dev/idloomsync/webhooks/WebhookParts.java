package dev.idloomsync.webhooks;

import dev.idloomsync.config.AwsClients;
import dev.idloomsync.config.Settings;
import dev.idloomsync.notify.Outbox;
import dev.idloomsync.notify.SesEmailSender;
import dev.idloomsync.store.DynamoPeopleStore;
import dev.idloomsync.store.SetupCache;
import dev.idloomsync.store.SetupStore;
import dev.idloomsync.store.SyncLog;
import dev.idloomsync.sync.WebhookService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Clock;

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
        return build(settings, clients.dynamo(), clients.ses(), Clock.systemUTC());
    }

    /** With clients handed in: tests count their requests, the local runner shares them. */
    public static WebhookParts build(Settings settings, DynamoDbClient dynamo, SesV2Client ses, Clock clock) {
        String table = settings.tableName();
        Outbox outbox = new Outbox(dynamo, table, new SesEmailSender(ses, settings.requireSenderEmail()));
        SetupStore setups = new SetupStore(dynamo, table);
        WebhookService service = new WebhookService(new SetupCache(setups::load, settings.setupCache(), clock),
                new DynamoPeopleStore(dynamo, table, clock), new SyncLog(dynamo, table), outbox, clock);
        return new WebhookParts(service, outbox);
    }
}
