package dev.idloomsync.sync;

import dev.idloomsync.mapping.PersonPatch;

/** What a webhook body asks for, before looking at what the app already holds. */
public sealed interface Intent {
    /** Registration identity in the app's terms. */
    RegistrationKey key();

    /** When idloom last changed the registration, in epoch milliseconds. */
    long updatedAt();

    /** The registration belongs in the app: add it, or bring its person up to date. */
    record Upsert(RegistrationKey key, long updatedAt, PersonPatch patch, String groupForNewPeople) implements Intent {
    }

    /**
     * The registration leaves the app: deleted in idloom, or in an excluded status. {@code emailKey}
     * is the body's email, which lets the common case be removed without a read.
     */
    record Remove(RegistrationKey key, long updatedAt, LinkState becomes, String reason, String emailKey)
            implements Intent {
    }
}
