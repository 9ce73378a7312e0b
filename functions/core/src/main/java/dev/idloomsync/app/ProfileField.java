package dev.idloomsync.app;

import java.util.List;

/** The profile fields a mapping rule may fill. */
public final class ProfileField {
    public static final List<String> ALL =
            List.of("about", "address", "country", "website", "linkedin", "twitter", "facebook", "instagram");

    private ProfileField() {
    }

    public static boolean exists(String id) {
        return ALL.contains(id);
    }
}
