package dev.idloomsync.mapping;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a registration sets on its person. {@code values} maps a person attribute to its new
 * value; a null value clears it; an attribute not in the map is left as it is (the field was not
 * in the body). {@code groups}/{@code sessions} are the memberships the sync gives, or null when
 * the body said nothing about categories and options.
 */
public record PersonPatch(Map<String, String> values, List<String> groups, List<String> sessions) {

    public PersonPatch {
        values = Collections.unmodifiableMap(values);
        groups = groups == null ? null : List.copyOf(groups);
        sessions = sessions == null ? null : List.copyOf(sessions);
    }

    /** The email the registration carries, trimmed; null when absent or empty. */
    public String email() {
        return values.get(PersonAttributes.EMAIL);
    }

    public boolean setsEmail() {
        return values.containsKey(PersonAttributes.EMAIL);
    }

    public PersonPatch withoutEmail() {
        Map<String, String> rest = new java.util.LinkedHashMap<>(values);
        rest.remove(PersonAttributes.EMAIL);
        return new PersonPatch(rest, groups, sessions);
    }
}
