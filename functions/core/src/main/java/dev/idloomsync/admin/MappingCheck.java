package dev.idloomsync.admin;

import dev.idloomsync.app.AppSetup;
import dev.idloomsync.app.MappingRule;
import dev.idloomsync.app.MappingRule.SourceKind;
import dev.idloomsync.app.MappingRule.TargetKind;
import dev.idloomsync.app.ProfileField;
import dev.idloomsync.http.ApiRequest;
import dev.idloomsync.idloom.Choice;
import dev.idloomsync.idloom.Form;
import dev.idloomsync.idloom.FormField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A mapping rule as a request gives it, and the reasons to refuse one: tickbox on a category or
 * option, a rule that crosses kinds, a target the app does not have, a source that is not on the
 * event's idloom form. Plain code over the app's setup and the form, tested without AWS.
 */
final class MappingCheck {
    /** idloom's default fields and what the sync always maps them to: never a rule's source. */
    static final Map<String, String> DEFAULT_FIELDS = defaultFields();
    /** Sent with every attendee, whatever the form: a rule may map it (to the profile's country). */
    static final FormField COUNTRY = new FormField("cpy_country", "Company country (a code such as BE)", "country");

    private MappingCheck() {
    }

    /** The rule the request asks for, under the id {@code id}. */
    static MappingRule read(ApiRequest request, String id) {
        Body body = Body.of(request, "source", "target", "tickbox");
        String rule = "a rule is {\"source\": {\"kind\": \"field\", \"id\": \"free_field1\"}, "
                + "\"target\": {\"kind\": \"custom\", \"id\": \"cf-...\"}, \"tickbox\": false}";
        Body source = body.object("source", rule, "kind", "id");
        Body target = body.object("target", rule, "kind", "id");
        SourceKind sourceKind = kind(source, SourceKind.values());
        TargetKind targetKind = kind(target, TargetKind.values());
        return new MappingRule(id,
                new MappingRule.Source(sourceKind, source.requiredText("id", "source.id names the idloom field, "
                        + "category or option, as GET .../idloom/events/{eventUid}/form lists it")),
                new MappingRule.Target(targetKind, target.requiredText("id", "target.id names the profile field, "
                        + "or the custom field, session or group by the id its route returns")),
                body.optionalBoolean("tickbox", false));
    }

    /** Refuses a rule that does not fit the app, before idloom is asked for the form. */
    static void checkAgainstApp(MappingRule rule, AppSetup setup) {
        SourceKind source = rule.source().kind();
        TargetKind target = rule.target().kind();
        if (rule.tickbox() && source != SourceKind.FIELD) {
            throw Refusal.invalid("tickbox is only for a field source, not " + withArticle(source.wire()),
                    "a category or option is chosen or not and gives a membership: send tickbox false or leave it out");
        }
        if (!target.takes(source)) {
            throw source == SourceKind.FIELD
                    ? Refusal.invalid("a field cannot go to a " + target.wire(),
                            "a field fills a profile or custom field; map a category or option to a group or session")
                    : Refusal.invalid(withArticle(source.wire()) + " cannot go to a " + target.wire() + " field",
                            "a category or option gives a group or session membership; map a field to a profile or custom field");
        }
        String id = rule.target().id();
        String where = "target.id '" + Apps.clip(id) + "'";
        String app = " of app '" + setup.shortcode() + "'";
        switch (target) {
            case PROFILE -> {
                if (!ProfileField.exists(id)) {
                    throw Refusal.invalid(where + " is not a profile field",
                            "profile fields are " + String.join(", ", ProfileField.ALL));
                }
            }
            case CUSTOM -> {
                if (setup.customField(id).isEmpty()) {
                    throw Refusal.invalid(where + " is not a custom field" + app, Apps.customFields(setup));
                }
            }
            case SESSION -> {
                if (!setup.hasSession(id)) {
                    throw Refusal.invalid(where + " is not a session" + app, Apps.sessions(setup));
                }
            }
            case GROUP -> {
                if (!setup.hasGroup(id)) {
                    throw Refusal.invalid(where + " is not a group" + app, Apps.groups(setup));
                }
            }
        }
    }

