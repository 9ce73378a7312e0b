package dev.idloomsync.webhooks;

import dev.idloomsync.sync.WebhookKind;
import dev.idloomsync.testkit.AwsClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static dev.idloomsync.webhooks.SyncTestBed.attendee;
import static org.assertj.core.api.Assertions.assertThat;

/** DynamoDB failing: the webhook answers 503 so that idloom retries, and nothing is half applied. */
class FaultIT {
    private static final String T1 = "2024-05-01T10:00:00Z";
    private static final String T2 = "2024-05-01T11:00:00Z";

    /** Makes DynamoDB answer as throttled to every request of the named operation. */
    private static final class Throttle implements ExecutionInterceptor {
        private final String operation;

        Throttle(String operation) {
            this.operation = operation;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                throw ProvisionedThroughputExceededException.builder().message("throttled (injected)")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                                .errorMessage("throttled (injected)").serviceName("DynamoDb").build())
                        .statusCode(400).build();
            }
        }
    }

    private static WebhookHandler handler(SyncTestBed bed, WebhookKind kind, DynamoDbClient dynamo) {
        WebhookParts parts = WebhookParts.build(bed.settings(SyncTestBed.SENDER, Duration.ofSeconds(30)), dynamo,
                bed.ses, SyncTestBed.moto().kms(), Clock.systemUTC());
        return kind == WebhookKind.DELETE ? new DeleteWebhookHandler(parts.service()) : new CreateWebhookHandler(parts.service());
    }

    @Test
    void dynamoUnreachableGives503() {
        SyncTestBed bed = new SyncTestBed().withStandardSetup();
        DynamoDbClient unreachable = AwsClients.dynamoDb(URI.create("http://127.0.0.1:9"));

        SyncTestBed.Response response = SyncTestBed.invoke(handler(bed, WebhookKind.CREATE, unreachable),
                bed.event(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1)));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.text("hint")).contains("retries");
        assertThat(bed.peoplePartition()).isEmpty();
    }

    @Test
    void throttledTransactionsGive503AndLeaveThePeopleListAsItWas() {
        SyncTestBed bed = new SyncTestBed().withStandardSetup();
        bed.manualPerson("grace@example.com", java.util.List.of());
        bed.send(WebhookKind.CREATE, attendee("att-1", "grace@example.com", T1));
        bed.send(WebhookKind.CREATE, attendee("att-2", "ada@example.com", T1));
        Map<String, ?> before = bed.peoplePartition();
        DynamoDbClient throttled = AwsClients.dynamoDb(SyncTestBed.moto().endpoint(), new Throttle("TransactWriteItems"));

        SyncTestBed.Response create = SyncTestBed.invoke(handler(bed, WebhookKind.CREATE, throttled),
                bed.event(WebhookKind.CREATE, attendee("att-3", "new@example.com", T1)));
        SyncTestBed.Response deleteManual = SyncTestBed.invoke(handler(bed, WebhookKind.DELETE, throttled),
                bed.event(WebhookKind.DELETE, attendee("att-1", "grace@example.com", T2)));
        SyncTestBed.Response deleteIdloom = SyncTestBed.invoke(handler(bed, WebhookKind.DELETE, throttled),
                bed.event(WebhookKind.DELETE, attendee("att-2", "ada@example.com", T2)));

        assertThat(create.status()).isEqualTo(503);
        assertThat(deleteManual.status()).isEqualTo(503);
        assertThat(deleteIdloom.status()).isEqualTo(503);
        assertThat(bed.peoplePartition()).isEqualTo(before);
        assertThat(bed.pendingEmails()).isEmpty();
        assertThat(bed.emailsToOwner()).isEmpty();

        SyncTestBed.Response retried = bed.send(WebhookKind.DELETE, attendee("att-1", "grace@example.com", T2));
        assertThat(retried.text("action")).isEqualTo("unlinked");
        assertThat(bed.emailsToOwner()).hasSize(1);
    }
}
