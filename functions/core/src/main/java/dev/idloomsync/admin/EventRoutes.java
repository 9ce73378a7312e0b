package dev.idloomsync.admin;

import dev.idloomsync.app.AppSetup;
import dev.idloomsync.app.Integration;
import dev.idloomsync.app.LinkedEvent;
import dev.idloomsync.app.MappingRule;
import dev.idloomsync.http.ApiResponse;
import dev.idloomsync.http.Json;
import dev.idloomsync.idloom.Event;
import dev.idloomsync.idloom.Form;
import dev.idloomsync.idloom.IdloomClient;
import dev.idloomsync.idloom.IdloomException;
import dev.idloomsync.store.PersonIds;
import dev.idloomsync.store.SetupStore;

import java.util.List;

/**
 * Linked events (checked against idloom: the UID exists in the account, the name is what idloom
 * calls it), their registration form, and their mapping rules (checked against the app and the form).
 */
final class EventRoutes {
    private static final String EVENT = "/apps/{shortcode}/idloom/events/{eventUid}";

    private final SetupStore setups;
    private final Apps apps;
    private final IdloomCalls idloom;

    EventRoutes(SetupStore setups, Apps apps, IdloomCalls idloom) {
        this.setups = setups;
        this.apps = apps;
        this.idloom = idloom;
    }

    void addTo(Routes routes) {
        routes.add("PUT", EVENT, this::link)
                .add("GET", EVENT, call -> {
                    AppSetup setup = apps.require(call);
                    return ApiResponse.json(200, Views.event(Apps.linkedEvent(setup, Apps.eventUid(call))));
                })
                .add("DELETE", EVENT, this::unlink)
                .add("GET", EVENT + "/form", this::form)
                .add("POST", EVENT + "/mappings", this::addRule)
                .add("GET", EVENT + "/mappings", call -> {
                    AppSetup setup = apps.require(call);
                    LinkedEvent event = Apps.linkedEvent(setup, Apps.eventUid(call));
                    return ApiResponse.json(200, Json.object().set("mappings", Views.rules(event.mappings())));
                })
                .add("DELETE", EVENT + "/mappings/{ruleId}", this::deleteRule);
    }

    /** Links the event, or changes its name or default group; its mapping rules stay. */
    private ApiResponse link(Routes.Call call) {
        AppSetup setup = apps.require(call);
        String uid = Apps.eventUid(call);
        Apps.integration(setup);
        Body body = Body.of(call.request(), "name", "defaultGroupId");
        String name = body.requiredText("name",
                "the event's name as written in idloom: it confirms that the UID is the event you mean");
        String group = body.optionalText("defaultGroupId", Apps.groups(setup));
        if (group != null && !setup.hasGroup(group)) {
            throw Refusal.invalid("defaultGroupId '" + Apps.clip(group) + "' is not a group of app '" + setup.shortcode() + "'",
                    Apps.groups(setup) + "; leave defaultGroupId out for Everyone");
        }
        Event event = findEvent(setup, uid);
        if (event.name() != null && !event.name().strip().equalsIgnoreCase(name)) {
            throw Refusal.invalid("idloom calls event '" + uid + "' '" + event.name().strip() + "', not '" + name + "'",
                    "send name '" + event.name().strip() + "', or check the event UID");
        }
        LinkedEvent existing = setup.event(uid).orElse(null);
        LinkedEvent linked = new LinkedEvent(uid, event.name() != null ? event.name().strip() : name, group,
                existing == null ? List.of() : existing.mappings());
        setups.putEvent(setup.shortcode(), linked);
        return ApiResponse.json(existing == null ? 201 : 200, Views.event(linked));
    }

    private ApiResponse unlink(Routes.Call call) {
        AppSetup setup = apps.require(call);
        LinkedEvent event = Apps.linkedEvent(setup, Apps.eventUid(call));
        setups.deleteEvent(setup.shortcode(), event);
        return ApiResponse.json(200, Json.object().put("deleted", event.eventUid()));
    }

    /** The form as mapping sources; the event need not be linked yet, so that it can be looked at first. */
    private ApiResponse form(Routes.Call call) {
        AppSetup setup = apps.require(call);
        String uid = Apps.eventUid(call);
        Apps.integration(setup);
        findEvent(setup, uid);
        return ApiResponse.json(200, Views.form(MappingCheck.sources(form(setup, uid))));
    }

    private ApiResponse addRule(Routes.Call call) {
        AppSetup setup = apps.require(call);
        String uid = Apps.eventUid(call);
        LinkedEvent event = Apps.linkedEvent(setup, uid);
        Apps.integration(setup);
        MappingRule rule = MappingCheck.read(call.request(), PersonIds.random("r-"));
        MappingCheck.checkAgainstApp(rule, setup);
        event.mappings().stream().filter(existing -> MappingCheck.duplicates(rule, existing)).findFirst()
                .ifPresent(existing -> {
                    throw Refusal.conflict("event '" + uid + "' already has this rule (id " + existing.id() + ")",
                            "GET /apps/" + setup.shortcode() + "/idloom/events/" + uid + "/mappings lists its rules");
                });
        // Asked last: the checks above need no call to idloom.
        MappingCheck.checkSource(rule, form(setup, uid), setup.shortcode(), uid);
        setups.putMapping(setup.shortcode(), uid, rule);
        return ApiResponse.json(201, Views.rule(rule));
    }

    private ApiResponse deleteRule(Routes.Call call) {
        AppSetup setup = apps.require(call);
        String uid = Apps.eventUid(call);
        LinkedEvent event = Apps.linkedEvent(setup, uid);
        String ruleId = call.param("ruleId");
        if (event.mappings().stream().noneMatch(rule -> rule.id().equals(ruleId))) {
            throw Refusal.notFound("event '" + uid + "' of app '" + setup.shortcode() + "' has no mapping rule with id '"
                            + Apps.clip(ruleId) + "'",
                    "GET /apps/" + setup.shortcode() + "/idloom/events/" + uid + "/mappings lists its rules");
        }
        setups.deleteMapping(setup.shortcode(), uid, ruleId);
        return ApiResponse.json(200, Json.object().put("deleted", ruleId));
    }

    private Event findEvent(AppSetup setup, String uid) {
        IdloomClient client = idloom.client(setup);
        try {
            return client.findEvent(uid).orElseThrow(() -> noEvent(setup, uid));
        } catch (IdloomException e) {
            throw IdloomCalls.refusal(e, setup);
        }
    }

    private Form form(AppSetup setup, String uid) {
        IdloomClient client = idloom.client(setup);
        try {
            return client.form(uid);
        } catch (IdloomException e) {
            throw e.kind() == IdloomException.Kind.NOT_FOUND ? noEvent(setup, uid) : IdloomCalls.refusal(e, setup);
        }
    }

    private static Refusal noEvent(AppSetup setup, String uid) {
        Integration integration = Apps.integration(setup);
        return Refusal.invalid("idloom account " + integration.accountName() + " has no event with UID " + uid,
                "copy the UID from the event in idloom (it is case-sensitive)");
    }
}
