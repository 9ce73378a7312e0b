package dev.idloomsync.app;

import java.util.Locale;

/** An organiser's rule: an idloom field, category or option goes to a place in the app. */
public record MappingRule(String id, Source source, Target target, boolean tickbox) {

    /** Where a value comes from in the idloom registration. */
    public record Source(SourceKind kind, String id) {
    }

    /** Where it goes in the app. */
    public record Target(TargetKind kind, String id) {
    }

    public enum SourceKind {
        FIELD, CATEGORY, OPTION;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum TargetKind {
        PROFILE, CUSTOM, SESSION, GROUP;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** A field fills a profile or custom field; a category or option gives a membership. */
        public boolean takes(SourceKind source) {
            return switch (this) {
                case PROFILE, CUSTOM -> source == SourceKind.FIELD;
                case SESSION, GROUP -> source != SourceKind.FIELD;
            };
        }
    }
}
