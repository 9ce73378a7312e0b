package dev.idloomsync.idloom;

import java.util.List;

/** An event's registration form: what a mapping rule can name as its source. */
public record Form(List<FormField> fields, List<Choice> categories, List<Choice> options) {

    public Form {
        fields = List.copyOf(fields);
        categories = List.copyOf(categories);
        options = List.copyOf(options);
    }
}
