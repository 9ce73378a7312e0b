package dev.idloomsync.admin;

import dev.idloomsync.app.AppSetup;
import dev.idloomsync.app.CustomField;
import dev.idloomsync.app.Group;
import dev.idloomsync.app.Integration;
import dev.idloomsync.app.LinkedEvent;
import dev.idloomsync.app.Session;
import dev.idloomsync.store.SetupStore;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds what a route names (the app, its integration, a linked event) and refuses with what to do
 * when it is not there; also words the lists of ids that hints offer.
 */
final class Apps {
    // No slash (links are eventUid/uid) and no '#' (item keys); idloom's own UIDs are plain.
    static final Pattern EVENT_UID = Pattern.compile("[^/#\\s]{1,128}");

    private final SetupStore setups;

    Apps(SetupStore setups) {
        this.setups = setups;
    }

    /** The route's shortcode, checked. */
    static String shortcode(Routes.Call call) {
        String shortcode = call.shortcode();
        if (shortcode == null || !AppSetup.SHORTCODE.matcher(shortcode).matches()) {
            throw Refusal.badRequest("shortcode '" + clip(shortcode) + "' is not valid",
                    "a shortcode is 1 to 64 letters, digits, '_' or '-'");
        }
        return shortcode;
    }

    /** The route's event UID, checked. */
    static String eventUid(Routes.Call call) {
        String uid = call.param("eventUid");
        if (uid == null || !EVENT_UID.matcher(uid).matches()) {
            throw Refusal.badRequest("event UID '" + clip(uid) + "' is not valid",
                    "use the event's UID as idloom shows it: up to 128 characters, no spaces, '/' or '#'");
        }
        return uid;
    }

    /** The app the route names, or a 404 that says how to make it. */
    AppSetup require(Routes.Call call) {
        String shortcode = shortcode(call);
        return setups.load(shortcode).orElseThrow(() -> Refusal.notFound("no app has the shortcode '" + shortcode + "'",
                "create it with PUT /apps/" + shortcode + " {\"name\": \"...\"}, or check the shortcode (it is case-sensitive)"));
    }

    static Integration integration(AppSetup setup) {
        return setup.integration().orElseThrow(() -> noIntegration(setup.shortcode()));
    }

    static Refusal noIntegration(String shortcode) {
        return Refusal.conflict("app '" + shortcode + "' has no idloom integration yet",
                "save it first with PUT /apps/" + shortcode
                        + "/idloom {\"accountName\": ..., \"apiKey\": ..., \"ownerEmail\": ...}");
    }

    static LinkedEvent linkedEvent(AppSetup setup, String eventUid) {
        return setup.event(eventUid).orElseThrow(() -> Refusal.notFound(
                "event '" + eventUid + "' is not linked to app '" + setup.shortcode() + "'",
                "link it first with PUT /apps/" + setup.shortcode() + "/idloom/events/" + eventUid
                        + " {\"name\": ...}; GET /apps/" + setup.shortcode() + " lists the linked events"));
    }

    static String groups(AppSetup setup) {
        return available(setup, "groups", setup.groups(), Group::id, Group::name);
    }

    static String sessions(AppSetup setup) {
        return available(setup, "sessions", setup.sessions(), Session::id, Session::name);
    }

    static String customFields(AppSetup setup) {
        return available(setup, "custom-fields", setup.customFields(), CustomField::id, CustomField::name);
    }

    /** "app 'x' has a (Name), b (Name); add one with POST /apps/x/groups". */
    private static <T> String available(AppSetup setup, String route, List<T> items, Function<T, String> id,
                                        Function<T, String> name) {
        String what = route.replace('-', ' ');
        String add = "add one with POST /apps/" + setup.shortcode() + "/" + route;
        if (items.isEmpty()) {
            return "app '" + setup.shortcode() + "' has no " + what + " yet: " + add;
        }
        return "the " + what + " of app '" + setup.shortcode() + "' are " + items.stream()
                .map(item -> id.apply(item) + " (" + name.apply(item) + ")").collect(Collectors.joining(", "))
                + "; or " + add;
    }

    /** A value quoted back in a message, cut short. */
    static String clip(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}
