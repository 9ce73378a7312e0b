package dev.idloomsync.store;

import dev.idloomsync.sync.RegistrationKey;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * The one table's keys. An app's setup lives under {@code APP#sc}, its people, registrations and
 * email keys under {@code PEOPLE#sc}, its sync log under {@code LOG#sc}; owner emails waiting to
 * be sent under {@code OUTBOX}.
 */
public final class Keys {
    public static final String PK = "pk";
    public static final String SK = "sk";

    private Keys() {
    }

    public static String app(String shortcode) {
        return "APP#" + shortcode;
    }

    public static String people(String shortcode) {
        return "PEOPLE#" + shortcode;
    }

    public static String log(String shortcode) {
        return "LOG#" + shortcode;
    }

    public static String person(String personId) {
        return "PERSON#" + personId;
    }

    public static String registration(RegistrationKey key) {
        return "REG#" + key.eventUid() + "#" + key.uid();
    }

    public static String email(String emailKey) {
        return "EMAIL#" + emailKey;
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
