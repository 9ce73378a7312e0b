package dev.idloomsync.sync;

import java.util.Locale;

/** The three idloom webhooks. */
public enum WebhookKind {
    CREATE, UPDATE, DELETE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
