package dev.idloomsync.config;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;

import java.time.Duration;

/**
 * Builds the AWS clients once per process, the way a Lambda starts fastest: the URL-connection HTTP
 * client, region and credentials given explicitly (no provider chain to walk), and an endpoint
 * override when one is set (the local emulator).
 */
public final class AwsClients {
    private final Settings settings;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;

    public AwsClients(Settings settings) {
        this.settings = settings;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
        this.credentials = settings.endpoint() != null && System.getenv("AWS_ACCESS_KEY_ID") == null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))
                : EnvironmentVariableCredentialsProvider.create();
    }

    public DynamoDbClient dynamo() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder();
        configure(builder);
        return builder.build();
    }

    public SesV2Client ses() {
        SesV2ClientBuilder builder = SesV2Client.builder();
        configure(builder);
        return builder.build();
    }

    public KmsClient kms() {
        KmsClientBuilder builder = KmsClient.builder();
        configure(builder);
        return builder.build();
    }

    private void configure(software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<?, ?> builder) {
        builder.region(Region.of(settings.region())).credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(12)).build());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(http);
        }
    }
}
