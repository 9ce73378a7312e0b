package dev.idloomsync.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idloomsync.admin.AdminTestBed.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.idloomsync.admin.AdminTestBed.expect;
import static org.assertj.core.api.Assertions.assertThat;

/** Apps, groups, sessions and custom fields through the admin Lambda, and every refusal of theirs. */
class AppSetupIT {
    private final AdminTestBed bed = new AdminTestBed();

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void createsReadsAndRenamesAnApp() {
        Reply created = expect(201, bed.put(bed.app(), "{\"name\": \"Acme Summit app\"}"));
        assertThat(created.text("shortcode")).isEqualTo(bed.shortcode);
        assertThat(created.text("name")).isEqualTo("Acme Summit app");
        assertThat(created.body().get("integration").isNull()).isTrue();
        assertThat(created.body().get("events")).isEmpty();

        expect(200, bed.put(bed.app(), "{\"name\": \" Acme 2024 \"}"));
        assertThat(expect(200, bed.get(bed.app())).text("name")).isEqualTo("Acme 2024");
    }

    @Test
    void groupsSessionsAndCustomFieldsGetStableIds() {
        bed.withApp();
        String speakers = bed.group("Speakers");
        String workshop = bed.session("Workshop A");
        Reply field = expect(201, bed.post("/custom-fields", "{\"name\": \"Newsletter\", \"type\": \"Checkbox\"}"));
        Reply plain = expect(201, bed.post("/custom-fields", "{\"name\": \"Diet\"}"));

        assertThat(speakers).startsWith("g-");
        assertThat(workshop).startsWith("s-");
        assertThat(field.text("id")).startsWith("cf-");
        assertThat(field.text("type")).isEqualTo("checkbox");
        assertThat(plain.text("type")).isEqualTo("text");
        assertThat(ids(expect(200, bed.get("/groups")).body().get("groups"))).containsExactly("everyone", speakers);
        assertThat(expect(200, bed.get("/groups")).body().get("groups").get(0).get("name").asText()).isEqualTo("Everyone");
        assertThat(ids(expect(200, bed.get("/sessions")).body().get("sessions"))).containsExactly(workshop);
        assertThat(ids(expect(200, bed.get("/custom-fields")).body().get("customFields")))
                .containsExactlyInAnyOrder(field.text("id"), plain.text("id"));
        assertThat(bed.item("APP#" + bed.shortcode, "GROUP#" + speakers)).isNotNull();
    }

    @Test
    void anUnknownAppIs404WithAHint() {
        bed.refused(404, "no app has the shortcode '" + bed.shortcode + "'", () -> bed.get(bed.app()));
        bed.refused(404, "no app has the shortcode '" + bed.shortcode + "'", () -> bed.post("/groups", "{\"name\": \"Speakers\"}"));
        bed.refused(404, "no app has the shortcode '" + bed.shortcode + "'", () -> bed.get("/people"));
        bed.refused(404, "no app has the shortcode '" + bed.shortcode + "'", () -> bed.get("/idloom/log"));
    }

    @Test
    void refusesAShortcodeOutsideThePattern() {
        bed.refused(400, "shortcode 'acme 24' is not valid", () -> bed.put("/apps/acme%2024", "{\"name\": \"Acme\"}"));
        bed.refused(400, "shortcode 'acme.24' is not valid", () -> bed.get("/apps/acme.24"));
    }

    @Test
    void refusesBadBodies() {
        bed.refused(400, "the request has no body", () -> bed.put(bed.app(), null));
        bed.refused(400, "the body is not valid JSON (line 1, column 10)", () -> bed.put(bed.app(), "{\"name\": "));
        bed.refused(400, "the body must be a JSON object, not a list", () -> bed.put(bed.app(), "[\"Acme\"]"));
        bed.refused(422, "name is required", () -> bed.put(bed.app(), "{\"name\": \"  \"}"));
        bed.refused(422, "name must be a string, not a number", () -> bed.put(bed.app(), "{\"name\": 24}"));
        bed.refused(422, "unknown member 'title'", () -> bed.put(bed.app(), "{\"title\": \"Acme\"}"));
        assertThat(bed.items()).isEmpty();
    }

    @Test
    void refusesASecondGroupSessionOrFieldWithTheSameName() {
        bed.withApp();
        String speakers = bed.group("Speakers");
        String workshop = bed.session("Workshop A");
        String diet = bed.customField("Diet", "text");

        bed.refused(409, "app '" + bed.shortcode + "' already has a group named 'Speakers' (id " + speakers + ")",
                () -> bed.post("/groups", "{\"name\": \"speakers\"}"));
        bed.refused(409, "app '" + bed.shortcode + "' already has a group named 'Everyone' (id everyone)",
                () -> bed.post("/groups", "{\"name\": \"Everyone\"}"));
        bed.refused(409, "app '" + bed.shortcode + "' already has a session named 'Workshop A' (id " + workshop + ")",
                () -> bed.post("/sessions", "{\"name\": \"Workshop A\"}"));
        bed.refused(409, "app '" + bed.shortcode + "' already has a custom field named 'Diet' (id " + diet + ")",
                () -> bed.post("/custom-fields", "{\"name\": \"Diet\", \"type\": \"textarea\"}"));
    }

    @Test
    void refusesAnUnknownCustomFieldType() {
        bed.withApp();
        Reply reply = bed.refused(422, "type 'colour' is not a custom field type",
                () -> bed.post("/custom-fields", "{\"name\": \"Favourite\", \"type\": \"colour\"}"));
        assertThat(reply.text("hint")).isEqualTo("use one of text, textarea, number, date, checkbox, url, email");
        bed.refused(422, "name is required", () -> bed.post("/custom-fields", "{\"type\": \"text\"}"));
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() {
        bed.withApp();
        Reply unknown = bed.refused(404, "no admin route GET " + bed.app() + "/speakers", () -> bed.get("/speakers"));
        assertThat(unknown.text("hint")).doesNotContain("secret");
        bed.refused(404, "no admin route GET /health", () -> bed.raw("GET", "/health", null));
        Reply wrongMethod = bed.refused(405, "method DELETE is not allowed here", () -> bed.delete("/groups"));
        assertThat(wrongMethod.text("hint")).isEqualTo("this path takes POST, GET");
        bed.refused(405, "method POST is not allowed here", () -> bed.post(bed.app(), "{\"name\": \"x\"}"));
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
