package dev.idloomsync.idloom;

/** One field of an event's registration form; {@code id} is its native name, such as {@code free_field3}. */
public record FormField(String id, String label, String type) {
}
