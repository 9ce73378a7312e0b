package dev.idloomsync.mapping;

import dev.idloomsync.app.MappingRule;
import dev.idloomsync.app.MappingRule.Source;
import dev.idloomsync.app.MappingRule.SourceKind;
import dev.idloomsync.app.MappingRule.Target;
import dev.idloomsync.app.MappingRule.TargetKind;
import dev.idloomsync.sync.Attendee;
import dev.idloomsync.sync.AttendeeParser;
import dev.idloomsync.sync.BadRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class FieldMapperTest {

    private static Attendee attendee(String extraJson) throws BadRequest {
        return AttendeeParser.parse("{\"uid\":\"u1\",\"event_uid\":\"ev1\"" + (extraJson.isEmpty() ? "" : "," + extraJson) + "}");
    }

    private static PersonPatch map(String extraJson, MappingRule... rules) throws BadRequest {
        return FieldMapper.map(attendee(extraJson), List.of(rules));
    }

    private static MappingRule field(String source, TargetKind target, String targetId, boolean tickbox) {
        return new MappingRule("r-" + source, new Source(SourceKind.FIELD, source), new Target(target, targetId), tickbox);
    }

    private static MappingRule choice(SourceKind kind, String source, TargetKind target, String targetId) {
        return new MappingRule("r-" + source, new Source(kind, source), new Target(target, targetId), false);
    }

    @Test
    void mapsEveryDefaultField() throws BadRequest {
        PersonPatch patch = map("""
                "title":"Dr","firstname":"Ada","lastname":"Lovelace","email":"Ada@Example.org","job_title":"Analyst",
                "cpy_name":"Engines Ltd","phone":"+32 2 123 45 67","mobile_phone":"+32 470 00 00 00"
                """);

        assertThat(patch.values()).containsOnly(
                entry(PersonAttributes.TITLE, "Dr"),
                entry(PersonAttributes.FIRST_NAME, "Ada"),
                entry(PersonAttributes.LAST_NAME, "Lovelace"),
                entry(PersonAttributes.EMAIL, "Ada@Example.org"),
                entry(PersonAttributes.JOB_TITLE, "Analyst"),
                entry(PersonAttributes.COMPANY, "Engines Ltd"),
                entry(PersonAttributes.PHONE, "+32 2 123 45 67"));
        assertThat(patch.email()).isEqualTo("Ada@Example.org");
        assertThat(patch.setsEmail()).isTrue();
    }

    @Test
    void trimsValues() throws BadRequest {
        assertThat(map("\"firstname\":\"  Ada \"").values()).containsEntry(PersonAttributes.FIRST_NAME, "Ada");
    }

    @Test
    void phoneFallsBackToMobile() throws BadRequest {
        assertThat(map("\"mobile_phone\":\"+32 470\"").values()).containsEntry(PersonAttributes.PHONE, "+32 470");
        assertThat(map("\"phone\":\"\",\"mobile_phone\":\"+32 470\"").values()).containsEntry(PersonAttributes.PHONE, "+32 470");
        assertThat(map("\"phone\":null,\"mobile_phone\":\"+32 470\"").values()).containsEntry(PersonAttributes.PHONE, "+32 470");
    }

    @Test
    void phoneIsClearedWhenBothArePresentButEmpty() throws BadRequest {
        PersonPatch patch = map("\"phone\":null,\"mobile_phone\":\"  \"");

        assertThat(patch.values()).containsEntry(PersonAttributes.PHONE, null);
    }

    @Test
    void anAbsentFieldIsLeftAlone() throws BadRequest {
        PersonPatch patch = map("\"firstname\":\"Ada\"");

        assertThat(patch.values()).containsOnlyKeys(PersonAttributes.FIRST_NAME);
        assertThat(patch.setsEmail()).isFalse();
        assertThat(patch.email()).isNull();
    }

    @Test
    void aPresentNullOrEmptyFieldClearsIt() throws BadRequest {
        PersonPatch patch = map("\"title\":null,\"job_title\":\"\",\"email\":null");

        assertThat(patch.values()).containsOnly(
                entry(PersonAttributes.TITLE, null),
                entry(PersonAttributes.JOB_TITLE, null),
                entry(PersonAttributes.EMAIL, null));
        assertThat(patch.setsEmail()).isTrue();
        assertThat(patch.email()).isNull();
    }

    @Test
    void aDefaultFieldInsideDataIsMappedToo() throws BadRequest {
        assertThat(map("\"data\":{\"cpy_name\":\"Engines Ltd\"}").values()).containsEntry(PersonAttributes.COMPANY, "Engines Ltd");
    }

    @Test
    void mapsACustomFieldRule() throws BadRequest {
        PersonPatch patch = map("\"free_field3\":\"Vegetarian\"", field("free_field3", TargetKind.CUSTOM, "cf-diet", false));

        assertThat(patch.values()).containsEntry(PersonAttributes.custom("cf-diet"), "Vegetarian");
    }

    @Test
    void mapsAProfileRuleAndTheCountryStaysACode() throws BadRequest {
        PersonPatch patch = map("\"cpy_country\":\"BE\",\"free_field1\":\"https://ada.example\"",
                field("cpy_country", TargetKind.PROFILE, "country", false),
                field("free_field1", TargetKind.PROFILE, "website", false));

        assertThat(patch.values())
                .containsEntry(PersonAttributes.profile("country"), "BE")
                .containsEntry(PersonAttributes.profile("website"), "https://ada.example");
    }

    @Test
    void aRuleWhoseFieldIsAbsentLeavesItsTargetAlone() throws BadRequest {
        PersonPatch patch = map("", field("free_field9", TargetKind.CUSTOM, "cf-x", false));

        assertThat(patch.values()).doesNotContainKey(PersonAttributes.custom("cf-x"));
    }

    @Test
    void aRuleWhoseFieldIsNullClearsItsTarget() throws BadRequest {
        PersonPatch patch = map("\"free_field9\":null", field("free_field9", TargetKind.CUSTOM, "cf-x", false));

        assertThat(patch.values()).containsEntry(PersonAttributes.custom("cf-x"), null);
    }

    @ParameterizedTest
    @CsvSource({"null", "'\"\"'", "'\"  \"'"})
    void anEmptyOrNullTickboxReadsNo(String json) throws BadRequest {
        PersonPatch patch = map("\"free_field9\":" + json, field("free_field9", TargetKind.CUSTOM, "cf-x", true));

        assertThat(patch.values()).containsEntry(PersonAttributes.custom("cf-x"), "No");
    }

    @Test
    void aRuleReadsAFieldInsideData() throws BadRequest {
        PersonPatch patch = map("\"data\":{\"free_field2\":\"inside\"}", field("free_field2", TargetKind.CUSTOM, "cf-2", false));

        assertThat(patch.values()).containsEntry(PersonAttributes.custom("cf-2"), "inside");
    }

    @ParameterizedTest
    @CsvSource({"1, Yes", "0, No", "'\"1\"', Yes", "'\"0\"', No", "true, Yes", "false, No",
            "'\"true\"', Yes", "'\"FALSE\"', No", "'\"Maybe\"', Maybe", "'\" yes \"', Yes"})
    void aTickboxRuleTurnsOneAndZeroIntoYesAndNo(String json, String expected) throws BadRequest {
        PersonPatch patch = map("\"free_field1\":" + json, field("free_field1", TargetKind.CUSTOM, "cf-news", true));

        assertThat(patch.values()).containsEntry(PersonAttributes.custom("cf-news"), expected);
    }

    @Test
    void withoutTheTickboxMarkTheValueIsKeptAsSent() throws BadRequest {
        PersonPatch patch = map("\"free_field1\":1", field("free_field1", TargetKind.CUSTOM, "cf-n", false));

        assertThat(patch.values()).containsEntry(PersonAttributes.custom("cf-n"), "1");
    }

    @Test
    void tickboxLeavesOtherTextAsIs() {
        assertThat(FieldMapper.tickbox("Newsletter please")).isEqualTo("Newsletter please");
        assertThat(FieldMapper.tickbox("2")).isEqualTo("2");
    }

    @Test
    void aCategoryGivesAGroupAndAnOptionGivesASession() throws BadRequest {
        PersonPatch patch = map("\"category\":{\"id\":10,\"name\":\"Speaker\"},\"options\":[{\"id\":21,\"name\":\"Workshop\"}]",
                choice(SourceKind.CATEGORY, "10", TargetKind.GROUP, "g-speakers"),
                choice(SourceKind.CATEGORY, "11", TargetKind.GROUP, "g-press"),
                choice(SourceKind.OPTION, "21", TargetKind.SESSION, "s-workshop"),
                choice(SourceKind.OPTION, "22", TargetKind.SESSION, "s-dinner"));

        assertThat(patch.groups()).containsExactly("g-speakers");
        assertThat(patch.sessions()).containsExactly("s-workshop");
    }

    @Test
    void anOptionCanGiveAGroupAndACategoryASession() throws BadRequest {
        PersonPatch patch = map("\"category\":{\"id\":\"c1\",\"name\":\"VIP\"},\"options\":[{\"id\":\"o1\",\"name\":\"Dinner\"}]",
                choice(SourceKind.CATEGORY, "c1", TargetKind.SESSION, "s-vip-lounge"),
                choice(SourceKind.OPTION, "o1", TargetKind.GROUP, "g-diners"));

        assertThat(patch.groups()).containsExactly("g-diners");
        assertThat(patch.sessions()).containsExactly("s-vip-lounge");
    }

    @Test
    void twoRulesToTheSameTargetGiveItOnce() throws BadRequest {
        PersonPatch patch = map("\"options\":[{\"id\":1},{\"id\":2}]",
                choice(SourceKind.OPTION, "1", TargetKind.SESSION, "s-1"),
                choice(SourceKind.OPTION, "2", TargetKind.SESSION, "s-1"));

        assertThat(patch.sessions()).containsExactly("s-1");
    }

    @Test
    void membershipsAreNullWhenTheBodySaysNothingAboutThem() throws BadRequest {
        PersonPatch patch = map("\"firstname\":\"Ada\"", choice(SourceKind.CATEGORY, "10", TargetKind.GROUP, "g-speakers"));

        assertThat(patch.groups()).isNull();
        assertThat(patch.sessions()).isNull();
    }

    @Test
    void membershipsAreEmptyWhenTheBodyHasChoicesButNoneMatches() throws BadRequest {
        PersonPatch patch = map("\"category\":{\"id\":99,\"name\":\"Other\"},\"options\":[]",
                choice(SourceKind.CATEGORY, "10", TargetKind.GROUP, "g-speakers"),
                choice(SourceKind.OPTION, "21", TargetKind.SESSION, "s-workshop"));

        assertThat(patch.groups()).isEmpty();
        assertThat(patch.sessions()).isEmpty();
    }

    @Test
    void membershipsAreEmptyWhenTheBodyHasOnlyOptions() throws BadRequest {
        PersonPatch patch = map("\"options\":[]");

        assertThat(patch.groups()).isEmpty();
        assertThat(patch.sessions()).isEmpty();
    }

    @Test
    void withoutPatchDropsOnlyTheEmail() throws BadRequest {
        PersonPatch patch = map("\"email\":\"ada@example.org\",\"firstname\":\"Ada\",\"options\":[]").withoutEmail();

        assertThat(patch.setsEmail()).isFalse();
        assertThat(patch.values()).containsOnlyKeys(PersonAttributes.FIRST_NAME);
        assertThat(patch.sessions()).isEmpty();
    }

    @Test
    void theEmailKeyIsTrimmedAndLowerCase() {
        assertThat(PersonAttributes.emailKey(" Ada@Example.ORG ")).isEqualTo("ada@example.org");
        assertThat(PersonAttributes.emailKey("  ")).isNull();
        assertThat(PersonAttributes.emailKey(null)).isNull();
    }
}
