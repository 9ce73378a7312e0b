package dev.idloomsync.admin;

import dev.idloomsync.config.AwsClients;
import dev.idloomsync.config.Settings;
import dev.idloomsync.http.ApiRequest;
import dev.idloomsync.http.ApiResponse;
import dev.idloomsync.idloom.IdloomClient;
import dev.idloomsync.idloom.IdloomException;
import dev.idloomsync.log.JsonLog;
import dev.idloomsync.store.ApiKeyCipher;
import dev.idloomsync.store.KmsApiKeyCipher;
import dev.idloomsync.store.PeopleDirectory;
import dev.idloomsync.store.SetupStore;
import dev.idloomsync.store.StoreBusyException;
import dev.idloomsync.store.SyncLog;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The admin API (the CMS side of the integration) as plain code: a request in, a JSON answer out.
 * Every refusal is a 4xx that says what to fix; a 503 means a retry helps (DynamoDB, KMS or idloom
 * busy). Requests are logged by route and status only, never with their body.
 */
public final class AdminService {
    private final Routes routes = new Routes();

    /**
     * The service over its parts. {@code idloomClients} makes an idloom client from a server setting
     * and an API key; {@code publicBaseUrl} is the API's address as idloom reaches it, for the
     * webhook URLs, or null to take the request's own host.
     */
    public AdminService(SetupStore setups, PeopleDirectory people, ApiKeyCipher cipher,
                        BiFunction<String, String, IdloomClient> idloomClients, SyncLog syncLog, Clock clock,
                        String publicBaseUrl) {
        Apps apps = new Apps(setups);
        IdloomCalls idloom = new IdloomCalls(cipher, idloomClients);
        new AppRoutes(setups, apps).addTo(routes);
        new PeopleRoutes(people, apps, clock).addTo(routes);
        new IntegrationRoutes(setups, apps, idloom, cipher, syncLog, publicBaseUrl).addTo(routes);
        new EventRoutes(setups, apps, idloom).addTo(routes);
    }

    /** Built from the settings, with its own AWS clients: the Lambda's way. */
    public static AdminService build(Settings settings) {
        AwsClients clients = new AwsClients(settings);
        return build(settings, clients.dynamo(), clients.kms(), IdloomClient::new, Clock.systemUTC());
    }

    /** With clients handed in: tests and the local runner point them at the emulator and a fake idloom. */
    public static AdminService build(Settings settings, DynamoDbClient dynamo, KmsClient kms,
                                     BiFunction<String, String, IdloomClient> idloomClients, Clock clock) {
        if (settings.kmsKeyId() == null) {
            throw new IllegalStateException("environment variable KMS_KEY_ID is not set: set it to the KMS key "
                    + "that encrypts idloom API keys (the template's ApiKeyEncryptionKey)");
        }
        String table = settings.tableName();
        return new AdminService(new SetupStore(dynamo, table), new PeopleDirectory(dynamo, table),
                new KmsApiKeyCipher(kms, settings.kmsKeyId()), idloomClients, new SyncLog(dynamo, table), clock,
                settings.publicBaseUrl());
    }

    public ApiResponse handle(ApiRequest request) {
        Routes.Match match = routes.match(request);
        String route = match.call() == null ? request.method() + " (no route)" : match.call().route();
        ApiResponse response = answer(request, match);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", request.method());
        fields.put("route", route);
        if (match.call() != null && match.call().shortcode() != null) {
            fields.put("shortcode", Apps.clip(match.call().shortcode()));
        }
        fields.put("status", response.status());
        if (response.status() >= 500) {
            JsonLog.standard().error("admin request failed", fields);
        } else {
            JsonLog.standard().info("admin request", fields);
        }
        return response;
    }

    private ApiResponse answer(ApiRequest request, Routes.Match match) {
        if (match.call() == null && match.allowed().isEmpty()) {
            return ApiResponse.error(404, "no admin route " + request.method() + " " + Apps.clip(request.path()),
                    "the admin API's routes are under /apps/{shortcode}: see the README for the list");
        }
        if (match.call() == null) {
            return ApiResponse.error(405, "method " + request.method() + " is not allowed here",
                    "this path takes " + String.join(", ", match.allowed()));
        }
        try {
            return match.action().answer(match.call());
        } catch (Refusal refusal) {
            return refusal.response();
        } catch (IdloomException e) {
            return IdloomCalls.common(e, "idloom").response();
        } catch (SdkException | StoreBusyException e) {
            cause(e);
            return ApiResponse.error(503, "the app's data could not be read or written right now (DynamoDB or KMS)",
                    "try again in a moment");
        } catch (RuntimeException e) {
            JsonLog.standard().error("admin route failed", Map.of("cause", e.getClass().getName()));
            return ApiResponse.error(500, "the admin API failed on this request", "try again; if it keeps failing, "
                    + "report the time of the request so that the log can be found");
        }
    }

    private static void cause(RuntimeException e) {
        // The class only: an SDK message may quote request values.
        JsonLog.standard().warn("admin storage call failed", Map.of("cause", e.getClass().getSimpleName()));
    }
}
