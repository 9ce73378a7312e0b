package dev.idloomsync.admin;

import java.security.SecureRandom;
import java.util.HexFormat;

/** New ids for what the admin API creates: a prefix that tells the kind, then random hex. */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** {@code prefix} and 12 hex digits, such as {@code g-3f9a0c51d2e7}. */
    static String next(String prefix) {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
