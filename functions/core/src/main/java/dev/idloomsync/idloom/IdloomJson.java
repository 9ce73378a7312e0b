package dev.idloomsync.idloom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tolerant reading of idloom answers. The shapes come from public clients, not a published
 * spec, so every reader here accepts the variants seen or likely: envelope or not, object or
 * array, ids as numbers or strings, names as plain text or per language.
 */
final class IdloomJson {

    private static final List<String> WRAPPED_LIST_NAMES = List.of("items", "results", "records");
    private static final Pattern NATIVE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private IdloomJson() {
    }

    /** The {@code data} of an envelope, or the whole answer when idloom did not wrap it. */
    static JsonNode data(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            return NullNode.getInstance();
        }
        if (root.isObject() && root.has("data")) {
            return root.get("data");
        }
        return root;
    }

    /** The paging block: {@code meta}, or a top-level {@code pagination} that some answers use. */
    static JsonNode meta(JsonNode root) {
        if (root == null || !root.isObject()) {
            return NullNode.getInstance();
        }
        if (root.path("meta").isObject()) {
            return root.get("meta");
        }
        if (root.path("pagination").isObject()) {
            return root.get("pagination");
        }
        return NullNode.getInstance();
    }

    /** The items of a list answer; a single object counts as a list of one. */
    static List<JsonNode> items(JsonNode data) {
        List<JsonNode> items = new ArrayList<>();
        if (data == null || data.isNull() || data.isMissingNode()) {
            return items;
        }
        if (data.isArray()) {
            data.forEach(item -> {
                if (!item.isNull()) {
                    items.add(item);
                }
            });
            return items;
        }
        if (data.isObject()) {
            for (String name : WRAPPED_LIST_NAMES) {
                if (data.path(name).isArray()) {
                    return items(data.get(name));
                }
            }
            if (!data.isEmpty()) {
                items.add(data);
            }
        }
        return items;
    }

    /** A scalar as text (numbers included); null for missing, null, blank or structured values. */
    static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String text = node.asText();
        return text.isBlank() ? null : text;
    }

    /** A display name: plain text, or per language ({@code {"en": .., "fr": ..}}), English first. */
    static String label(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            String english = text(node.get("en"));
            if (english != null) {
                return english;
            }
            String regionalEnglish = null;
            String first = null;
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String value = text(entry.getValue());
                if (value == null) {
                    continue;
                }
                if (regionalEnglish == null && entry.getKey().toLowerCase().startsWith("en")) {
                    regionalEnglish = value;
                }
                if (first == null) {
                    first = value;
                }
            }
            return regionalEnglish != null ? regionalEnglish : first;
        }
        if (node.isArray()) {
            return node.isEmpty() ? null : label(node.get(0));
        }
        return text(node);
    }

    /** The first of the named members that holds a scalar. */
    static String firstText(JsonNode object, String... names) {
        for (String name : names) {
            String value = text(object.get(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The first of the named members that holds a display name. */
    static String firstLabel(JsonNode object, String... names) {
        for (String name : names) {
            String value = label(object.get(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * The member holding a field's native name, such as {@code free_field3}. Public clients call it
     * {@code name}, {@code field}, {@code key} or {@code id}. Beside a {@code label} or {@code title},
     * {@code name} is the native name; without one it is more likely the label, so {@code id} comes
     * first. A value that looks like a native name wins over one that does not (a numeric id).
     */
    static String nativeNameMember(JsonNode field) {
        boolean labelled = firstLabel(field, "label", "title") != null;
        List<String> candidates = labelled
                ? List.of("field", "key", "name", "id")
                : List.of("field", "key", "id", "name");
        for (String name : candidates) {
            String value = text(field.get(name));
            if (value != null && NATIVE_NAME.matcher(value).matches()) {
                return name;
            }
        }
        for (String name : candidates) {
            if (text(field.get(name)) != null) {
                return name;
            }
        }
        return null;
    }

    /**
     * Whether the answer to the request for {@code page} (1-based) is the last page, from whichever
     * paging block idloom sent: {@code last_page} (a number or a flag), {@code total_pages},
     * {@code pagination.total_pages}, or a {@code total} count. False when nothing says so.
     */
    static boolean isLastPage(JsonNode root, int page, int pageSize) {
        JsonNode meta = meta(root);
        if (!meta.isObject()) {
            return false;
        }
        JsonNode paging = meta.path("pagination").isObject() ? meta.get("pagination") : meta;
        int current = firstInt(paging, page, "current_page", "page");
        JsonNode lastPage = paging.get("last_page");
        if (lastPage != null && lastPage.isBoolean()) {
            return lastPage.asBoolean();
        }
        int last = firstInt(paging, -1, "last_page", "total_pages", "pages");
        if (last < 0 && paging != meta) {
            last = firstInt(meta, -1, "last_page", "total_pages");
        }
        if (last >= 0) {
            return current >= last;
        }
        int total = firstInt(paging, -1, "total");
        int size = firstInt(paging, pageSize, "page_size", "per_page");
        return total >= 0 && size > 0 && (long) current * size >= total;
    }

    private static int firstInt(JsonNode object, int fallback, String... names) {
        for (String name : names) {
            JsonNode node = object.get(name);
            if (node != null && (node.isNumber() || (node.isTextual() && isNumber(node.asText().strip())))) {
                return node.asInt();
            }
        }
        return fallback;
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }
}
