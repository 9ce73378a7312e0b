package dev.idloomsync.app;

/**
 * An app's link to idloom. The API key is held encrypted; only the idloom client ever sees it in
 * clear, and only for the duration of a call.
 */
public record Integration(String accountName, String server, byte[] encryptedApiKey, String ownerEmail,
                          boolean active, String webhookSecret, boolean confirmWithIdloom) {

    public static final String DEFAULT_SERVER = "idloom.events";

    public Integration withActive(boolean on) {
        return new Integration(accountName, server, encryptedApiKey, ownerEmail, on, webhookSecret, confirmWithIdloom);
    }
}
