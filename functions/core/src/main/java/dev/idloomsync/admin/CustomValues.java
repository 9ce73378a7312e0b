package dev.idloomsync.admin;

import dev.idloomsync.app.CustomField;
import dev.idloomsync.people.Emails;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import java.util.List;
import java.util.Locale;

/** The custom field types an app offers, and the values each accepts. */
final class CustomValues {
    /** The types a custom field can have. */
    static final List<String> TYPES = List.of("text", "textarea", "number", "date", "checkbox", "url", "email");
    static final String DEFAULT_TYPE = "text";

    private CustomValues() {
    }

    /**
     * The value as it is kept: trimmed text, a checkbox as Yes/No (as a tickbox mapping writes it);
     * null when empty. Refuses a value that is not of the field's type.
     */
    static String normalise(CustomField field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        String where = "custom.'" + field.name() + "'";
        switch (field.type() == null ? DEFAULT_TYPE : field.type()) {
            case "number" -> {
                try {
                    new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw Refusal.invalid(where + " must be a number", "custom field '" + field.name() + "' is of type number");
                }
            }
            case "date" -> {
                try {
                    LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    throw Refusal.invalid(where + " must be a date as YYYY-MM-DD", "for example 2024-05-02");
                }
            }
            case "checkbox" -> {
                return checkbox(text, where);
            }
            case "url" -> {
                String lower = text.toLowerCase(Locale.ROOT);
                if (!(lower.startsWith("http://") || lower.startsWith("https://")) || text.contains(" ")) {
                    throw Refusal.invalid(where + " must be a web address starting with http:// or https://",
                            "for example https://www.example.com");
                }
            }
            case "email" -> {
                if (!Emails.isValid(text)) {
                    throw Refusal.invalid(where + " must be an email address", "write it as name@example.com");
                }
            }
            default -> {
                // text and textarea take any text
            }
        }
        return text;
    }

    private static String checkbox(String text, String where) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> "Yes";
            case "false", "0", "no", "off" -> "No";
            default -> throw Refusal.invalid(where + " must be true or false", "a checkbox is ticked (true) or not (false)");
        };
    }
}
