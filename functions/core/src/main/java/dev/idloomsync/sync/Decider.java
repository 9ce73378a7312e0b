package dev.idloomsync.sync;

import dev.idloomsync.app.LinkedEvent;
import dev.idloomsync.mapping.FieldMapper;
import dev.idloomsync.mapping.PersonAttributes;
import dev.idloomsync.mapping.PersonPatch;

import java.time.Instant;
import java.util.Optional;

/** From a webhook and its attendee to what should happen, by the sync rules alone. */
public final class Decider {
    /** Longest value the sync writes into one person attribute. */
    public static final int MAX_VALUE_CHARS = 10_000;

    private Decider() {
    }

    /**
     * @param receivedAt used as the registration's time when the body carries no updated_at
     */
    public static Intent decide(WebhookKind kind, String shortcode, Attendee attendee, LinkedEvent event,
                                Instant receivedAt) throws BadRequest {
        RegistrationKey key = new RegistrationKey(shortcode, attendee.eventUid(), attendee.uid());
        String emailKey = PersonAttributes.emailKey(attendee.field("email"));
        long at = (attendee.updatedAt() != null ? attendee.updatedAt() : receivedAt).toEpochMilli();
        if (kind == WebhookKind.DELETE) {
            return new Intent.Remove(key, at, LinkState.DELETED, "deleted in idloom", emailKey);
        }
        Optional<String> exclusion = StatusPolicy.exclusion(attendee);
        if (exclusion.isPresent()) {
            return new Intent.Remove(key, at, LinkState.EXCLUDED, exclusion.get(), emailKey);
        }
        for (String field : FieldMapper.fieldsRead(event.mappings())) {
            String value = attendee.field(field);
            if (value != null && value.length() > MAX_VALUE_CHARS) {
                throw new BadRequest(field + " is longer than " + MAX_VALUE_CHARS + " characters",
                        "shorten it in idloom; the app keeps at most " + MAX_VALUE_CHARS + " characters per field");
            }
        }
        PersonPatch patch = FieldMapper.map(attendee, event.mappings());
        return new Intent.Upsert(key, at, patch, event.groupForNewPeople());
    }
}
