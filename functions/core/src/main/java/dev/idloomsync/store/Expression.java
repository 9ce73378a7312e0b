package dev.idloomsync.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a DynamoDB update and condition expression with generated placeholders, so that attribute
 * names such as {@code c:field-1} and values typed by attendees never reach the expression text.
 */
final class Expression {
    private final List<String> set = new ArrayList<>();
    private final List<String> remove = new ArrayList<>();
    private final List<String> add = new ArrayList<>();
    private final List<String> delete = new ArrayList<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> placeholders = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private String condition;

    /** A placeholder for an attribute name. */
    String name(String attribute) {
        return placeholders.computeIfAbsent(attribute, a -> {
            String placeholder = "#n" + names.size();
            names.put(placeholder, a);
            return placeholder;
        });
    }

    /** A placeholder for a value. */
    String value(AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    String value(String value) {
        return value(AttributeValue.fromS(value));
    }

    String value(long value) {
        return value(AttributeValue.fromN(Long.toString(value)));
    }

    Expression set(String attribute, AttributeValue value) {
        set.add(name(attribute) + " = " + value(value));
        return this;
    }

    Expression set(String attribute, String value) {
        return set(attribute, AttributeValue.fromS(value));
    }

    Expression setIfAbsent(String attribute, AttributeValue value) {
        String n = name(attribute);
        set.add(n + " = if_not_exists(" + n + ", " + value(value) + ")");
        return this;
    }

    /** Sets a string attribute, or removes it when the value is null. */
    Expression setOrRemove(String attribute, String value) {
        if (value == null) {
            remove.add(name(attribute));
            return this;
        }
        return set(attribute, value);
    }

    Expression remove(String attribute) {
        remove.add(name(attribute));
        return this;
    }

    Expression increment(String attribute) {
        String n = name(attribute);
        set.add(n + " = if_not_exists(" + n + ", " + value(0) + ") + " + value(1));
        return this;
    }

    Expression addToSet(String attribute, String element) {
        add.add(name(attribute) + " " + value(AttributeValue.fromSs(List.of(element))));
        return this;
    }

    Expression deleteFromSet(String attribute, String element) {
        delete.add(name(attribute) + " " + value(AttributeValue.fromSs(List.of(element))));
        return this;
    }

    Expression condition(String condition) {
        this.condition = condition;
        return this;
    }

    String update() {
        StringBuilder out = new StringBuilder();
        clause(out, "SET", set);
        clause(out, "REMOVE", remove);
        clause(out, "ADD", add);
        clause(out, "DELETE", delete);
        return out.toString().strip();
    }

    String condition() {
        return condition;
    }

    Map<String, String> names() {
        return names.isEmpty() ? null : names;
    }

    Map<String, AttributeValue> values() {
        return values.isEmpty() ? null : values;
    }

    private static void clause(StringBuilder out, String keyword, List<String> parts) {
        if (!parts.isEmpty()) {
            out.append(keyword).append(' ').append(String.join(", ", parts)).append(' ');
        }
    }
}
