package dev.idloomsync.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idloomsync.admin.AdminTestBed.Reply;
import dev.idloomsync.http.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.idloomsync.admin.AdminTestBed.EVENT;
import static dev.idloomsync.admin.AdminTestBed.EVENT_NAME;
import static dev.idloomsync.admin.AdminTestBed.expect;
import static org.assertj.core.api.Assertions.assertThat;

/** Linked events, the registration form and mapping rules, checked against the fake idloom. */
class EventsIT {
    private static final String EVENTS = "/idloom/events/";
    private final AdminTestBed bed = new AdminTestBed();

    @AfterEach
    void close() {
        bed.close();
    }

    private String rule(String sourceKind, String sourceId, String targetKind, String targetId, boolean tickbox) {
        return "{\"source\": {\"kind\": \"" + sourceKind + "\", \"id\": \"" + sourceId + "\"}, \"target\": {\"kind\": \""
                + targetKind + "\", \"id\": \"" + targetId + "\"}, \"tickbox\": " + tickbox + "}";
    }

    @Test
    void linksAnEventCheckedAgainstIdloom() {
        bed.withIntegration();
        String speakers = bed.group("Speakers");

        Reply linked = expect(201, bed.put(EVENTS + EVENT, "{\"name\": \" acme summit 2024 \", \"defaultGroupId\": \"" + speakers + "\"}"));

        assertThat(linked.text("eventUid")).isEqualTo(EVENT);
        assertThat(linked.text("name")).isEqualTo(EVENT_NAME);
        assertThat(linked.text("defaultGroupId")).isEqualTo(speakers);
        assertThat(bed.idloom.requests().get(bed.idloom.requests().size() - 1).toString())
                .isEqualTo("GET /api/v4/events?uid=" + EVENT);
        JsonNode app = expect(200, bed.get(bed.app())).body();
        assertThat(app.get("events").get(0)).isEqualTo(linked.body());
        // Linking again changes the default group and keeps the rules.
        expect(201, bed.post(EVENTS + EVENT + "/mappings", rule("category", "cat-2", "group", speakers, false)));
        Reply relinked = expect(200, bed.put(EVENTS + EVENT, "{\"name\": \"" + EVENT_NAME + "\"}"));
        assertThat(relinked.body().get("defaultGroupId").isNull()).isTrue();
        assertThat(relinked.body().get("mappings")).hasSize(1);
    }

    @Test
    void refusesAnEventIdloomDoesNotKnowOrCallsOtherwise() {
        bed.withIntegration();
        bed.refused(422, "idloom account acme-events has no event with UID evt-nope",
                () -> bed.put(EVENTS + "evt-nope", "{\"name\": \"Acme Summit 2024\"}"));
        Reply renamed = bed.refused(422, "idloom calls event '" + EVENT + "' 'Acme Summit 2024', not 'Acme Summit'",
                () -> bed.put(EVENTS + EVENT, "{\"name\": \"Acme Summit\"}"));
        assertThat(renamed.text("hint")).isEqualTo("send name 'Acme Summit 2024', or check the event UID");
        bed.refused(422, "defaultGroupId 'g-nope' is not a group of app '" + bed.shortcode + "'",
                () -> bed.put(EVENTS + EVENT, "{\"name\": \"Acme Summit 2024\", \"defaultGroupId\": \"g-nope\"}"));
        bed.refused(422, "name is required", () -> bed.put(EVENTS + EVENT, "{\"defaultGroupId\": \"everyone\"}"));
        bed.refused(400, "event UID 'evt#1' is not valid", () -> bed.put(EVENTS + "evt%231", "{\"name\": \"x\"}"));
        bed.refused(404, "event 'evt-nope' is not linked to app '" + bed.shortcode + "'", () -> bed.delete(EVENTS + "evt-nope"));
    }

