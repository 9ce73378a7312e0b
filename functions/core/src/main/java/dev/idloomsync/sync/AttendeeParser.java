package dev.idloomsync.sync;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.idloomsync.http.Json;
import dev.idloomsync.people.Emails;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a webhook body into an {@link Attendee}, tolerantly: unknown fields are kept aside and
 * ignored, any field may be missing or null. Only what makes the body unusable is refused.
 */
public final class AttendeeParser {
    static final int MAX_ID_CHARS = 256;
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter SPACED_WITH_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    private AttendeeParser() {
    }

    public static Attendee parse(String body) throws BadRequest {
        // RFC 8259 lets a parser ignore a byte order mark; Jackson reads one in a String as a stray character.
        if (body != null && body.startsWith("\uFEFF")) {
            body = body.substring(1);
        }
        if (body == null || body.isBlank()) {
            throw new BadRequest("the body is empty",
                    "idloom sends the attendee as a JSON object; send it as the request body");
        }
        JsonNode root;
        try {
            root = Json.read(body);
        } catch (StreamConstraintsException e) {
            throw new BadRequest("the body is not valid JSON within the read limits: " + readLimit(e),
                    "an idloom attendee is one flat JSON object: check what is sent to this URL");
        } catch (JsonProcessingException e) {
            // Not every Jackson fault reports a location.
            JsonLocation at = e.getLocation();
            throw new BadRequest("the body is not valid JSON" + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"),
                    "send the attendee as one JSON object");
        }
        return parse(root);
    }

    /** Reads an attendee that is already JSON, such as one idloom's API returned. */
    public static Attendee parse(JsonNode root) throws BadRequest {
        if (root == null || !root.isObject()) {
            throw new BadRequest("the body is " + kindOf(root) + ", not a JSON object",
                    "send the attendee as one JSON object, e.g. {\"uid\": \"...\", \"event_uid\": \"...\"}");
        }
        String uid = identity(root, "uid");
        String eventUid = identity(root, "event_uid");

        Map<String, String> fields = new HashMap<>();
        collectScalars(root, fields);
        JsonNode data = root.get("data");
        if (data != null && data.isObject()) {
            collectScalars(data, fields);
        }
        String email = fields.get("email");
        if (email != null && !email.isBlank() && !Emails.isValid(email)) {
            throw new BadRequest("email is not an email address",
                    "fix the attendee's email in idloom, or leave it empty");
        }
        return new Attendee(uid, eventUid, timestamp(root.get("updated_at")),
                fields.get("registration_status"), fields.get("payment_status"), fields,
                choice(root.get("category")), choices(root.get("options")),
                root.has("category"), root.has("options"));
    }

    private static String identity(JsonNode root, String name) throws BadRequest {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            throw new BadRequest(name + " is missing",
                    "the body must be an idloom attendee: it carries " + name);
        }
        if (!node.isTextual() && !node.isIntegralNumber()) {
            throw new BadRequest(name + " must be a string or a whole number, not " + kindOf(node),
                    "send idloom's attendee unchanged");
        }
        String value = node.asText().strip();
        if (!wellFormed(value).equals(value)) {
            throw new BadRequest(name + " is not valid Unicode text: it holds a lone surrogate"
                    + " (a \\u escape such as \\ud800)", "send idloom's attendee unchanged");
        }
        if (value.isEmpty()) {
            throw new BadRequest(name + " is empty", "the body must be an idloom attendee: it carries " + name);
        }
        if (value.length() > MAX_ID_CHARS) {
            throw new BadRequest(name + " is longer than " + MAX_ID_CHARS + " characters",
                    "send idloom's attendee unchanged");
        }
        return value;
    }

    /** ISO-8601 with or without a zone (no zone means UTC), or idloom's "yyyy-MM-dd HH:mm:ss". */
    static Instant timestamp(JsonNode node) throws BadRequest {
        String text = Json.text(node);
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the forms without an offset
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try idloom's spaced form
        }
        try {
            return OffsetDateTime.parse(value, SPACED_WITH_OFFSET).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the spaced form without an offset
        }
        try {
            return LocalDateTime.parse(value, SPACED).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new BadRequest("updated_at is not an ISO-8601 date and time",
                    "send updated_at as e.g. 2024-05-01T10:15:00+02:00");
        }
    }

    private static void collectScalars(JsonNode object, Map<String, String> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                into.put(e.getKey(), null);
            } else if (value.isValueNode()) {
                into.put(e.getKey(), wellFormed(value.asText()));
            }
        }
    }

    /**
     * The text with each lone UTF-16 surrogate replaced by U+FFFD, as a UTF-8 encoder does: a JSON
     * escape of half a surrogate pair makes one, no Unicode text holds one, and DynamoDB refuses it.
     */
    static String wellFormed(String text) {
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (fixed != null) {
                    fixed.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (fixed == null) {
                    fixed = new StringBuilder(text.length()).append(text, 0, i);
                }
                fixed.append('\uFFFD');
            } else if (fixed != null) {
                fixed.append(c);
            }
        }
        return fixed == null ? text : fixed.toString();
    }

    /** Jackson's message for a read limit, without the name of its setting. */
    private static String readLimit(StreamConstraintsException e) {
        String message = e.getOriginalMessage();
        int setting = message.indexOf(", from `");
        if (setting > 0) {
            message = message.substring(0, setting) + ")";
        }
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    private static Attendee.Choice choice(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isValueNode()) {
            String id = node.asText().strip();
            return id.isEmpty() ? null : new Attendee.Choice(id, id);
        }
        if (!node.isObject()) {
            return null;
        }
        String id = Json.text(node.get("id"));
        String name = Json.text(node.get("name"));
        if (name == null) {
            name = Json.text(node.get("title"));
        }
        if (id == null && name == null) {
            return null;
        }
        return new Attendee.Choice(id == null ? name : id, name == null ? id : name);
    }

    private static List<Attendee.Choice> choices(JsonNode node) {
        List<Attendee.Choice> list = new ArrayList<>();
        if (node == null || node.isNull()) {
            return list;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                Attendee.Choice c = choice(item);
                if (c != null) {
                    list.add(c);
                }
            }
        } else {
            Attendee.Choice c = choice(node);
            if (c != null) {
                list.add(c);
            }
        }
        return list;
    }

    private static String kindOf(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "JSON null";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "a JSON array";
            case OBJECT -> "a JSON object";
            case STRING -> "a JSON string";
            case NUMBER -> node.isIntegralNumber() ? "a JSON number" : "a decimal number";
            case BOOLEAN -> "a JSON boolean";
            default -> "JSON null";
        };
    }
}
