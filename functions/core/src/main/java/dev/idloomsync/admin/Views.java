package dev.idloomsync.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idloomsync.app.AppSetup;
import dev.idloomsync.app.CustomField;
import dev.idloomsync.app.Group;
import dev.idloomsync.app.Integration;
import dev.idloomsync.app.LinkedEvent;
import dev.idloomsync.app.MappingRule;
import dev.idloomsync.app.Session;
import dev.idloomsync.http.Json;
import dev.idloomsync.idloom.Choice;
import dev.idloomsync.idloom.Form;
import dev.idloomsync.idloom.FormField;
import dev.idloomsync.people.Person;
import dev.idloomsync.store.SyncLog;
import dev.idloomsync.sync.RegistrationKey;

import java.util.Comparator;
import java.util.List;

/**
 * The admin API's JSON answers, written by hand so that what a route returns is plain to see and
 * can never carry a field it should not (the API key, the webhook secret outside its route).
 */
final class Views {
    private Views() {
    }

    static ObjectNode app(AppSetup setup) {
        ObjectNode node = Json.object();
        node.put("shortcode", setup.shortcode());
        node.put("name", setup.name());
        if (setup.integration().isPresent()) {
            node.set("integration", integration(setup.integration().get()));
        } else {
            node.putNull("integration");
        }
        ArrayNode events = node.putArray("events");
        setup.events().values().stream().sorted(Comparator.comparing(LinkedEvent::eventUid))
                .forEach(event -> events.add(event(event)));
        return node;
    }

    /** The integration without its API key and webhook secret. */
    static ObjectNode integration(Integration integration) {
        ObjectNode node = Json.object();
        node.put("accountName", integration.accountName());
        node.put("server", integration.server());
        node.put("ownerEmail", integration.ownerEmail());
        node.put("active", integration.active());
        node.put("confirmWithIdloom", integration.confirmWithIdloom());
        return node;
    }

    static ObjectNode event(LinkedEvent event) {
        ObjectNode node = Json.object();
        node.put("eventUid", event.eventUid());
        node.put("name", event.name());
        node.put("defaultGroupId", event.defaultGroupId());
        node.set("mappings", rules(event.mappings()));
        return node;
    }

    static ArrayNode rules(List<MappingRule> rules) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        rules.stream().sorted(Comparator.comparing(MappingRule::id)).forEach(rule -> list.add(rule(rule)));
        return list;
    }

    static ObjectNode rule(MappingRule rule) {
        ObjectNode node = Json.object();
        node.put("id", rule.id());
        node.putObject("source").put("kind", rule.source().kind().wire()).put("id", rule.source().id());
        node.putObject("target").put("kind", rule.target().kind().wire()).put("id", rule.target().id());
        node.put("tickbox", rule.tickbox());
        return node;
    }

    static ObjectNode group(Group group) {
        return named(group.id(), group.name());
    }

    static ObjectNode session(Session session) {
        return named(session.id(), session.name());
    }

    static ObjectNode customField(CustomField field) {
        return named(field.id(), field.name()).put("type", field.type());
    }

    static ObjectNode list(String name, List<ObjectNode> items) {
        ObjectNode node = Json.object();
        node.putArray(name).addAll(items);
        return node;
    }

    /**
     * A person as the contract shows it: custom values keyed by the custom field's name (the store
     * keys them by id), and the registration it follows, from its first link.
     */
    static ObjectNode person(Person person, AppSetup setup) {
        ObjectNode node = Json.object();
        node.put("id", person.id());
        node.put("origin", person.origin().wire());
        node.put("title", person.title());
        node.put("firstName", person.firstName());
        node.put("lastName", person.lastName());
        node.put("email", person.email());
        node.put("jobTitle", person.jobTitle());
        node.put("company", person.company());
        node.put("phone", person.phone());
        ObjectNode profile = node.putObject("profile");
        person.profile().forEach(profile::put);
        ObjectNode custom = node.putObject("custom");
        person.custom().forEach((fieldId, value) ->
                custom.put(setup.customField(fieldId).map(CustomField::name).orElse(fieldId), value));
        person.groups().forEach(node.putArray("groups")::add);
        person.sessions().forEach(node.putArray("sessions")::add);
        RegistrationKey registration = person.links().isEmpty() ? null
                : RegistrationKey.fromLinkName(setup.shortcode(), person.links().get(0));
        if (registration != null) {
            node.putObject("registration").put("eventUid", registration.eventUid()).put("uid", registration.uid());
        } else {
            node.putNull("registration");
        }
        return node;
    }

    static ObjectNode form(Form form) {
        ObjectNode node = Json.object();
        ArrayNode fields = node.putArray("fields");
        for (FormField field : form.fields()) {
            fields.addObject().put("id", field.id()).put("label", field.label()).put("type", field.type());
        }
        ArrayNode categories = node.putArray("categories");
        form.categories().forEach(choice -> categories.add(choice(choice)));
        ArrayNode options = node.putArray("options");
        form.options().forEach(choice -> options.add(choice(choice)));
        return node;
    }

    static ObjectNode logEntry(SyncLog.Entry entry) {
        ObjectNode node = Json.object();
        node.put("at", entry.at().toString());
        node.put("webhook", entry.webhook());
        node.put("outcome", entry.outcome());
        node.put("status", entry.status());
        node.put("reason", entry.reason());
        node.put("eventUid", entry.eventUid());
        node.put("uid", entry.uid());
        node.put("personId", entry.personId());
        return node;
    }

    private static ObjectNode choice(Choice choice) {
        return named(choice.id(), choice.name());
    }

    private static ObjectNode named(String id, String name) {
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("name", name);
        return node;
    }
}
