package dev.idloomsync.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.idloomsync.http.ApiRequest;
import dev.idloomsync.http.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * A request's JSON object body, read member by member; every refusal names the member at fault
 * (with its path, such as {@code source.kind}) and never quotes a value, which may be an API key.
 */
final class Body {
    static final int MAX_BYTES = 64 * 1024;
    static final int MAX_TEXT = 1000;

    private final JsonNode node;
    private final String path;

    private Body(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The body as a JSON object that has no members but {@code members}. */
    static Body of(ApiRequest request, String... members) {
        String text = request.body();
        if (text == null || text.isBlank()) {
            throw Refusal.badRequest("the request has no body",
                    "send a JSON object with " + String.join(", ", members));
        }
        if (!request.bodyIsUtf8()) {
            throw Refusal.badRequest("the body is not valid UTF-8", "send the JSON as UTF-8");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new Refusal(413, "the body is larger than " + MAX_BYTES / 1024 + " KiB",
                    "send only the members this route takes: " + String.join(", ", members));
        }
        JsonNode node;
        try {
            node = Json.read(text);
        } catch (JsonProcessingException e) {
            // The location only: Jackson's own message may quote the text, and the text may hold a key.
            var at = e.getLocation();
            throw Refusal.badRequest("the body is not valid JSON"
                            + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"),
                    "send a JSON object such as {\"" + members[0] + "\": ...}");
        }
        if (!node.isObject()) {
            throw Refusal.badRequest("the body must be a JSON object, not " + describe(node),
                    "send a JSON object with " + String.join(", ", members));
        }
        Body body = new Body(node, "");
        body.allowOnly(members);
        return body;
    }

    /** A nested object member, read the same way. */
    Body object(String name, String hint, String... members) {
        JsonNode value = node.get(name);
        if (absent(value)) {
            throw Refusal.invalid(where(name) + " is required", hint);
        }
        if (!value.isObject()) {
            throw Refusal.invalid(where(name) + " must be an object, not " + describe(value), hint);
        }
        Body body = new Body(value, where(name) + ".");
        body.allowOnly(members);
        return body;
    }

    /** True when the member is there and not null. */
    boolean has(String name) {
        return !absent(node.get(name));
    }

    String requiredText(String name, String hint) {
        String value = optionalText(name, hint);
        if (value == null) {
            throw Refusal.invalid(where(name) + " is required", hint);
        }
        return value;
    }

    /** The trimmed text of a member; null when missing, null or blank. */
    String optionalText(String name, String hint) {
        JsonNode value = node.get(name);
        if (absent(value)) {
            return null;
        }
        if (!value.isTextual()) {
            throw Refusal.invalid(where(name) + " must be a string, not " + describe(value),
                    hint != null ? hint : "send " + where(name) + " as text in double quotes");
        }
        String text = value.asText().strip();
        if (text.length() > MAX_TEXT) {
            throw Refusal.invalid(where(name) + " is longer than " + MAX_TEXT + " characters",
                    hint != null ? hint : "shorten it");
        }
        return text.isEmpty() ? null : text;
    }

    /** A true/false member; {@code fallback} when missing or null. */
    boolean optionalBoolean(String name, boolean fallback) {
        JsonNode value = node.get(name);
        if (absent(value)) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw Refusal.invalid(where(name) + " must be true or false, not " + describe(value),
                    "send " + where(name) + ": true or " + where(name) + ": false, without quotes");
        }
        return value.booleanValue();
    }

    boolean requiredBoolean(String name) {
        if (!has(name)) {
            throw Refusal.invalid(where(name) + " is required",
                    "send {\"" + name + "\": true} or {\"" + name + "\": false}");
        }
        return optionalBoolean(name, false);
    }

    /** A list of strings, trimmed; null when missing or null. */
    List<String> optionalTextList(String name, String hint) {
        JsonNode value = node.get(name);
        if (absent(value)) {
            return null;
        }
        if (!value.isArray()) {
            throw Refusal.invalid(where(name) + " must be a list of ids, not " + describe(value), hint);
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual() || element.asText().isBlank()) {
                throw Refusal.invalid(where(name) + " must hold ids as strings, not " + describe(element), hint);
            }
            String text = element.asText().strip();
            if (!texts.contains(text)) {
                texts.add(text);
            }
        }
        return texts;
    }

    /** The members of an object member, each a string, number or boolean read as text; null when missing. */
    List<Member> optionalScalars(String name, String hint) {
        JsonNode value = node.get(name);
        if (absent(value)) {
            return null;
        }
        if (!value.isObject()) {
            throw Refusal.invalid(where(name) + " must be an object, not " + describe(value), hint);
        }
        List<Member> members = new ArrayList<>();
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String member = names.next();
            JsonNode element = value.get(member);
            if (element.isContainerNode()) {
                throw Refusal.invalid(where(name) + "." + member + " must be a string, number or boolean, not "
                        + describe(element), hint);
            }
            if (!element.isNull() && element.asText().length() > MAX_TEXT) {
                throw Refusal.invalid(where(name) + "." + member + " is longer than " + MAX_TEXT + " characters", hint);
            }
            members.add(new Member(member, element.isNull() ? null : element.asText().strip()));
        }
        return members;
    }

    /** One member of an object: its name and its text (null for JSON null). */
    record Member(String name, String text) {
    }

    String where(String name) {
        return path + name;
    }

    private void allowOnly(String... members) {
        List<String> allowed = List.of(members);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw Refusal.invalid("unknown member '" + where(name) + "'",
                        (path.isEmpty() ? "this route takes " : path.substring(0, path.length() - 1) + " takes ")
                                + String.join(", ", members) + " (names are case-sensitive)");
            }
        }
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    static String describe(JsonNode value) {
        JsonNodeType type = value.getNodeType();
        return switch (type) {
            case ARRAY -> "a list";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case NULL, MISSING -> "null";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }
}
