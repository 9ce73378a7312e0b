package dev.idloomsync.admin;

import dev.idloomsync.app.AppSetup;
import dev.idloomsync.app.Integration;
import dev.idloomsync.idloom.IdloomAccess;
import dev.idloomsync.idloom.IdloomClient;
import dev.idloomsync.idloom.IdloomException;
import dev.idloomsync.store.ApiKeyCipher;

import java.util.function.BiFunction;

/**
 * The idloom client of an app's integration (through {@link IdloomAccess}, which decrypts the saved
 * key once per key), and the words for idloom's failures: what the organiser can fix is a 422, what
 * a retry fixes is a 503.
 */
final class IdloomCalls {
    private final ApiKeyCipher cipher;
    private final BiFunction<String, String, IdloomClient> clients;
    private final IdloomAccess saved;

    IdloomCalls(ApiKeyCipher cipher, BiFunction<String, String, IdloomClient> clients) {
        this.cipher = cipher;
        this.clients = clients;
        this.saved = new IdloomAccess(cipher, clients);
    }

    /** A client with the key the organiser just typed. */
    IdloomClient client(String server, String apiKey) {
        return clients.apply(server, apiKey);
    }

    /** A client with the integration's saved key. */
    IdloomClient client(AppSetup setup) {
        return saved.clientFor(setup.shortcode(), Apps.integration(setup));
    }

    String savedKey(String shortcode, Integration integration) {
        return cipher.decrypt(shortcode, integration.encryptedApiKey());
    }

    /** idloom's failure on a call made with the saved key, as the organiser can act on it. */
    static Refusal refusal(IdloomException e, AppSetup setup) {
        Integration integration = Apps.integration(setup);
        if (e.kind() == IdloomException.Kind.UNAUTHORIZED) {
            return Refusal.invalid("idloom refused the saved API key of account '" + integration.accountName() + "'",
                    "the key was revoked or Allow API access was switched off in the idloom integration: switch it on, "
                            + "or save the integration again with a new key (PUT /apps/" + setup.shortcode() + "/idloom)");
        }
        return common(e, integration.server());
    }

    /** Failures that read the same whichever key was used. */
    static Refusal common(IdloomException e, String server) {
        return switch (e.kind()) {
            case RATE_LIMITED -> new Refusal(503, "idloom is limiting the rate of calls (429); nothing was saved",
                    "try again in a minute");
            case SERVER_ERROR -> new Refusal(503, "idloom answered with a server error (" + e.status()
                    + "); nothing was saved", "try again in a few minutes");
            case UNREACHABLE -> Refusal.invalid("the idloom server '" + server + "' cannot be reached",
                    "check the integration's server: a host such as idloom.events, or a URL such as "
                            + "http://127.0.0.1:8099/api/v4 (" + e.getMessage() + ")");
            default -> Refusal.invalid("the idloom server '" + server + "' gave an answer that cannot be used",
                    "check the integration's server (" + e.getMessage() + ")");
        };
    }
}
