package dev.idloomsync.admin;

import dev.idloomsync.app.AppSetup;
import dev.idloomsync.app.Integration;
import dev.idloomsync.http.ApiRequest;
import dev.idloomsync.http.ApiResponse;
import dev.idloomsync.http.Json;
import dev.idloomsync.idloom.Account;
import dev.idloomsync.idloom.IdloomClient;
import dev.idloomsync.idloom.IdloomException;
import dev.idloomsync.people.Emails;
import dev.idloomsync.store.ApiKeyCipher;
import dev.idloomsync.store.SetupStore;
import dev.idloomsync.store.SyncLog;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The idloom integration: saved only after idloom accepted the key for the account typed, the key
 * encrypted; the active switch; the webhook URLs to give idloom; the sync log.
 */
final class IntegrationRoutes {
    static final int DEFAULT_LOG_ENTRIES = 50;
    static final int MAX_LOG_ENTRIES = 200;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SERVER_HINT =
            "server is a host such as idloom.events (the default), or a URL such as http://127.0.0.1:8099/api/v4";

    private final SetupStore setups;
    private final Apps apps;
    private final IdloomCalls idloom;
    private final ApiKeyCipher cipher;
    private final SyncLog syncLog;
    private final String publicBaseUrl;

    IntegrationRoutes(SetupStore setups, Apps apps, IdloomCalls idloom, ApiKeyCipher cipher, SyncLog syncLog,
                      String publicBaseUrl) {
        this.setups = setups;
        this.apps = apps;
        this.idloom = idloom;
        this.cipher = cipher;
        this.syncLog = syncLog;
        this.publicBaseUrl = publicBaseUrl;
    }

    void addTo(Routes routes) {
        routes.add("PUT", "/apps/{shortcode}/idloom", this::save)
                .add("GET", "/apps/{shortcode}/idloom", call ->
                        ApiResponse.json(200, Views.integration(Apps.integration(apps.require(call)))))
                .add("PUT", "/apps/{shortcode}/idloom/active", this::setActive)
                .add("GET", "/apps/{shortcode}/idloom/webhooks", this::webhooks)
                .add("GET", "/apps/{shortcode}/idloom/log", this::log);
    }

    /**
     * Saves the integration once idloom confirmed the key. On a later save the API key may be left
     * out to keep the saved one (it is checked again all the same), and the webhook secret is kept,
     * so that the URLs idloom has stay valid.
     */
    private ApiResponse save(Routes.Call call) {
        AppSetup setup = apps.require(call);
        Optional<Integration> saved = setup.integration();
        Body body = Body.of(call.request(), "accountName", "server", "apiKey", "ownerEmail", "confirmWithIdloom");
        String accountName = body.requiredText("accountName", "the name of the idloom account, as idloom shows it");
        String server = Optional.ofNullable(body.optionalText("server", SERVER_HINT)).orElse(Integration.DEFAULT_SERVER);
        try {
            IdloomClient.baseUrl(server);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("server: " + e.getMessage(), SERVER_HINT);
        }
        String typedKey = body.optionalText("apiKey", "apiKey is the idloom API key, as a string");
        if (typedKey == null && saved.isEmpty()) {
            throw Refusal.invalid("apiKey is required",
                    "create an API key in the idloom account's integration settings (with Allow API access on) and send it as apiKey");
        }
        String ownerEmail = body.requiredText("ownerEmail",
                "the email of the idloom account's owner, who is told when idloom removes a person added by hand");
        if (!Emails.isValid(ownerEmail)) {
            throw Refusal.invalid("ownerEmail is not a valid email address", "write it as name@example.com");
        }
        boolean confirmWithIdloom = body.optionalBoolean("confirmWithIdloom", true);

        String apiKey = typedKey != null ? typedKey : idloom.savedKey(setup.shortcode(), saved.get());
        Account account = checkKey(server, apiKey, accountName);
        byte[] encrypted = typedKey != null ? cipher.encrypt(setup.shortcode(), typedKey) : saved.get().encryptedApiKey();
        String secret = saved.map(Integration::webhookSecret).filter(s -> !s.isBlank()).orElseGet(IntegrationRoutes::newSecret);
        Integration integration = new Integration(account.accountName(), server, encrypted, ownerEmail, true, secret,
                confirmWithIdloom);
        setups.putIntegration(setup.shortcode(), integration);
        return ApiResponse.json(saved.isPresent() ? 200 : 201, Views.integration(integration));
    }

    /** Asks idloom whose key this is ({@code GET /other/auth}); refuses unless it is the account typed. */
    private Account checkKey(String server, String apiKey, String accountName) {
        Account account;
        try {
            account = idloom.client(server, apiKey).auth();
        } catch (IdloomException e) {
            if (e.kind() == IdloomException.Kind.UNAUTHORIZED) {
                throw Refusal.invalid("API key rejected, or Allow API access is off in the idloom integration",
                        "copy the API key again from the idloom account, and switch Allow API access on in its integration settings");
            }
            throw IdloomCalls.common(e, server);
        }
        if (!account.accountName().strip().equalsIgnoreCase(accountName)) {
            throw Refusal.invalid("this key belongs to account '" + account.accountName() + "', not '" + accountName + "'",
                    "send accountName '" + account.accountName() + "' if that is the account you mean, "
                            + "or an API key of account '" + accountName + "'");
        }
        return account;
    }

    private ApiResponse setActive(Routes.Call call) {
        AppSetup setup = apps.require(call);
        Integration integration = Apps.integration(setup);
        boolean active = Body.of(call.request(), "active").requiredBoolean("active");
        if (!setups.setActive(setup.shortcode(), active)) {
            throw Apps.noIntegration(setup.shortcode());
        }
        return ApiResponse.json(200, Views.integration(integration.withActive(active)));
    }

    /** The three URLs to give idloom; they carry the webhook secret, which no other route shows. */
    private ApiResponse webhooks(Routes.Call call) {
        AppSetup setup = apps.require(call);
        Integration integration = Apps.integration(setup);
        String base = baseUrl(call.request()) + "/idloom/" + setup.shortcode() + "/";
        String query = "?secret=" + integration.webhookSecret();
        var body = Json.object();
        for (String webhook : new String[] {"create", "update", "delete"}) {
            body.put(webhook, base + webhook + query);
        }
        return ApiResponse.json(200, body);
    }

    private ApiResponse log(Routes.Call call) {
        AppSetup setup = apps.require(call);
        int limit = limit(call.request().queryParameter("limit"));
        return ApiResponse.json(200, Views.list("entries",
                syncLog.recent(setup.shortcode(), limit).stream().map(Views::logEntry).toList()));
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LOG_ENTRIES;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LOG_ENTRIES) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Refusal.badRequest("limit must be a whole number from 1 to " + MAX_LOG_ENTRIES,
                "leave it out for the newest " + DEFAULT_LOG_ENTRIES + " entries");
    }

    /** The API's address as idloom reaches it: the configured one, else the request's own host. */
    private String baseUrl(ApiRequest request) {
        String base = publicBaseUrl;
        if (base == null || base.isBlank()) {
            base = request.baseUrl();
        }
        if ((base == null || base.isBlank()) && request.header("host") != null) {
            base = "https://" + request.header("host");
        }
        base = base == null ? "" : base.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    /** 32 random bytes, base64url without padding: safe in a query string as it is. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
