package dev.idloomsync.admin;

import dev.idloomsync.app.AppSetup;
import dev.idloomsync.app.CustomField;
import dev.idloomsync.app.Group;
import dev.idloomsync.app.Session;
import dev.idloomsync.http.ApiRequest;
import dev.idloomsync.store.PeopleDirectory.NewPerson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.idloomsync.admin.MappingCheckTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

class PersonInputTest {
    private static final AppSetup APP = new AppSetup("acme24", "Acme", Optional.empty(), Map.of(),
            List.of(Group.EVERYONE, new Group("g-1", "Speakers")), List.of(new Session("s-1", "Workshop A")),
            List.of(new CustomField("cf-1", "Diet", "text"), new CustomField("cf-2", "Newsletter", "checkbox"),
                    new CustomField("cf-3", "Born", "date"), new CustomField("cf-4", "Seats", "number")));

    @Test
    void readsAPersonWithCustomValuesByName() {
        NewPerson person = read("{\"firstName\": \" Jane \", \"lastName\": \"Doe\", \"email\": \"jane@globex.example\","
                + " \"profile\": {\"about\": \"Marketing\"}, \"custom\": {\"Diet\": \"Vegan\", \"newsletter\": true,"
                + " \"Seats\": 2}, \"groups\": [\"g-1\"], \"sessions\": [\"s-1\"], \"origin\": \"manual\"}");

        assertThat(person.firstName()).isEqualTo("Jane");
        assertThat(person.profile()).isEqualTo(Map.of("about", "Marketing"));
        assertThat(person.custom()).isEqualTo(Map.of("cf-1", "Vegan", "cf-2", "Yes", "cf-4", "2"));
        assertThat(person.groups()).containsExactly("g-1");
        assertThat(person.sessions()).containsExactly("s-1");
    }

    @Test
    void aPersonWithoutGroupsIsInEveryone() {
        assertThat(read("{\"lastName\": \"Doe\"}").groups()).containsExactly(Group.EVERYONE_ID);
    }

    @Test
    void refusals() {
        assertRefused(() -> read("{\"email\": \"jane@globex.example\"}"), 422, "firstName or lastName is required");
        assertRefused(() -> read("{\"firstName\": \"Jane\", \"email\": \"jane\"}"), 422, "email is not a valid email address");
        assertRefused(() -> read("{\"firstName\": \"Jane\", \"origin\": \"idloom\"}"), 422,
                "origin must be manual: people added here are always manual");
        assertRefused(() -> read("{\"firstname\": \"Jane\"}"), 422, "unknown member 'firstname'");
        assertRefused(() -> read("{\"firstName\": \"Jane\", \"profile\": {\"shoe\": \"42\"}}"), 422,
                "profile.shoe is not a profile field");
        assertRefused(() -> read("{\"firstName\": \"Jane\", \"custom\": {\"Shoe\": \"42\"}}"), 422,
                "custom.'Shoe' is not a custom field of app 'acme24'");
        assertRefused(() -> read("{\"firstName\": \"Jane\", \"custom\": {\"Born\": \"May 2nd\"}}"), 422,
                "custom.'Born' must be a date as YYYY-MM-DD");
        assertRefused(() -> read("{\"firstName\": \"Jane\", \"custom\": {\"Seats\": \"two\"}}"), 422,
                "custom.'Seats' must be a number");
        assertRefused(() -> read("{\"firstName\": \"Jane\", \"custom\": {\"Newsletter\": \"maybe\"}}"), 422,
                "custom.'Newsletter' must be true or false");
        assertRefused(() -> read("{\"firstName\": \"Jane\", \"groups\": [\"g-9\"]}"), 422,
                "groups: 'g-9' is not a group of app 'acme24'");
        assertRefused(() -> read("{\"firstName\": \"Jane\", \"sessions\": \"s-1\"}"), 422,
                "sessions must be a list of ids, not a string");
        assertRefused(() -> read("{\"firstName\": \"Jane\", \"sessions\": [\"s-9\"]}"), 422,
                "sessions: 's-9' is not a session of app 'acme24'");
        assertRefused(() -> read("{\"firstName\": 7}"), 422, "firstName must be a string, not a number");
        assertRefused(() -> read("[]"), 400, "the body must be a JSON object, not a list");
        assertRefused(() -> read("{\"firstName\": "), 400, "the body is not valid JSON (line 1, column 15)");
    }

    private static NewPerson read(String json) {
        return PersonInput.read(new ApiRequest("POST", "/", Map.of(), Map.of(), Map.of(), json, true, null, null), APP);
    }
}
