package dev.idloomsync.idloom;

import dev.idloomsync.app.Integration;
import dev.idloomsync.store.ApiKeyCipher;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Gives an idloom client for an app's integration, decrypting its API key once per process and
 * key: a warm Lambda does not call KMS again until the integration changes.
 */
public final class IdloomAccess {
    private record Entry(String server, byte[] encryptedKey, IdloomClient client) {
    }

    private final ApiKeyCipher cipher;
    private final BiFunction<String, String, IdloomClient> clients;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** @param clients makes a client from a server and a clear API key */
    public IdloomAccess(ApiKeyCipher cipher, BiFunction<String, String, IdloomClient> clients) {
        this.cipher = cipher;
        this.clients = clients;
    }

    public IdloomClient clientFor(String shortcode, Integration integration) {
        Entry entry = entries.get(shortcode);
        if (entry != null && Objects.equals(entry.server(), integration.server())
                && Arrays.equals(entry.encryptedKey(), integration.encryptedApiKey())) {
            return entry.client();
        }
        String apiKey = cipher.decrypt(shortcode, integration.encryptedApiKey());
        IdloomClient client = clients.apply(integration.server(), apiKey);
        entries.put(shortcode, new Entry(integration.server(), integration.encryptedApiKey(), client));
        return client;
    }
}