    /** Refuses a source that the event's form (as {@link #sources} offers it) does not have. */
    static void checkSource(MappingRule rule, Form form, String shortcode, String eventUid) {
        String id = rule.source().id();
        String formRoute = "GET /apps/" + shortcode + "/idloom/events/" + eventUid + "/form";
        switch (rule.source().kind()) {
            case FIELD -> {
                String mappedTo = DEFAULT_FIELDS.get(id.toLowerCase(Locale.ROOT));
                if (mappedTo != null) {
                    throw Refusal.invalid(id + " is a default field, always mapped to " + mappedTo
                                    + "; it cannot be a mapping source",
                            "choose one of the form's other fields, as " + formRoute + " lists them");
                }
                if (sources(form).fields().stream().noneMatch(f -> f.id().equals(id))) {
                    throw Refusal.invalid("field '" + Apps.clip(id) + "' is not on the idloom form of event '" + eventUid + "'",
                            "the form's fields are " + fields(sources(form).fields()) + " (" + formRoute + ")");
                }
            }
            case CATEGORY -> requireChoice(id, "category", form.categories(), "categories", eventUid, formRoute);
            case OPTION -> requireChoice(id, "option", form.options(), "options", eventUid, formRoute);
        }
    }

    /** The form as mapping sources: the default fields left out, the country added when idloom does not list it. */
    static Form sources(Form form) {
        List<FormField> fields = new ArrayList<>();
        for (FormField field : form.fields()) {
            if (!DEFAULT_FIELDS.containsKey(field.id().toLowerCase(Locale.ROOT))) {
                fields.add(field);
            }
        }
        if (fields.stream().noneMatch(f -> f.id().equals(COUNTRY.id()))) {
            fields.add(COUNTRY);
        }
        return new Form(fields, form.categories(), form.options());
    }

    /** True when the event already has a rule from this source to this target. */
    static boolean duplicates(MappingRule rule, MappingRule existing) {
        return existing.source().equals(rule.source()) && existing.target().equals(rule.target());
    }

    private static void requireChoice(String id, String kind, List<Choice> choices, String plural, String eventUid,
                                      String formRoute) {
        if (choices.stream().noneMatch(c -> c.id().equals(id))) {
            String offered = choices.isEmpty() ? "the event has no " + plural
                    : "the event's " + plural + " are " + choices.stream().map(c -> c.id() + " (" + c.name() + ")")
                    .collect(Collectors.joining(", "));
            throw Refusal.invalid(kind + " '" + Apps.clip(id) + "' is not on the idloom form of event '" + eventUid + "'",
                    offered + " (" + formRoute + ")");
        }
    }

    private static String fields(List<FormField> fields) {
        return fields.stream().map(f -> f.id() + " (" + f.label() + ")").collect(Collectors.joining(", "));
    }

    private static <K extends Enum<K>> K kind(Body body, K[] kinds) {
        String names = Arrays.stream(kinds).map(k -> k.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        String value = body.requiredText("kind", body.where("kind") + " is one of " + names);
        for (K kind : kinds) {
            if (kind.name().equalsIgnoreCase(value)) {
                return kind;
            }
        }
        throw Refusal.invalid(body.where("kind") + " '" + Apps.clip(value) + "' is not one of " + names,
                "use one of " + names);
    }

    private static String withArticle(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    private static Map<String, String> defaultFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", "title");
        fields.put("firstname", "first name");
        fields.put("lastname", "last name");
        fields.put("email", "email");
        fields.put("job_title", "job title");
        fields.put("cpy_name", "company");
        fields.put("phone", "phone");
        fields.put("mobile_phone", "phone");
        return Map.copyOf(fields);
    }
}
