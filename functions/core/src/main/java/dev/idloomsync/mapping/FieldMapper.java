package dev.idloomsync.mapping;

import dev.idloomsync.app.MappingRule;
import dev.idloomsync.app.MappingRule.SourceKind;
import dev.idloomsync.app.MappingRule.TargetKind;
import dev.idloomsync.sync.Attendee;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The mapping rules as plain code: the fixed default fields, then the organiser's rules for custom
 * fields, profile fields, and categories and options to groups and sessions.
 */
public final class FieldMapper {
    /** idloom's native name to person attribute; Phone falls back to Mobile when it is empty. */
    private static final Map<String, String> DEFAULT_FIELDS = Map.of(
            "title", PersonAttributes.TITLE,
            "firstname", PersonAttributes.FIRST_NAME,
            "lastname", PersonAttributes.LAST_NAME,
            "email", PersonAttributes.EMAIL,
            "job_title", PersonAttributes.JOB_TITLE,
            "cpy_name", PersonAttributes.COMPANY);

    private FieldMapper() {
    }

    public static PersonPatch map(Attendee attendee, List<MappingRule> rules) {
        Map<String, String> values = new LinkedHashMap<>();
        DEFAULT_FIELDS.forEach((source, attribute) -> {
            if (attendee.has(source)) {
                values.put(attribute, clean(attendee.field(source)));
            }
        });
        mapPhone(attendee, values);

        Set<String> groups = new LinkedHashSet<>();
        Set<String> sessions = new LinkedHashSet<>();
        for (MappingRule rule : rules) {
            if (rule.source().kind() == SourceKind.FIELD) {
                mapField(attendee, rule, values);
            } else if (chosen(attendee, rule)) {
                (rule.target().kind() == TargetKind.GROUP ? groups : sessions).add(rule.target().id());
            }
        }
        boolean saysMemberships = attendee.hasCategory() || attendee.hasOptions();
        return new PersonPatch(values,
                saysMemberships ? List.copyOf(groups) : null,
                saysMemberships ? List.copyOf(sessions) : null);
    }

    /** The idloom fields the default mapping and these rules read, by their native names. */
    public static Set<String> fieldsRead(List<MappingRule> rules) {
        Set<String> fields = new LinkedHashSet<>(DEFAULT_FIELDS.keySet());
        fields.add("phone");
        fields.add("mobile_phone");
        for (MappingRule rule : rules) {
            if (rule.source().kind() == SourceKind.FIELD) {
                fields.add(rule.source().id());
            }
        }
        return fields;
    }

    private static void mapPhone(Attendee attendee, Map<String, String> values) {
        String phone = clean(attendee.field("phone"));
        String mobile = clean(attendee.field("mobile_phone"));
        if (phone != null) {
            values.put(PersonAttributes.PHONE, phone);
        } else if (mobile != null) {
            values.put(PersonAttributes.PHONE, mobile);
        } else if (attendee.has("phone") || attendee.has("mobile_phone")) {
            values.put(PersonAttributes.PHONE, null);
        }
    }

    private static void mapField(Attendee attendee, MappingRule rule, Map<String, String> values) {
        String source = rule.source().id();
        if (!attendee.has(source)) {
            return;
        }
        String raw = attendee.field(source);
        // An empty or null tickbox is an unticked one.
        String value = rule.tickbox() ? tickbox(raw == null ? "" : raw) : clean(raw);
        String attribute = rule.target().kind() == TargetKind.PROFILE
                ? PersonAttributes.profile(rule.target().id())
                : PersonAttributes.custom(rule.target().id());
        values.put(attribute, value);
    }

    private static boolean chosen(Attendee attendee, MappingRule rule) {
        String id = rule.source().id();
        if (rule.source().kind() == SourceKind.CATEGORY) {
            return attendee.category() != null && attendee.category().id().equals(id);
        }
        return attendee.options().stream().anyMatch(o -> o.id().equals(id));
    }

    /** A ticked box reads Yes, an unticked one No; anything else is kept as idloom sent it. */
    static String tickbox(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> "Yes";
            case "0", "false", "no", "off", "" -> "No";
            default -> value;
        };
    }

    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
