package dev.idloomsync.admin;

import dev.idloomsync.app.AppSetup;
import dev.idloomsync.app.CustomField;
import dev.idloomsync.app.Group;
import dev.idloomsync.app.Session;
import dev.idloomsync.http.ApiResponse;
import dev.idloomsync.store.PersonIds;
import dev.idloomsync.store.SetupStore;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Apps, their people groups (with the built-in Everyone), sessions and custom fields. */
final class AppRoutes {
    private final SetupStore setups;
    private final Apps apps;

    AppRoutes(SetupStore setups, Apps apps) {
        this.setups = setups;
        this.apps = apps;
    }

    void addTo(Routes routes) {
        routes.add("PUT", "/apps/{shortcode}", this::putApp)
                .add("GET", "/apps/{shortcode}", call -> ApiResponse.json(200, Views.app(apps.require(call))))
                .add("POST", "/apps/{shortcode}/groups", this::addGroup)
                .add("GET", "/apps/{shortcode}/groups", call -> ApiResponse.json(200,
                        Views.list("groups", apps.require(call).groups().stream().map(Views::group).toList())))
                .add("POST", "/apps/{shortcode}/sessions", this::addSession)
                .add("GET", "/apps/{shortcode}/sessions", call -> ApiResponse.json(200,
                        Views.list("sessions", apps.require(call).sessions().stream().map(Views::session).toList())))
                .add("POST", "/apps/{shortcode}/custom-fields", this::addCustomField)
                .add("GET", "/apps/{shortcode}/custom-fields", call -> ApiResponse.json(200,
                        Views.list("customFields", apps.require(call).customFields().stream().map(Views::customField).toList())));
    }

    /** Creates the app, or renames it. */
    private ApiResponse putApp(Routes.Call call) {
        String shortcode = Apps.shortcode(call);
        String name = Body.of(call.request(), "name").requiredText("name", "the app's name, such as {\"name\": \"Acme Summit 2024\"}");
        Optional<AppSetup> before = setups.load(shortcode);
        setups.putApp(shortcode, name);
        AppSetup after = before.map(setup -> setup.withName(name)).orElseGet(() -> AppSetup.newApp(shortcode, name));
        return ApiResponse.json(before.isPresent() ? 200 : 201, Views.app(after));
    }

    private ApiResponse addGroup(Routes.Call call) {
        AppSetup setup = apps.require(call);
        String name = name(call, "group", "Speakers");
        refuseTaken(setup, "group", name, setup.groups(), Group::name, Group::id);
        Group group = new Group(PersonIds.random("g-"), name);
        setups.putGroup(setup.shortcode(), group);
        return ApiResponse.json(201, Views.group(group));
    }

    private ApiResponse addSession(Routes.Call call) {
        AppSetup setup = apps.require(call);
        String name = name(call, "session", "Workshop A");
        refuseTaken(setup, "session", name, setup.sessions(), Session::name, Session::id);
        Session session = new Session(PersonIds.random("s-"), name);
        setups.putSession(setup.shortcode(), session);
        return ApiResponse.json(201, Views.session(session));
    }

    private ApiResponse addCustomField(Routes.Call call) {
        AppSetup setup = apps.require(call);
        Body body = Body.of(call.request(), "name", "type");
        String types = String.join(", ", CustomValues.TYPES);
        String name = body.requiredText("name", "a custom field has a name and a type, such as "
                + "{\"name\": \"Dietary requirements\", \"type\": \"text\"}");
        String type = Optional.ofNullable(body.optionalText("type", "type is one of " + types))
                .map(t -> t.toLowerCase(Locale.ROOT)).orElse(CustomValues.DEFAULT_TYPE);
        if (!CustomValues.TYPES.contains(type)) {
            throw Refusal.invalid("type '" + Apps.clip(type) + "' is not a custom field type", "use one of " + types);
        }
        refuseTaken(setup, "custom field", name, setup.customFields(), CustomField::name, CustomField::id);
        CustomField field = new CustomField(PersonIds.random("cf-"), name, type);
        setups.putCustomField(setup.shortcode(), field);
        return ApiResponse.json(201, Views.customField(field));
    }

    private static String name(Routes.Call call, String what, String example) {
        return Body.of(call.request(), "name").requiredText("name",
                "a " + what + " has a name, such as {\"name\": \"" + example + "\"}");
    }

    /** Two of a kind with one name could not be told apart in the CMS, nor in a mapping rule. */
    private static <T> void refuseTaken(AppSetup setup, String what, String name, List<T> existing,
                                        Function<T, String> nameOf, Function<T, String> idOf) {
        existing.stream().filter(item -> nameOf.apply(item).equalsIgnoreCase(name)).findFirst().ifPresent(item -> {
            throw Refusal.conflict("app '" + setup.shortcode() + "' already has a " + what + " named '"
                    + nameOf.apply(item) + "' (id " + idOf.apply(item) + ")", "use that " + what + ", or choose another name");
        });
    }
}
