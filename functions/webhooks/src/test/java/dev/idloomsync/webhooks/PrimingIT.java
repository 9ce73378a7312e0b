package dev.idloomsync.webhooks;

import dev.idloomsync.config.Settings;
import dev.idloomsync.testkit.MotoServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The SnapStart priming runs its JSON, rules and DynamoDB paths against a real table (moto) and
 * leaves the table exactly as it was.
 */
class PrimingIT {

    @Test
    void primingRunsThePathsAndWritesNothing() throws Exception {
        MotoServer moto = SyncTestBed.moto();
        new SyncTestBed().withStandardSetup();
        AtomicInteger built = new AtomicInteger();
        try (DynamoDbClient dynamo = moto.dynamoDb()) {
            List<Map<String, AttributeValue>> before = everything(dynamo);

            new Priming(dynamo, SyncTestBed.TABLE, List.of(built::incrementAndGet)).run();

            assertThat(everything(dynamo)).isEqualTo(before);
        }
        assertThat(built).as("the parts built on first use are built by the priming").hasValue(1);
    }

    @Test
    void theLambdaPartsRegisterAPrimingThatRunsAsACheckpointWould() {
        MotoServer moto = SyncTestBed.moto();
        Settings settings = new Settings(SyncTestBed.TABLE, SyncTestBed.SENDER, null, "us-east-1", moto.endpoint(),
                Duration.ofSeconds(30), null);
        WebhookParts.build(settings);
        try (DynamoDbClient dynamo = moto.dynamoDb()) {
            List<Map<String, AttributeValue>> before = everything(dynamo);

            assertThatCode(Priming::primeRegistered).doesNotThrowAnyException();

            assertThat(everything(dynamo)).isEqualTo(before);
        }
    }

    private static List<Map<String, AttributeValue>> everything(DynamoDbClient dynamo) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(r -> r.tableName(SyncTestBed.TABLE).consistentRead(true)).items().forEach(items::add);
        items.sort(Comparator.comparing((Map<String, AttributeValue> item) -> item.get("pk").s())
                .thenComparing(item -> item.get("sk").s()));
        return items;
    }
}
