package dev.idloomsync.testkit;

import java.net.URI;
import java.util.Objects;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * AWS SDK clients aimed at a local emulator (moto_server): endpoint override, dummy credentials,
 * the URL-connection HTTP client the Lambdas use too.
 *
 * <p>Every call builds a new client; the caller closes it.
 */
public final class AwsClients {

    /** Region used when neither {@code AWS_REGION} nor {@code AWS_DEFAULT_REGION} is set. */
    public static final Region DEFAULT_REGION = Region.US_EAST_1;

    private AwsClients() {
    }

    /** A DynamoDB client for the emulator at {@code endpoint}. */
    public static DynamoDbClient dynamoDb(URI endpoint) {
        return dynamoDb(endpoint, new ExecutionInterceptor[0]);
    }

    /** A DynamoDB client whose requests pass through the given interceptors (a {@link RequestCounter}). */
    public static DynamoDbClient dynamoDb(URI endpoint, ExecutionInterceptor... interceptors) {
        ClientOverrideConfiguration.Builder config = ClientOverrideConfiguration.builder();
        for (ExecutionInterceptor interceptor : interceptors) {
            config.addExecutionInterceptor(interceptor);
        }
        return DynamoDbClient.builder()
                .overrideConfiguration(config.build())
                .endpointOverride(checked(endpoint))
                .region(region())
                .credentialsProvider(dummyCredentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** An SES v2 client for the emulator at {@code endpoint}. */
    public static SesV2Client sesV2(URI endpoint) {
        return SesV2Client.builder()
                .endpointOverride(checked(endpoint))
                .region(region())
                .credentialsProvider(dummyCredentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** A KMS client for the emulator at {@code endpoint}. */
    public static KmsClient kms(URI endpoint) {
        return KmsClient.builder()
                .endpointOverride(checked(endpoint))
                .region(region())
                .credentialsProvider(dummyCredentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /**
     * The region for emulator clients: {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}, else
     * us-east-1. moto keeps one set of data per region, so every client of one run must agree.
     */
    public static Region region() {
        for (String name : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                return Region.of(value.trim());
            }
        }
        return DEFAULT_REGION;
    }

    /** Static dummy keys ({@code test}/{@code test}): moto accepts any signature. */
    public static AwsCredentialsProvider dummyCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    private static URI checked(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.getScheme() == null || endpoint.getHost() == null) {
            throw new IllegalArgumentException(
                    "endpoint must be an absolute URL such as http://127.0.0.1:5000, got: " + endpoint);
        }
        return endpoint;
    }
}
