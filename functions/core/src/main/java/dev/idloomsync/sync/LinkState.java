package dev.idloomsync.sync;

/** Where a registration stands in the app. */
public enum LinkState {
    /** Its person is in the app and follows it. */
    LINKED,
    /** Left out for an excluded status; a newer registration in a good status brings it back. */
    EXCLUDED,
    /** Deleted in idloom; nothing brings it back. */
    DELETED
}
