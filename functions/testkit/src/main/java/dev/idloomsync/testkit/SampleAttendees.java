package dev.idloomsync.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idloomsync.http.Json;
import dev.idloomsync.store.PeopleDirectory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Webhook bodies as idloom sends them, and people staff add by hand, for the tests and the benchmark. */
public final class SampleAttendees {
    private SampleAttendees() {
    }

    /**
     * A realistic attendee: every default field, free fields 1, 3 and 4 (a ticked box), category
     * cat-1, option opt-1, and a field the sync does not know.
     */
    public static ObjectNode realistic(String eventUid, String uid, String email, String updatedAt) {
        ObjectNode a = Json.object();
        a.put("uid", uid);
        a.put("event_uid", eventUid);
        a.put("updated_at", updatedAt);
        a.put("registration_status", "Registered");
        a.put("payment_status", "Paid");
        a.put("title", "Dr");
        a.put("firstname", "Ada");
        a.put("lastname", "Lovelace");
        a.put("email", email);
        a.put("job_title", "Engineer");
        a.put("cpy_name", "Analytical Engines");
        a.put("phone", "+32 2 123 45 67");
        a.put("cpy_country", "BE");
        a.put("free_field1", "Vegetarian");
        a.put("free_field3", "Writes programs.");
        a.put("free_field4", 1);
        a.putObject("category").put("id", "cat-1").put("name", "Attendee");
        a.putArray("options").addObject().put("id", "opt-1").put("name", "Workshop A");
        a.put("some_idloom_field_we_ignore", "x");
        return a;
    }

    /** Adds Grace Hopper by hand, as staff do in the CMS (origin manual, with her email key); returns her id. */
    public static String addByHand(PeopleDirectory people, String shortcode, String email, List<String> groups) {
        PeopleDirectory.Created created = people.createManual(shortcode, new PeopleDirectory.NewPerson(null, "Grace",
                "Hopper", email, null, null, null, Map.of(), Map.of(), groups, List.of()), Instant.now());
        if (created instanceof PeopleDirectory.Added added) {
            return added.person().id();
        }
        throw new IllegalStateException("a person with " + email + " is already in app " + shortcode);
    }
}
