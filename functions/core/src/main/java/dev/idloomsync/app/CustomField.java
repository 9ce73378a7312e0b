package dev.idloomsync.app;

/** A custom profile field defined in the app (type as the CMS names it: text, textarea, checkbox...). */
public record CustomField(String id, String name, String type) {
}
