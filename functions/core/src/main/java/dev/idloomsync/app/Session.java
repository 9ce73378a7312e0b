package dev.idloomsync.app;

/** A session of the event app's agenda. */
public record Session(String id, String name) {
}
