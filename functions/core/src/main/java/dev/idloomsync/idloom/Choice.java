package dev.idloomsync.idloom;

/** A category or an option of an event's registration form. */
public record Choice(String id, String name) {
}
