package dev.idloomsync.people;

import java.util.Locale;

/** Who made a person: the sync, or staff by hand. Only the sync's people are ever removed by it. */
public enum Origin {
    IDLOOM, MANUAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Origin fromWire(String value) {
        return "manual".equals(value) ? MANUAL : IDLOOM;
    }
}
