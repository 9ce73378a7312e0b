package dev.idloomsync.admin;

import dev.idloomsync.app.AppSetup;
import dev.idloomsync.app.CustomField;
import dev.idloomsync.app.Group;
import dev.idloomsync.app.ProfileField;
import dev.idloomsync.http.ApiRequest;
import dev.idloomsync.people.Emails;
import dev.idloomsync.store.PeopleDirectory.NewPerson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a person added by hand ({@code POST /apps/{shortcode}/people}) and checks it against the
 * app: known profile fields, custom fields by name with values of their type, groups and sessions
 * that exist. Plain code over the app's setup, so that it is tested without AWS.
 */
final class PersonInput {
    static final String[] MEMBERS = {"title", "firstName", "lastName", "email", "jobTitle", "company", "phone",
            "profile", "custom", "groups", "sessions", "origin"};

    private PersonInput() {
    }

    static NewPerson read(ApiRequest request, AppSetup setup) {
        Body body = Body.of(request, MEMBERS);
        String origin = body.optionalText("origin", null);
        if (origin != null && !origin.equals("manual")) {
            throw Refusal.invalid("origin must be manual: people added here are always manual",
                    "leave origin out; people of origin idloom are made by the sync from registrations");
        }
        String firstName = body.optionalText("firstName", null);
        String lastName = body.optionalText("lastName", null);
        if (firstName == null && lastName == null) {
            throw Refusal.invalid("firstName or lastName is required",
                    "send at least {\"firstName\": \"Jane\"} or {\"lastName\": \"Doe\"}");
        }
        String email = body.optionalText("email", null);
        if (email != null && !Emails.isValid(email)) {
            throw Refusal.invalid("email is not a valid email address",
                    "write it as name@example.com, or leave email out");
        }
        return new NewPerson(body.optionalText("title", null), firstName, lastName, email,
                body.optionalText("jobTitle", null), body.optionalText("company", null), body.optionalText("phone", null),
                profile(body), custom(body, setup), groups(body, setup), sessions(body, setup));
    }

    private static Map<String, String> profile(Body body) {
        String hint = "profile fields are " + String.join(", ", ProfileField.ALL);
        Map<String, String> profile = new LinkedHashMap<>();
        List<Body.Member> members = body.optionalScalars("profile", hint);
        for (Body.Member member : members == null ? List.<Body.Member>of() : members) {
            if (!ProfileField.exists(member.name())) {
                throw Refusal.invalid("profile." + member.name() + " is not a profile field", hint);
            }
            if (member.text() != null && !member.text().isEmpty()) {
                profile.put(member.name(), member.text());
            }
        }
        return profile;
    }

    /** Custom values keyed by field id; the request names fields by name (or by id). */
    private static Map<String, String> custom(Body body, AppSetup setup) {
        Map<String, String> custom = new LinkedHashMap<>();
        List<Body.Member> members = body.optionalScalars("custom", "custom is {\"field name\": value}");
        for (Body.Member member : members == null ? List.<Body.Member>of() : members) {
            CustomField field = customField(setup, member.name()).orElseThrow(() -> Refusal.invalid(
                    "custom.'" + Apps.clip(member.name()) + "' is not a custom field of app '" + setup.shortcode() + "'",
                    Apps.customFields(setup)));
            String value = CustomValues.normalise(field, member.text());
            if (value != null) {
                custom.put(field.id(), value);
            }
        }
        return custom;
    }

    static Optional<CustomField> customField(AppSetup setup, String nameOrId) {
        String wanted = nameOrId.strip();
        return setup.customFields().stream().filter(f -> f.name().equals(wanted)).findFirst()
                .or(() -> setup.customFields().stream().filter(f -> f.name().equalsIgnoreCase(wanted)).findFirst())
                .or(() -> setup.customField(wanted));
    }

    private static List<String> groups(Body body, AppSetup setup) {
        List<String> groups = body.optionalTextList("groups", Apps.groups(setup));
        if (groups == null) {
            return List.of(Group.EVERYONE_ID);
        }
        for (String id : groups) {
            if (!setup.hasGroup(id)) {
                throw Refusal.invalid("groups: '" + Apps.clip(id) + "' is not a group of app '" + setup.shortcode() + "'",
                        Apps.groups(setup));
            }
        }
        return groups;
    }

    private static List<String> sessions(Body body, AppSetup setup) {
        List<String> sessions = body.optionalTextList("sessions", Apps.sessions(setup));
        if (sessions == null) {
            return List.of();
        }
        for (String id : sessions) {
            if (!setup.hasSession(id)) {
                throw Refusal.invalid("sessions: '" + Apps.clip(id) + "' is not a session of app '" + setup.shortcode() + "'",
                        Apps.sessions(setup));
            }
        }
        return sessions;
    }
}
