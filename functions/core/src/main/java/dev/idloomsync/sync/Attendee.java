package dev.idloomsync.sync;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One idloom registration as a webhook body carries it: identity, ordering, statuses, every flat
 * field by its native name (a present field may hold null), its category and its options.
 * {@code hasCategory}/{@code hasOptions} tell an absent key from an empty one.
 */
public record Attendee(String uid, String eventUid, Instant updatedAt, String registrationStatus,
                       String paymentStatus, Map<String, String> fields, Choice category, List<Choice> options,
                       boolean hasCategory, boolean hasOptions) {

    /** A category or an option: idloom gives both an id and a name. */
    public record Choice(String id, String name) {
    }

    public Attendee {
        fields = Collections.unmodifiableMap(fields);
        options = List.copyOf(options);
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public String field(String name) {
        return fields.get(name);
    }
}
