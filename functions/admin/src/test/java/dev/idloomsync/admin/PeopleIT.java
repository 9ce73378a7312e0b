package dev.idloomsync.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.idloomsync.admin.AdminTestBed.Reply;
import dev.idloomsync.http.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

import static dev.idloomsync.admin.AdminTestBed.expect;
import static org.assertj.core.api.Assertions.assertThat;

/** People added by hand, listed, read and deleted through the admin Lambda, and every refusal. */
class PeopleIT {
    private final AdminTestBed bed = new AdminTestBed();
    private String speakers;
    private String workshop;
    private String diet;

    @BeforeEach
    void setUp() {
        bed.withApp();
        speakers = bed.group("Speakers");
        workshop = bed.session("Workshop A");
        diet = bed.customField("Dietary requirements", "text");
        bed.customField("Newsletter", "checkbox");
    }

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void addsAPersonByHandAndReadsItBack() {
        Reply added = expect(201, bed.post("/people", "{\"title\": \"Ms\", \"firstName\": \"Grace\", \"lastName\": \"Hopper\","
                + " \"email\": \"Grace@Navy.example\", \"jobTitle\": \"Rear Admiral\", \"company\": \"US Navy\","
                + " \"phone\": \"+1 555 0100\", \"profile\": {\"about\": \"Wrote COBOL\", \"country\": \"US\"},"
                + " \"custom\": {\"Dietary requirements\": \"None\", \"Newsletter\": true},"
                + " \"groups\": [\"" + speakers + "\"], \"sessions\": [\"" + workshop + "\"]}"));

        JsonNode person = added.body();
        String id = person.get("id").asText();
        assertThat(id).startsWith("m-");
        assertThat(person.get("origin").asText()).isEqualTo("manual");
        assertThat(person.get("email").asText()).isEqualTo("Grace@Navy.example");
        assertThat(person.get("profile")).isEqualTo(json("{\"about\": \"Wrote COBOL\", \"country\": \"US\"}"));
        assertThat(person.get("custom")).isEqualTo(json("{\"Dietary requirements\": \"None\", \"Newsletter\": \"Yes\"}"));
        assertThat(person.get("groups")).isEqualTo(json("[\"" + speakers + "\"]"));
        assertThat(person.get("sessions")).isEqualTo(json("[\"" + workshop + "\"]"));
        assertThat(person.get("registration").isNull()).isTrue();

        assertThat(expect(200, bed.get("/people/" + id)).body()).isEqualTo(person);
        assertThat(expect(200, bed.get("/people")).body().get("people")).containsExactly(person);

        Map<String, AttributeValue> item = bed.item("PEOPLE#" + bed.shortcode, "PERSON#" + id);
        assertThat(item.get("c:" + diet).s()).isEqualTo("None");
        assertThat(item.get("p:about").s()).isEqualTo("Wrote COBOL");
        assertThat(bed.item("PEOPLE#" + bed.shortcode, "EMAIL#grace@navy.example").get("personId").s()).isEqualTo(id);
    }

    @Test
    void aPersonWithoutGroupsIsInEveryoneAndMayHaveNoEmail() {
        JsonNode person = expect(201, bed.post("/people", "{\"lastName\": \"Hopper\"}")).body();

        assertThat(person.get("groups")).isEqualTo(json("[\"everyone\"]"));
        assertThat(person.get("email").isNull()).isTrue();
        assertThat(bed.items().keySet()).noneMatch(key -> key.contains("EMAIL#"));
    }

    @Test
    void deletesAPersonWithItsEmailKey() {
        String id = expect(201, bed.post("/people", "{\"firstName\": \"Grace\", \"email\": \"grace@navy.example\"}")).text("id");

        assertThat(expect(200, bed.delete("/people/" + id)).text("deleted")).isEqualTo(id);

        assertThat(bed.items().keySet()).noneMatch(key -> key.startsWith("PEOPLE#"));
        bed.refused(404, "app '" + bed.shortcode + "' has no person with id '" + id + "'", () -> bed.get("/people/" + id));
        bed.refused(404, "app '" + bed.shortcode + "' has no person with id '" + id + "'", () -> bed.delete("/people/" + id));
        // The email is free again.
        expect(201, bed.post("/people", "{\"firstName\": \"Grace\", \"email\": \"GRACE@navy.example\"}"));
    }