    @Test
    void idloomFailuresWhileLinking() {
        bed.withIntegration();
        bed.idloom.failNext(1, 503);
        bed.refused(503, "idloom answered with a server error (503); nothing was saved",
                () -> bed.put(EVENTS + EVENT, "{\"name\": \"Acme Summit 2024\"}"));
        bed.idloom.allowApiAccess(false);
        bed.refused(422, "idloom refused the saved API key of account 'acme-events'",
                () -> bed.put(EVENTS + EVENT, "{\"name\": \"Acme Summit 2024\"}"));
    }

    @Test
    void anEventNeedsAnIntegrationFirst() {
        bed.withApp();
        bed.refused(409, "app '" + bed.shortcode + "' has no idloom integration yet",
                () -> bed.put(EVENTS + EVENT, "{\"name\": \"Acme Summit 2024\"}"));
        bed.refused(409, "app '" + bed.shortcode + "' has no idloom integration yet", () -> bed.get(EVENTS + EVENT + "/form"));
    }

    @Test
    void listsTheFormAsMappingSources() {
        bed.withIntegration();
        bed.idloom.field(EVENT, "firstname", "First name", "text");

        JsonNode form = expect(200, bed.get(EVENTS + EVENT + "/form")).body();

        assertThat(ids(form.get("fields"))).containsExactly("free_field1", "free_field2", "free_field3", "free_field4", "cpy_country");
        assertThat(form.get("fields").get(0)).isEqualTo(Json.object().put("id", "free_field1")
                .put("label", "Dietary requirements").put("type", "text"));
        assertThat(ids(form.get("categories"))).containsExactly("cat-1", "cat-2");
        assertThat(form.get("options").get(1)).isEqualTo(Json.object().put("id", "opt-2")
                .put("name", "Networking dinner"));
        bed.refused(422, "idloom account acme-events has no event with UID evt-nope", () -> bed.get(EVENTS + "evt-nope/form"));
    }

    @Test
    void addsListsAndDeletesMappingRules() {
        bed.withLinkedEvent();
        String speakers = bed.group("Speakers");
        String workshop = bed.session("Workshop A");
        String newsletter = bed.customField("Newsletter", "checkbox");
        String mappings = EVENTS + EVENT + "/mappings";

        Reply tickbox = expect(201, bed.post(mappings, rule("field", "free_field4", "custom", newsletter, true)));
        expect(201, bed.post(mappings, rule("field", "free_field3", "profile", "about", false)));
        expect(201, bed.post(mappings, rule("field", "cpy_country", "profile", "country", false)));
        expect(201, bed.post(mappings, rule("category", "cat-2", "group", speakers, false)));
        expect(201, bed.post(mappings, rule("option", "opt-1", "session", workshop, false)));

        assertThat(tickbox.text("id")).startsWith("r-");
        assertThat(tickbox.body().get("tickbox").asBoolean()).isTrue();
        JsonNode listed = expect(200, bed.get(mappings)).body().get("mappings");
        assertThat(listed).hasSize(5).contains(tickbox.body());

        assertThat(expect(200, bed.delete(mappings + "/" + tickbox.text("id"))).text("deleted")).isEqualTo(tickbox.text("id"));
        assertThat(expect(200, bed.get(mappings)).body().get("mappings")).hasSize(4);
        bed.refused(404, "event '" + EVENT + "' of app '" + bed.shortcode + "' has no mapping rule with id '"
                + tickbox.text("id") + "'", () -> bed.delete(mappings + "/" + tickbox.text("id")));

        // Unlinking drops the event's rules with it.
        assertThat(expect(200, bed.delete(EVENTS + EVENT)).text("deleted")).isEqualTo(EVENT);
        assertThat(bed.items().keySet()).noneMatch(key -> key.contains("EVENT#") || key.contains("MAPPING#"));
    }

