package dev.idloomsync.sync;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AttendeeParserTest {

    private static BadRequest refusal(String body) {
        return catchThrowableOfType(BadRequest.class, () -> AttendeeParser.parse(body));
    }

    @Test
    void readsAMinimalBody() throws BadRequest {
        Attendee a = AttendeeParser.parse("{\"uid\":\"A-1\",\"event_uid\":\"EV-9\"}");

        assertThat(a.uid()).isEqualTo("A-1");
        assertThat(a.eventUid()).isEqualTo("EV-9");
        assertThat(a.updatedAt()).isNull();
        assertThat(a.registrationStatus()).isNull();
        assertThat(a.paymentStatus()).isNull();
        assertThat(a.category()).isNull();
        assertThat(a.options()).isEmpty();
        assertThat(a.hasCategory()).isFalse();
        assertThat(a.hasOptions()).isFalse();
        assertThat(a.has("email")).isFalse();
    }

    @Test
    void readsAFullAttendee() throws BadRequest {
        Attendee a = AttendeeParser.parse("""
                {"uid": " A-1 ", "event_uid": "EV-9", "updated_at": "2024-05-01T10:15:00+02:00",
                 "registration_status": "Registered", "payment_status": "Paid",
                 "title": "Dr", "firstname": "Ada", "lastname": "Lovelace", "email": "ada@example.org",
                 "job_title": "Analyst", "cpy_name": "Engines Ltd", "phone": "+32 2 123 45 67",
                 "cpy_country": "BE", "free_field1": "hello"}
                """);

        assertThat(a.uid()).isEqualTo("A-1");
        assertThat(a.updatedAt()).isEqualTo(Instant.parse("2024-05-01T08:15:00Z"));
        assertThat(a.registrationStatus()).isEqualTo("Registered");
        assertThat(a.paymentStatus()).isEqualTo("Paid");
        assertThat(a.fields()).containsEntry("firstname", "Ada").containsEntry("cpy_name", "Engines Ltd")
                .containsEntry("cpy_country", "BE").containsEntry("free_field1", "hello");
    }

    @Test
    void acceptsNumericIdentities() throws BadRequest {
        Attendee a = AttendeeParser.parse("{\"uid\":12345,\"event_uid\":678}");

        assertThat(a.uid()).isEqualTo("12345");
        assertThat(a.eventUid()).isEqualTo("678");
    }

    @Test
    void readsFreeFieldsAtTopLevelAndInsideData() throws BadRequest {
        Attendee a = AttendeeParser.parse("""
                {"uid":"u","event_uid":"e","free_field1":"top",
                 "data":{"free_field2":"inside","free_field3":null,"free_field4":7}}
                """);

        assertThat(a.field("free_field1")).isEqualTo("top");
        assertThat(a.field("free_field2")).isEqualTo("inside");
        assertThat(a.has("free_field3")).isTrue();
        assertThat(a.field("free_field3")).isNull();
        assertThat(a.field("free_field4")).isEqualTo("7");
    }

    @Test
    void readsTickboxValuesInEveryForm() throws BadRequest {
        Attendee a = AttendeeParser.parse("""
                {"uid":"u","event_uid":"e","free_field1":1,"free_field2":0,"free_field3":"1","free_field4":"0",
                 "free_field5":true,"free_field6":false}
                """);

        assertThat(a.fields()).containsEntry("free_field1", "1").containsEntry("free_field2", "0")
                .containsEntry("free_field3", "1").containsEntry("free_field4", "0")
                .containsEntry("free_field5", "true").containsEntry("free_field6", "false");
    }

    @Test
    void readsTheCategoryObject() throws BadRequest {
        Attendee a = AttendeeParser.parse("{\"uid\":\"u\",\"event_uid\":\"e\",\"category\":{\"id\":42,\"name\":\"Speaker\"}}");

        assertThat(a.hasCategory()).isTrue();
        assertThat(a.category()).isEqualTo(new Attendee.Choice("42", "Speaker"));
    }

    @Test
    void readsACategoryGivenByTitleOrByIdAlone() throws BadRequest {
        assertThat(AttendeeParser.parse("{\"uid\":\"u\",\"event_uid\":\"e\",\"category\":{\"id\":\"c1\",\"title\":\"VIP\"}}")
                .category()).isEqualTo(new Attendee.Choice("c1", "VIP"));
        assertThat(AttendeeParser.parse("{\"uid\":\"u\",\"event_uid\":\"e\",\"category\":7}")
                .category()).isEqualTo(new Attendee.Choice("7", "7"));
    }

    @Test
    void aNullCategoryIsPresentButChoosesNothing() throws BadRequest {
        Attendee a = AttendeeParser.parse("{\"uid\":\"u\",\"event_uid\":\"e\",\"category\":null,\"options\":null}");

        assertThat(a.hasCategory()).isTrue();
        assertThat(a.category()).isNull();
        assertThat(a.hasOptions()).isTrue();
        assertThat(a.options()).isEmpty();
    }

    @Test
    void readsTheOptionsArray() throws BadRequest {
        Attendee a = AttendeeParser.parse("""
                {"uid":"u","event_uid":"e","options":[{"id":1,"name":"Workshop A"},{"id":"2","name":"Dinner"},
                 {"nothing":"here"}, null]}
                """);

        assertThat(a.hasOptions()).isTrue();
        assertThat(a.options()).containsExactly(new Attendee.Choice("1", "Workshop A"), new Attendee.Choice("2", "Dinner"));
    }

    @Test
    void readsASingleOptionObjectAsAListOfOne() throws BadRequest {
        Attendee a = AttendeeParser.parse("{\"uid\":\"u\",\"event_uid\":\"e\",\"options\":{\"id\":5,\"name\":\"Lunch\"}}");

        assertThat(a.options()).containsExactly(new Attendee.Choice("5", "Lunch"));
    }

    @Test
    void readsAnArrayOfBareOptionIds() throws BadRequest {
        Attendee a = AttendeeParser.parse("{\"uid\":\"u\",\"event_uid\":\"e\",\"options\":[5,\"6\"]}");

        assertThat(a.options()).extracting(Attendee.Choice::id).containsExactly("5", "6");
    }

    @Test
    void ignoresUnknownFields() throws BadRequest {
        Attendee a = AttendeeParser.parse("""
                {"uid":"u","event_uid":"e","something_new":{"deep":[1,2,3]},"another":[{"x":1}],"flag":true,
                 "badge_printed_at":"2024-05-01"}
                """);

        assertThat(a.uid()).isEqualTo("u");
        assertThat(a.has("something_new")).isFalse();
        assertThat(a.has("another")).isFalse();
    }

    @Test
    void toleratesMissingAndNullFields() throws BadRequest {
        Attendee a = AttendeeParser.parse("""
                {"uid":"u","event_uid":"e","updated_at":null,"registration_status":null,"payment_status":null,
                 "email":null,"firstname":null,"data":null}
                """);

        assertThat(a.updatedAt()).isNull();
        assertThat(a.registrationStatus()).isNull();
        assertThat(a.has("email")).isTrue();
        assertThat(a.field("email")).isNull();
        assertThat(a.has("lastname")).isFalse();
    }

    @Test
    void anEmptyEmailIsNotRefused() throws BadRequest {
        assertThat(AttendeeParser.parse("{\"uid\":\"u\",\"event_uid\":\"e\",\"email\":\"\"}").field("email")).isEmpty();
        assertThat(AttendeeParser.parse("{\"uid\":\"u\",\"event_uid\":\"e\",\"email\":\" Ada@Example.org \"}")
                .field("email")).isEqualTo(" Ada@Example.org ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2024-05-01T10:15:00+02:00     | 2024-05-01T08:15:00Z",
            "2024-05-01T10:15:00Z          | 2024-05-01T10:15:00Z",
            "2024-05-01T10:15:00.250Z      | 2024-05-01T10:15:00.250Z",
            "2024-05-01T10:15:00           | 2024-05-01T10:15:00Z",
            "2024-05-01 10:15:00           | 2024-05-01T10:15:00Z",
            "' 2024-05-01 10:15:00 '       | 2024-05-01T10:15:00Z",
    })
    void readsUpdatedAtInEachForm(String given, String expected) throws BadRequest {
        Attendee a = AttendeeParser.parse("{\"uid\":\"u\",\"event_uid\":\"e\",\"updated_at\":\"" + given + "\"}");

        assertThat(a.updatedAt()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void anEmptyUpdatedAtCountsAsMissing() throws BadRequest {
        assertThat(AttendeeParser.parse("{\"uid\":\"u\",\"event_uid\":\"e\",\"updated_at\":\"\"}").updatedAt()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "01/05/2024 10:15", "2024-13-01T10:15:00Z", "1714558500"})
    void refusesAnUnreadableUpdatedAt(String given) {
        BadRequest e = refusal("{\"uid\":\"u\",\"event_uid\":\"e\",\"updated_at\":\"" + given + "\"}");

        assertThat(e).hasMessage("updated_at is not an ISO-8601 date and time");
        assertThat(e.hint()).contains("2024-05-01T10:15:00+02:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void refusesAnEmptyBody(String body) {
        BadRequest e = refusal(body);

        assertThat(e).hasMessage("the body is empty");
        assertThat(e.hint()).contains("JSON object");
    }

    @Test
    void refusesANullBody() {
        assertThat(refusal(null)).hasMessage("the body is empty");
    }

    @Test
    void refusesInvalidJsonWithItsPosition() {
        BadRequest e = refusal("{\"uid\": \"u\",\n \"event_uid\": }");

        assertThat(e.getMessage()).startsWith("the body is not valid JSON (line 2, column");
        assertThat(e.hint()).isEqualTo("send the attendee as one JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"uid\":\"u\",\"event_uid\":\"e\"} trailing", "uid=u&event_uid=e"})
    void refusesTruncatedOrNonJsonBodies(String body) {
        assertThat(refusal(body).getMessage()).startsWith("the body is not valid JSON");
    }

    @Test
    void refusesJsonNestedTooDeeply() {
        String body = "{\"uid\":\"u\",\"event_uid\":\"e\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        assertThat(refusal(body).getMessage()).startsWith("the body is not valid JSON");
    }

    @Test
    void refusesANumberTooLongToRead() {
        String body = "{\"uid\":" + "1".repeat(2000) + ",\"event_uid\":\"e\"}";

        assertThat(refusal(body).getMessage()).startsWith("the body is not valid JSON");
    }

    @Test
    void refusesAJsonArray() {
        BadRequest e = refusal("[{\"uid\":\"u\",\"event_uid\":\"e\"}]");

        assertThat(e).hasMessage("the body is a JSON array, not a JSON object");
        assertThat(e.hint()).contains("one JSON object");
    }

    @Test
    void refusesAJsonString() {
        assertThat(refusal("\"hello\"")).hasMessage("the body is a JSON string, not a JSON object");
    }

    @Test
    void refusesJsonNull() {
        assertThat(refusal("null")).hasMessage("the body is JSON null, not a JSON object");
    }

    @Test
    void refusesAMissingUid() {
        BadRequest e = refusal("{\"event_uid\":\"e\"}");

        assertThat(e).hasMessage("uid is missing");
        assertThat(e.hint()).contains("uid");
    }

    @Test
    void refusesANullOrBlankUid() {
        assertThat(refusal("{\"uid\":null,\"event_uid\":\"e\"}")).hasMessage("uid is missing");
        assertThat(refusal("{\"uid\":\"  \",\"event_uid\":\"e\"}")).hasMessage("uid is empty");
    }

    @Test
    void refusesAMissingEventUid() {
        BadRequest e = refusal("{\"uid\":\"u\"}");

        assertThat(e).hasMessage("event_uid is missing");
        assertThat(e.hint()).contains("event_uid");
    }

    @Test
    void refusesAUidThatIsNotAString() {
        assertThat(refusal("{\"uid\":{\"id\":1},\"event_uid\":\"e\"}")).hasMessage("uid must be a string or a whole number, not a JSON object");
        assertThat(refusal("{\"uid\":[1],\"event_uid\":\"e\"}")).hasMessage("uid must be a string or a whole number, not a JSON array");
        assertThat(refusal("{\"uid\":true,\"event_uid\":\"e\"}")).hasMessage("uid must be a string or a whole number, not a JSON boolean");
        assertThat(refusal("{\"uid\":\"u\",\"event_uid\":1.5}")).hasMessage("event_uid must be a string or a whole number, not a decimal number");
    }

    @Test
    void refusesAUidLongerThan256Characters() {
        BadRequest e = refusal("{\"uid\":\"" + "x".repeat(257) + "\",\"event_uid\":\"e\"}");

        assertThat(e).hasMessage("uid is longer than 256 characters");
    }

    @Test
    void acceptsAUidOfExactly256Characters() throws BadRequest {
        assertThat(AttendeeParser.parse("{\"uid\":\"" + "x".repeat(256) + "\",\"event_uid\":\"e\"}").uid()).hasSize(256);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "ada@", "@example.org", "ada@example", "Ada <ada@example.org>",
            "ada@@example.org", "ada smith@example.org"})
    void refusesAnEmailThatIsNotOne(String email) {
        BadRequest e = refusal("{\"uid\":\"u\",\"event_uid\":\"e\",\"email\":\"" + email + "\"}");

        assertThat(e).hasMessage("email is not an email address");
        assertThat(e.hint()).contains("fix the attendee's email in idloom");
    }

    @Test
    void refusesAnInvalidEmailInsideData() {
        assertThat(refusal("{\"uid\":\"u\",\"event_uid\":\"e\",\"data\":{\"email\":\"nope\"}}"))
                .hasMessage("email is not an email address");
    }
}
