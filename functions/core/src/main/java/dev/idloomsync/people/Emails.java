package dev.idloomsync.people;

import java.util.regex.Pattern;

/** What counts as an email address, for webhooks and the admin API alike. */
public final class Emails {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+$");

    private Emails() {
    }

    /** A trimmed address with one @, a dot in its domain, and no spaces, quotes or angle brackets. */
    public static boolean isValid(String text) {
        return text != null && EMAIL.matcher(text.strip()).matches();
    }
}
