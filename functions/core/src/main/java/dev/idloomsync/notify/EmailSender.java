package dev.idloomsync.notify;

/** Sends one email; throws when the provider refuses it, so that it stays pending. */
public interface EmailSender {
    void send(PendingEmail email);
}
