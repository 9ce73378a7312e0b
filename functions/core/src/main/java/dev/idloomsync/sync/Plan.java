package dev.idloomsync.sync;

/** What one webhook does to the people list, decided on a known {@link RegistrationState}. */
public sealed interface Plan {

    /** Nothing changes; the reason goes to the sync log. */
    record Ignore(String reason) implements Plan {
    }

    /** No person changes, but the registration is remembered as left out or deleted, for ordering. */
    record RecordAbsence(LinkState state, String reason) implements Plan {
    }

    /** A new person of origin idloom, in the group for new people, linked to the registration. */
    record CreatePerson(String personId) implements Plan {
    }

    /** An existing person follows the registration; {@code newLink} when it is linked now (by email). */
    record UpdatePerson(String personId, boolean newLink, EmailChange email) implements Plan {
    }

    /** The sync's person leaves the app. */
    record DeletePerson(String personId) implements Plan {
    }

    /** The person stays but loses this registration; a manual person's removal is told to the owner. */
    record UnlinkPerson(String personId, boolean notifyOwner, String reason) implements Plan {
    }

    /**
     * How the person's email key moves: drop {@code removeKey}, claim {@code addKey} (either may be
     * null). {@code conflict} when the new email belongs to another person and is not applied.
     */
    record EmailChange(String removeKey, String addKey, boolean conflict) {
        public static final EmailChange NONE = new EmailChange(null, null, false);
    }
}
