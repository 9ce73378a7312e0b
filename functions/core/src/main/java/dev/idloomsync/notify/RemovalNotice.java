package dev.idloomsync.notify;

/** Who to tell when a person added by hand is removed in idloom, and about which event. */
public record RemovalNotice(String ownerEmail, String accountName, String eventName) {
}
