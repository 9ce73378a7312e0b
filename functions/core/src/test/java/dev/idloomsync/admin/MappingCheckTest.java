package dev.idloomsync.admin;

import dev.idloomsync.app.AppSetup;
import dev.idloomsync.app.CustomField;
import dev.idloomsync.app.Group;
import dev.idloomsync.app.MappingRule;
import dev.idloomsync.app.Session;
import dev.idloomsync.http.ApiRequest;
import dev.idloomsync.idloom.Choice;
import dev.idloomsync.idloom.Form;
import dev.idloomsync.idloom.FormField;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingCheckTest {
    private static final AppSetup APP = new AppSetup("acme24", "Acme", Optional.empty(), Map.of(),
            List.of(Group.EVERYONE, new Group("g-1", "Speakers")), List.of(new Session("s-1", "Workshop A")),
            List.of(new CustomField("cf-1", "Diet", "text")));
    private static final Form FORM = new Form(
            List.of(new FormField("firstname", "First name", "text"), new FormField("free_field1", "Diet", "text")),
            List.of(new Choice("cat-1", "Speaker")), List.of(new Choice("opt-1", "Workshop A")));

    @Test
    void readsARule() {
        MappingRule rule = read("{\"source\": {\"kind\": \"field\", \"id\": \"free_field1\"},"
                + " \"target\": {\"kind\": \"custom\", \"id\": \"cf-1\"}, \"tickbox\": true}");

        assertThat(rule.source()).isEqualTo(new MappingRule.Source(MappingRule.SourceKind.FIELD, "free_field1"));
        assertThat(rule.target()).isEqualTo(new MappingRule.Target(MappingRule.TargetKind.CUSTOM, "cf-1"));
        assertThat(rule.tickbox()).isTrue();
    }

    @Test
    void refusesAnUnknownKindNamingTheMember() {
        assertRefused(() -> read("{\"source\": {\"kind\": \"tag\", \"id\": \"x\"}, \"target\": {\"kind\": \"group\", \"id\": \"g-1\"}}"),
                422, "source.kind 'tag' is not one of field, category, option");
    }

    @Test
    void refusesAMissingTarget() {
        assertRefused(() -> read("{\"source\": {\"kind\": \"field\", \"id\": \"free_field1\"}}"), 422, "target is required");
    }

    @Test
    void refusesTickboxOnACategory() {
        assertRefused(() -> check(rule("category", "cat-1", "group", "g-1", true)), 422,
                "tickbox is only for a field source, not a category");
    }

    @Test
    void refusesAFieldToAGroup() {
        assertRefused(() -> check(rule("field", "free_field1", "group", "g-1", false)), 422, "a field cannot go to a group");
    }

    @Test
    void refusesAnOptionToACustomField() {
        assertRefused(() -> check(rule("option", "opt-1", "custom", "cf-1", false)), 422,
                "an option cannot go to a custom field");
    }

    @Test
    void refusesTargetsTheAppDoesNotHave() {
        assertRefused(() -> check(rule("field", "free_field1", "profile", "shoe_size", false)), 422,
                "target.id 'shoe_size' is not a profile field");
        assertRefused(() -> check(rule("field", "free_field1", "custom", "cf-9", false)), 422,
                "target.id 'cf-9' is not a custom field of app 'acme24'");
        assertRefused(() -> check(rule("option", "opt-1", "session", "s-9", false)), 422,
                "target.id 's-9' is not a session of app 'acme24'");
        assertRefused(() -> check(rule("category", "cat-1", "group", "g-9", false)), 422,
                "target.id 'g-9' is not a group of app 'acme24'");
    }

    @Test
    void acceptsRulesThatFit() {
        check(rule("field", "free_field1", "profile", "about", true));
        check(rule("category", "cat-1", "group", Group.EVERYONE_ID, false));
        check(rule("option", "opt-1", "session", "s-1", false));
    }

    @Test
    void refusesADefaultFieldAsSource() {
        assertRefused(() -> source(rule("field", "firstname", "profile", "about", false)), 422,
                "firstname is a default field, always mapped to first name; it cannot be a mapping source");
    }

    @Test
    void refusesSourcesNotOnTheForm() {
        assertRefused(() -> source(rule("field", "free_field9", "profile", "about", false)), 422,
                "field 'free_field9' is not on the idloom form of event 'evt-1'");
        assertRefused(() -> source(rule("category", "cat-9", "group", "g-1", false)), 422,
                "category 'cat-9' is not on the idloom form of event 'evt-1'");
        assertRefused(() -> source(rule("option", "opt-9", "session", "s-1", false)), 422,
                "option 'opt-9' is not on the idloom form of event 'evt-1'");
    }

    @Test
    void theCountryIsASourceOnEveryForm() {
        source(rule("field", "cpy_country", "profile", "country", false));

        assertThat(MappingCheck.sources(FORM).fields()).extracting(FormField::id)
                .containsExactly("free_field1", "cpy_country");
    }

    private static MappingRule read(String json) {
        return MappingCheck.read(new ApiRequest("POST", "/", Map.of(), Map.of(), Map.of(), json, true, null, null), "r-1");
    }

    private static MappingRule rule(String source, String sourceId, String target, String targetId, boolean tickbox) {
        return read("{\"source\": {\"kind\": \"" + source + "\", \"id\": \"" + sourceId + "\"}, \"target\": {\"kind\": \""
                + target + "\", \"id\": \"" + targetId + "\"}, \"tickbox\": " + tickbox + "}");
    }

    private static void check(MappingRule rule) {
        MappingCheck.checkAgainstApp(rule, APP);
    }

    private static void source(MappingRule rule) {
        MappingCheck.checkSource(rule, FORM, "acme24", "evt-1");
    }

    static void assertRefused(Runnable call, int status, String error) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(Refusal.class, refusal -> {
            assertThat(refusal.status()).isEqualTo(status);
            assertThat(refusal.error()).isEqualTo(error);
            assertThat(refusal.hint()).isNotBlank();
        });
    }
}
