package dev.idloomsync.store;

import dev.idloomsync.mapping.PersonAttributes;
import dev.idloomsync.people.Origin;
import dev.idloomsync.people.Person;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A person item and back. Memberships the sync gives are kept per registration ({@code sg:} and
 * {@code ss:} plus the registration's link name) beside the hand-set {@code groups}/{@code
 * sessions}, so that the sync can replace its own without reading and never touches the others.
 */
final class PersonItems {
    static final String ID = "id";
    static final String ORIGIN = "origin";
    static final String GROUPS = "groups";
    static final String SESSIONS = "sessions";
    static final String LINKS = "links";
    static final String CREATED_AT = "createdAt";
    static final String SYNC_GROUPS_PREFIX = "sg:";
    static final String SYNC_SESSIONS_PREFIX = "ss:";
    private static final List<String> DEFAULT_FIELDS = List.of(PersonAttributes.TITLE, PersonAttributes.FIRST_NAME,
            PersonAttributes.LAST_NAME, PersonAttributes.EMAIL, PersonAttributes.JOB_TITLE, PersonAttributes.COMPANY,
            PersonAttributes.PHONE);

    private PersonItems() {
    }

    static String syncGroups(String link) {
        return SYNC_GROUPS_PREFIX + link;
    }

    static String syncSessions(String link) {
        return SYNC_SESSIONS_PREFIX + link;
    }

    static AttributeValue list(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    static Person toPerson(Map<String, AttributeValue> item) {
        Map<String, String> profile = new TreeMap<>();
        Map<String, String> custom = new TreeMap<>();
        Set<String> groups = new LinkedHashSet<>(strings(item.get(GROUPS)));
        Set<String> sessions = new LinkedHashSet<>(strings(item.get(SESSIONS)));
        List<String> handGroups = List.copyOf(groups);
        List<String> handSessions = List.copyOf(sessions);
        item.forEach((name, value) -> {
            if (PersonAttributes.isProfile(name)) {
                profile.put(PersonAttributes.keyOf(name), value.s());
            } else if (PersonAttributes.isCustom(name)) {
                custom.put(PersonAttributes.keyOf(name), value.s());
            } else if (name.startsWith(SYNC_GROUPS_PREFIX)) {
                groups.addAll(strings(value));
            } else if (name.startsWith(SYNC_SESSIONS_PREFIX)) {
                sessions.addAll(strings(value));
            }
        });
        List<String> links = new ArrayList<>(item.containsKey(LINKS) ? item.get(LINKS).ss() : List.of());
        links.sort(null);
        return new Person(text(item, ID), Origin.fromWire(text(item, ORIGIN)),
                text(item, PersonAttributes.TITLE), text(item, PersonAttributes.FIRST_NAME),
                text(item, PersonAttributes.LAST_NAME), text(item, PersonAttributes.EMAIL),
                text(item, PersonAttributes.JOB_TITLE), text(item, PersonAttributes.COMPANY),
                text(item, PersonAttributes.PHONE), profile, custom, List.copyOf(groups), List.copyOf(sessions),
                handGroups, handSessions, links);
    }

    static List<String> defaultFields() {
        return DEFAULT_FIELDS;
    }

    static List<String> strings(AttributeValue value) {
        if (value == null) {
            return List.of();
        }
        if (value.hasL()) {
            return value.l().stream().map(AttributeValue::s).toList();
        }
        if (value.hasSs()) {
            return value.ss();
        }
        return List.of();
    }

    static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
