package dev.idloomsync.store;

/** Keeps idloom API keys out of the table in clear text. */
public interface ApiKeyCipher {
    byte[] encrypt(String shortcode, String apiKey);

    String decrypt(String shortcode, byte[] encrypted);
}
