package dev.idloomsync.mapping;

import java.util.Locale;

/** The names of a person's attributes, as the mapping writes them and the store keeps them. */
public final class PersonAttributes {
    public static final String TITLE = "title";
    public static final String FIRST_NAME = "firstName";
    public static final String LAST_NAME = "lastName";
    public static final String EMAIL = "email";
    public static final String JOB_TITLE = "jobTitle";
    public static final String COMPANY = "company";
    public static final String PHONE = "phone";
    static final String PROFILE_PREFIX = "p:";
    static final String CUSTOM_PREFIX = "c:";

    private PersonAttributes() {
    }

    public static String profile(String key) {
        return PROFILE_PREFIX + key;
    }

    public static String custom(String fieldId) {
        return CUSTOM_PREFIX + fieldId;
    }

    public static boolean isProfile(String attribute) {
        return attribute.startsWith(PROFILE_PREFIX);
    }

    public static boolean isCustom(String attribute) {
        return attribute.startsWith(CUSTOM_PREFIX);
    }

    /** The key behind a profile or custom attribute name. */
    public static String keyOf(String attribute) {
        return attribute.substring(2);
    }

    /** The form of an email that uniqueness is checked on: trimmed and lower case. */
    public static String emailKey(String email) {
        return email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
    }
}
