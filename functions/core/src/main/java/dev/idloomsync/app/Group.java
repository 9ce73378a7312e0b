package dev.idloomsync.app;

/** A people group of an app; every app has the built-in Everyone group. */
public record Group(String id, String name) {
    public static final String EVERYONE_ID = "everyone";
    public static final Group EVERYONE = new Group(EVERYONE_ID, "Everyone");
}
