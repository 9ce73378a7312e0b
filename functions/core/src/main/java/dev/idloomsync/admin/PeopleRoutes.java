package dev.idloomsync.admin;

import dev.idloomsync.app.AppSetup;
import dev.idloomsync.http.ApiResponse;
import dev.idloomsync.http.Json;
import dev.idloomsync.people.Person;
import dev.idloomsync.store.PeopleDirectory;

import java.time.Clock;
import java.util.regex.Pattern;

/** People added by hand, and every person of the app listed, read and deleted. */
final class PeopleRoutes {
    private static final Pattern PERSON_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final PeopleDirectory people;
    private final Apps apps;
    private final Clock clock;

    PeopleRoutes(PeopleDirectory people, Apps apps, Clock clock) {
        this.people = people;
        this.apps = apps;
        this.clock = clock;
    }

    void addTo(Routes routes) {
        routes.add("POST", "/apps/{shortcode}/people", this::add)
                .add("GET", "/apps/{shortcode}/people", this::list)
                .add("GET", "/apps/{shortcode}/people/{personId}", this::get)
                .add("DELETE", "/apps/{shortcode}/people/{personId}", this::delete);
    }

    private ApiResponse add(Routes.Call call) {
        AppSetup setup = apps.require(call);
        PeopleDirectory.NewPerson person = PersonInput.read(call.request(), setup);
        PeopleDirectory.Created created = people.createManual(setup.shortcode(), person, clock.instant());
        if (created instanceof PeopleDirectory.EmailTaken taken) {
            throw Refusal.conflict("a person with this email already exists (id " + taken.personId() + ")",
                    "open that person with GET /apps/" + setup.shortcode() + "/people/" + taken.personId()
                            + ", or add this one with another email or none");
        }
        return ApiResponse.json(201, Views.person(((PeopleDirectory.Added) created).person(), setup));
    }

    private ApiResponse list(Routes.Call call) {
        AppSetup setup = apps.require(call);
        return ApiResponse.json(200, Views.list("people",
                people.list(setup.shortcode()).stream().map(person -> Views.person(person, setup)).toList()));
    }

    private ApiResponse get(Routes.Call call) {
        AppSetup setup = apps.require(call);
        Person person = people.get(setup.shortcode(), personId(call, setup)).orElseThrow(() -> noPerson(call, setup));
        return ApiResponse.json(200, Views.person(person, setup));
    }

    private ApiResponse delete(Routes.Call call) {
        AppSetup setup = apps.require(call);
        String id = personId(call, setup);
        if (!people.delete(setup.shortcode(), id)) {
            throw noPerson(call, setup);
        }
        return ApiResponse.json(200, Json.object().put("deleted", id));
    }

    private static String personId(Routes.Call call, AppSetup setup) {
        String id = call.param("personId");
        if (!PERSON_ID.matcher(id).matches()) {
            throw noPerson(call, setup);
        }
        return id;
    }

    private static Refusal noPerson(Routes.Call call, AppSetup setup) {
        return Refusal.notFound("app '" + setup.shortcode() + "' has no person with id '" + Apps.clip(call.param("personId")) + "'",
                "list the people with GET /apps/" + setup.shortcode() + "/people");
    }
}
