package dev.idloomsync.sync;

import dev.idloomsync.mapping.PersonAttributes;
import dev.idloomsync.mapping.PersonPatch;
import dev.idloomsync.people.Origin;

import java.time.Instant;
import java.util.Objects;

/**
 * Rules 3 and 5 over a known state: find the registration's person (by link, else by email, else
 * a new one), keep newer-wins ordering, and choose between deleting, unlinking and ignoring.
 */
public final class Planner {
    private Planner() {
    }

    public static Plan plan(Intent intent, RegistrationState state, String newPersonId) {
        if (intent instanceof Intent.Upsert upsert) {
            return planUpsert(upsert, state, newPersonId);
        }
        return planRemove((Intent.Remove) intent, state);
    }

    private static Plan planUpsert(Intent.Upsert upsert, RegistrationState state, String newPersonId) {
        RegistrationState.Link link = state.link();
        if (link != null) {
            if (link.state() == LinkState.DELETED) {
                return new Plan.Ignore("the registration was deleted in idloom; a later update does not bring it back");
            }
            if (upsert.updatedAt() == link.appliedAt() && link.state() == LinkState.LINKED) {
                return new Plan.Ignore("already applied (same updated_at)");
            }
            if (upsert.updatedAt() <= link.appliedAt()) {
                return new Plan.Ignore("older than what was applied: updated_at " + instant(upsert.updatedAt())
                        + " is not after " + instant(link.appliedAt()));
            }
            if (link.state() == LinkState.LINKED && state.person() != null) {
                return new Plan.UpdatePerson(link.personId(), false, emailChange(upsert.patch(), link, state));
            }
        }
        String emailKey = PersonAttributes.emailKey(upsert.patch().email());
        if (emailKey != null && state.emailOwnerId() != null) {
            return new Plan.UpdatePerson(state.emailOwnerId(), true, Plan.EmailChange.NONE);
        }
        return new Plan.CreatePerson(newPersonId);
    }

    private static Plan.EmailChange emailChange(PersonPatch patch, RegistrationState.Link link, RegistrationState state) {
        if (!patch.setsEmail()) {
            return Plan.EmailChange.NONE;
        }
        String newKey = PersonAttributes.emailKey(patch.email());
        if (Objects.equals(newKey, link.emailKey())) {
            return Plan.EmailChange.NONE;
        }
        if (newKey != null && state.emailOwnerId() != null && !state.emailOwnerId().equals(link.personId())) {
            return new Plan.EmailChange(null, null, true);
        }
        return new Plan.EmailChange(link.emailKey(), newKey, false);
    }

    private static Plan planRemove(Intent.Remove remove, RegistrationState state) {
        RegistrationState.Link link = state.link();
        boolean deleting = remove.becomes() == LinkState.DELETED;
        if (link == null) {
            return new Plan.RecordAbsence(remove.becomes(), "not in the app; " + remove.reason());
        }
        if (link.state() == LinkState.DELETED) {
            return new Plan.Ignore("already deleted in idloom");
        }
        if (!deleting && remove.updatedAt() <= link.appliedAt()) {
            return new Plan.Ignore("older than what was applied: updated_at " + instant(remove.updatedAt())
                    + " is not after " + instant(link.appliedAt()));
        }
        if (link.state() == LinkState.EXCLUDED || state.person() == null) {
            return new Plan.RecordAbsence(remove.becomes(), "not in the app; " + remove.reason());
        }
        RegistrationState.LinkedPerson person = state.person();
        if (person.origin() == Origin.MANUAL) {
            return new Plan.UnlinkPerson(person.id(), true,
                    "added by hand, so kept in the app and the idloom account owner is told; " + remove.reason());
        }
        if (person.links().size() > 1) {
            return new Plan.UnlinkPerson(person.id(), false,
                    "still linked to another registration, so kept; " + remove.reason());
        }
        return new Plan.DeletePerson(person.id());
    }

    private static String instant(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
