package dev.idloomsync.app;

import java.util.List;

/** An idloom event attached to the integration, with its default people group and mapping rules. */
public record LinkedEvent(String eventUid, String name, String defaultGroupId, List<MappingRule> mappings) {

    public LinkedEvent {
        mappings = List.copyOf(mappings);
    }

    /** The group a new person of this event goes to: the default group, or Everyone when none is set. */
    public String groupForNewPeople() {
        return defaultGroupId == null || defaultGroupId.isBlank() ? Group.EVERYONE_ID : defaultGroupId;
    }
}
