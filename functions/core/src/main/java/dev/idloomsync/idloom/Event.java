package dev.idloomsync.idloom;

/** An idloom event: its UID and its name as written in idloom. */
public record Event(String uid, String name) {
}
