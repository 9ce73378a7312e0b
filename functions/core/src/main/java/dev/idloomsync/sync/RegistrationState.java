package dev.idloomsync.sync;

import dev.idloomsync.people.Origin;

import java.util.Set;

/**
 * What the app holds for one registration at the moment it was read: its link (null when idloom
 * never reached the app for it), the person owning the body's email (null when free or no email),
 * with its origin, and the linked person (null when none).
 */
public record RegistrationState(Link link, String emailOwnerId, Origin emailOwnerOrigin, LinkedPerson person) {

    /** The app's record of a registration, with a snapshot of what the sync last wrote. */
    public record Link(String personId, Origin origin, LinkState state, long appliedAt, String emailKey,
                       String email, String firstName, String lastName, long version) {
    }

    /** The person a registration is linked to, as far as removal needs to know it. */
    public record LinkedPerson(String id, Origin origin, Set<String> links) {
    }
}
