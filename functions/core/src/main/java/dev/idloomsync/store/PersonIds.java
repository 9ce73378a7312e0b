package dev.idloomsync.store;

import dev.idloomsync.sync.RegistrationKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Person ids. The person the sync makes for a registration gets an id derived from it, so that the
 * common webhooks can address it without reading first; people added by hand get random ids.
 */
public final class PersonIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private PersonIds() {
    }

    public static String forRegistration(RegistrationKey key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha.digest((key.shortcode() + "\n" + key.eventUid() + "\n" + key.uid())
                    .getBytes(StandardCharsets.UTF_8));
            return "p-" + HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    public static String random(String prefix) {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
