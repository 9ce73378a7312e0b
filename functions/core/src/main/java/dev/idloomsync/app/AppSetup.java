package dev.idloomsync.app;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything an app has set up for the sync, read in one query and cached by the webhooks:
 * name, idloom integration, linked events with their mappings, groups, sessions and custom fields.
 */
public record AppSetup(String shortcode, String name, Optional<Integration> integration,
                       Map<String, LinkedEvent> events, List<Group> groups, List<Session> sessions,
                       List<CustomField> customFields) {

    /** What a shortcode may be: it stands in URLs and keys. */
    public static final Pattern SHORTCODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** A new app: a name, the built-in Everyone group, nothing else yet. */
    public static AppSetup newApp(String shortcode, String name) {
        return new AppSetup(shortcode, name, Optional.empty(), Map.of(), List.of(Group.EVERYONE), List.of(), List.of());
    }

    public AppSetup withName(String newName) {
        return new AppSetup(shortcode, newName, integration, events, groups, sessions, customFields);
    }

    public Optional<LinkedEvent> event(String eventUid) {
        return Optional.ofNullable(events.get(eventUid));
    }

    public boolean hasGroup(String id) {
        return groups.stream().anyMatch(g -> g.id().equals(id));
    }

    public boolean hasSession(String id) {
        return sessions.stream().anyMatch(s -> s.id().equals(id));
    }

    public Optional<CustomField> customField(String id) {
        return customFields.stream().filter(f -> f.id().equals(id)).findFirst();
    }
}
