package dev.idloomsync.sync;

import dev.idloomsync.notify.PendingEmail;

/**
 * What a webhook did to the people list: {@code action} is created, updated, linked, removed,
 * unlinked, recorded (registration remembered as absent) or ignored; {@code email} is the owner
 * email that was written with it, if any.
 */
public record SyncOutcome(String action, String reason, String personId, PendingEmail email) {

    public boolean applied() {
        return !"ignored".equals(action);
    }
}
