package dev.idloomsync.notify;

/**
 * The email that tells the idloom account owner that a person added by hand was removed in idloom
 * but still exists in the app. Everything an attendee typed is HTML-escaped.
 */
public final class OwnerEmail {
    private OwnerEmail() {
    }

    public static PendingEmail compose(String id, String shortcode, RemovalNotice notice, String firstName,
                                       String lastName, String email, String reason) {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        if (name.isEmpty()) {
            name = "(no name)";
        }
        String shownEmail = email == null || email.isBlank() ? "(no email)" : email;
        String subject = "idloom-sync: " + oneLine(name) + " was removed in idloom but is still in app " + shortcode;
        String text = "Hello,\n\n"
                + name + " <" + shownEmail + "> was removed from the idloom event \"" + notice.eventName() + "\" ("
                + reason + ").\n"
                + "This person was added to the app " + shortcode + " by hand, so idloom-sync kept them in the app.\n"
                + "If they should go, delete them in the app's CMS.\n";
        String html = "<p>Hello,</p>"
                + "<p><strong>" + escape(name) + "</strong> &lt;" + escape(shownEmail) + "&gt; was removed from the idloom event "
                + "&ldquo;" + escape(notice.eventName()) + "&rdquo; (" + escape(reason) + ").</p>"
                + "<p>This person was added to the app <strong>" + escape(shortcode) + "</strong> by hand, "
                + "so idloom-sync kept them in the app. If they should go, delete them in the app's CMS.</p>";
        return new PendingEmail(id, shortcode, notice.ownerEmail(), subject, html, text);
    }

    /** Escapes the five characters that matter in HTML text and attributes. */
    public static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String oneLine(String value) {
        // Control characters and the Unicode line and paragraph separators, which some clients break on.
        return value.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]+", " ");
    }
}