    @Test
    void refusesASecondPersonWithTheSameEmail() {
        String id = expect(201, bed.post("/people", "{\"firstName\": \"Grace\", \"email\": \"grace@navy.example\"}")).text("id");

        bed.refused(409, "a person with this email already exists (id " + id + ")",
                () -> bed.post("/people", "{\"firstName\": \"G.\", \"email\": \" Grace@NAVY.example \"}"));
    }

    @Test
    void refusesWhatIsNotAPersonOfThisApp() {
        bed.refused(422, "firstName or lastName is required", () -> bed.post("/people", "{\"email\": \"grace@navy.example\"}"));
        bed.refused(422, "email is not a valid email address", () -> bed.post("/people", "{\"firstName\": \"Grace\", \"email\": \"grace at navy\"}"));
        bed.refused(422, "origin must be manual: people added here are always manual",
                () -> bed.post("/people", "{\"firstName\": \"Grace\", \"origin\": \"idloom\"}"));
        bed.refused(422, "groups: 'g-nope' is not a group of app '" + bed.shortcode + "'",
                () -> bed.post("/people", "{\"firstName\": \"Grace\", \"groups\": [\"g-nope\"]}"));
        bed.refused(422, "sessions: 's-nope' is not a session of app '" + bed.shortcode + "'",
                () -> bed.post("/people", "{\"firstName\": \"Grace\", \"sessions\": [\"s-nope\"]}"));
        Reply custom = bed.refused(422, "custom.'Shoe size' is not a custom field of app '" + bed.shortcode + "'",
                () -> bed.post("/people", "{\"firstName\": \"Grace\", \"custom\": {\"Shoe size\": \"38\"}}"));
        assertThat(custom.text("hint")).contains(diet + " (Dietary requirements)");
        bed.refused(422, "custom.'Newsletter' must be true or false",
                () -> bed.post("/people", "{\"firstName\": \"Grace\", \"custom\": {\"Newsletter\": \"perhaps\"}}"));
        bed.refused(422, "profile.shoe is not a profile field",
                () -> bed.post("/people", "{\"firstName\": \"Grace\", \"profile\": {\"shoe\": \"38\"}}"));
        bed.refused(422, "unknown member 'id'", () -> bed.post("/people", "{\"id\": \"m-1\", \"firstName\": \"Grace\"}"));
        bed.refused(400, "the body is not valid JSON (line 1, column 2)", () -> bed.post("/people", "{firstName: \"Grace\"}"));
        bed.refused(404, "app '" + bed.shortcode + "' has no person with id 'm-unknown'", () -> bed.get("/people/m-unknown"));
        bed.refused(404, "app '" + bed.shortcode + "' has no person with id 'm-unknown'", () -> bed.delete("/people/m-unknown"));
        bed.refused(405, "method PUT is not allowed here", () -> bed.put("/people/m-unknown", "{}"));
        assertThat(bed.items().keySet()).noneMatch(key -> key.startsWith("PEOPLE#"));
    }

    @Test
    void listsPeopleTheSyncMadeWithTheirRegistration() {
        // As DynamoPeopleStore writes one: origin idloom, memberships the sync gave, a link.
        String people = "PEOPLE#" + bed.shortcode;
        bed.dynamo.putItem(r -> r.tableName(AdminTestBed.TABLE).item(Map.of(
                "pk", AttributeValue.fromS(people), "sk", AttributeValue.fromS("PERSON#p-1"),
                "id", AttributeValue.fromS("p-1"), "origin", AttributeValue.fromS("idloom"),
                "firstName", AttributeValue.fromS("Ada"), "c:" + diet, AttributeValue.fromS("Vegetarian"),
                "groups", AttributeValue.fromL(List.of(AttributeValue.fromS("everyone"))),
                "sg:evt-1/att-1", AttributeValue.fromL(List.of(AttributeValue.fromS(speakers))),
                "links", AttributeValue.fromSs(List.of("evt-1/att-1")))));

        JsonNode person = expect(200, bed.get("/people/p-1")).body();

        assertThat(person.get("origin").asText()).isEqualTo("idloom");
        assertThat(person.get("custom")).isEqualTo(json("{\"Dietary requirements\": \"Vegetarian\"}"));
        assertThat(person.get("groups")).isEqualTo(json("[\"everyone\", \"" + speakers + "\"]"));
        assertThat(person.get("registration")).isEqualTo(json("{\"eventUid\": \"evt-1\", \"uid\": \"att-1\"}"));
    }

    private static JsonNode json(String text) {
        try {
            return Json.read(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