    @Test
    void refusesRulesThatDoNotFit() {
        bed.withLinkedEvent();
        String speakers = bed.group("Speakers");
        String workshop = bed.session("Workshop A");
        String diet = bed.customField("Diet", "text");
        String mappings = EVENTS + EVENT + "/mappings";
        int idloomCalls = bed.idloom.requestCount();

        bed.refused(422, "a field cannot go to a group", () -> bed.post(mappings, rule("field", "free_field1", "group", speakers, false)));
        bed.refused(422, "a field cannot go to a session", () -> bed.post(mappings, rule("field", "free_field1", "session", workshop, false)));
        bed.refused(422, "a category cannot go to a custom field", () -> bed.post(mappings, rule("category", "cat-1", "custom", diet, false)));
        bed.refused(422, "an option cannot go to a profile field", () -> bed.post(mappings, rule("option", "opt-1", "profile", "about", false)));
        bed.refused(422, "tickbox is only for a field source, not a category",
                () -> bed.post(mappings, rule("category", "cat-2", "group", speakers, true)));
        bed.refused(422, "target.id 'shoe_size' is not a profile field", () -> bed.post(mappings, rule("field", "free_field1", "profile", "shoe_size", false)));
        bed.refused(422, "target.id 'cf-nope' is not a custom field of app '" + bed.shortcode + "'",
                () -> bed.post(mappings, rule("field", "free_field1", "custom", "cf-nope", false)));
        bed.refused(422, "target.id 's-nope' is not a session of app '" + bed.shortcode + "'",
                () -> bed.post(mappings, rule("option", "opt-1", "session", "s-nope", false)));
        bed.refused(422, "target.id 'g-nope' is not a group of app '" + bed.shortcode + "'",
                () -> bed.post(mappings, rule("category", "cat-1", "group", "g-nope", false)));
        bed.refused(422, "source.kind 'tag' is not one of field, category, option",
                () -> bed.post(mappings, rule("tag", "x", "group", speakers, false)));
        bed.refused(422, "target.kind 'badge' is not one of profile, custom, session, group",
                () -> bed.post(mappings, rule("field", "free_field1", "badge", "x", false)));
        bed.refused(422, "source is required", () -> bed.post(mappings, "{\"target\": {\"kind\": \"group\", \"id\": \"everyone\"}}"));
        bed.refused(422, "unknown member 'source.name'",
                () -> bed.post(mappings, "{\"source\": {\"kind\": \"field\", \"name\": \"free_field1\"}, \"target\": {}}"));
        bed.refused(422, "tickbox must be true or false, not a string",
                () -> bed.post(mappings, rule("field", "free_field1", "custom", diet, false).replace("false}", "\"yes\"}")));
        // None of these needed idloom.
        assertThat(bed.idloom.requestCount()).isEqualTo(idloomCalls);

        bed.refused(422, "firstname is a default field, always mapped to first name; it cannot be a mapping source",
                () -> bed.post(mappings, rule("field", "firstname", "custom", diet, false)));
        Reply notOnForm = bed.refused(422, "field 'free_field9' is not on the idloom form of event '" + EVENT + "'",
                () -> bed.post(mappings, rule("field", "free_field9", "custom", diet, false)));
        assertThat(notOnForm.text("hint")).contains("free_field1 (Dietary requirements)");
        bed.refused(422, "category 'cat-9' is not on the idloom form of event '" + EVENT + "'",
                () -> bed.post(mappings, rule("category", "cat-9", "group", speakers, false)));
        bed.refused(422, "option 'opt-9' is not on the idloom form of event '" + EVENT + "'",
                () -> bed.post(mappings, rule("option", "opt-9", "session", workshop, false)));

        String id = expect(201, bed.post(mappings, rule("field", "free_field1", "custom", diet, false))).text("id");
        bed.refused(409, "event '" + EVENT + "' already has this rule (id " + id + ")",
                () -> bed.post(mappings, rule("field", "free_field1", "custom", diet, false)));
        bed.refused(404, "event 'evt-other' is not linked to app '" + bed.shortcode + "'",
                () -> bed.post(EVENTS + "evt-other/mappings", rule("field", "free_field1", "custom", diet, false)));
        bed.idloom.rateLimitNext(3, 0);
        bed.refused(503, "idloom is limiting the rate of calls (429); nothing was saved",
                () -> bed.post(mappings, rule("field", "free_field2", "profile", "linkedin", false)));
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
