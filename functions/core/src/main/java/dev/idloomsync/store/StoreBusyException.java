package dev.idloomsync.store;

/** The store could not apply a webhook now (races that did not settle); a retry later will. */
public final class StoreBusyException extends RuntimeException {
    public StoreBusyException(String message) {
        super(message);
    }
}
