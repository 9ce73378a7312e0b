package dev.idloomsync.sync;

import dev.idloomsync.app.LinkedEvent;
import dev.idloomsync.app.MappingRule;
import dev.idloomsync.app.MappingRule.Source;
import dev.idloomsync.app.MappingRule.SourceKind;
import dev.idloomsync.app.MappingRule.Target;
import dev.idloomsync.app.MappingRule.TargetKind;
import dev.idloomsync.mapping.PersonAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DeciderTest {

    private static final Instant RECEIVED = Instant.parse("2024-06-01T12:00:00Z");
    private static final Instant UPDATED = Instant.parse("2024-05-01T08:15:00Z");
    private static final LinkedEvent EVENT = new LinkedEvent("ev1", "Summit", "g-attendees", List.of());

    private static Attendee attendee(String extraJson) throws BadRequest {
        return AttendeeParser.parse("{\"uid\":\"u1\",\"event_uid\":\"ev1\",\"updated_at\":\"2024-05-01T10:15:00+02:00\""
                + (extraJson.isEmpty() ? "" : "," + extraJson) + "}");
    }

    private static Intent decide(WebhookKind kind, String extraJson, LinkedEvent event) throws BadRequest {
        return Decider.decide(kind, "acme24", attendee(extraJson), event, RECEIVED);
    }

    @Test
    void deleteIsARemovalToDeleted() throws BadRequest {
        Intent intent = decide(WebhookKind.DELETE, "\"email\":\" Ada@Example.org \",\"registration_status\":\"Registered\"", EVENT);

        assertThat(intent).isEqualTo(new Intent.Remove(new RegistrationKey("acme24", "ev1", "u1"),
                UPDATED.toEpochMilli(), LinkState.DELETED, "deleted in idloom", "ada@example.org"));
    }

    @Test
    void deleteNeedsNoEmail() throws BadRequest {
        Intent.Remove remove = (Intent.Remove) decide(WebhookKind.DELETE, "", EVENT);

        assertThat(remove.emailKey()).isNull();
    }

    @Test
    void deleteIsNotRefusedForAnOverlongValue() throws BadRequest {
        Intent intent = decide(WebhookKind.DELETE, "\"firstname\":\"" + "a".repeat(Decider.MAX_VALUE_CHARS + 1) + "\"", EVENT);

        assertThat(intent).isInstanceOf(Intent.Remove.class);
    }

    @ParameterizedTest
    @EnumSource(value = WebhookKind.class, names = {"CREATE", "UPDATE"})
    void anExcludedRegistrationStatusIsARemovalToExcluded(WebhookKind kind) throws BadRequest {
        Intent intent = decide(kind, "\"registration_status\":\"Cancelled\",\"email\":\"ada@example.org\"", EVENT);

        assertThat(intent).isEqualTo(new Intent.Remove(new RegistrationKey("acme24", "ev1", "u1"),
                UPDATED.toEpochMilli(), LinkState.EXCLUDED, "registration status is Cancelled", "ada@example.org"));
    }

    @Test
    void anExcludedPaymentStatusIsARemovalWithItsReason() throws BadRequest {
        Intent.Remove remove = (Intent.Remove) decide(WebhookKind.UPDATE,
                "\"registration_status\":\"Registered\",\"payment_status\":\"Waiting for payment\"", EVENT);

        assertThat(remove.becomes()).isEqualTo(LinkState.EXCLUDED);
        assertThat(remove.reason()).isEqualTo("payment status is Waiting for payment");
    }

    @ParameterizedTest
    @EnumSource(value = WebhookKind.class, names = {"CREATE", "UPDATE"})
    void aGoodStatusIsAnUpsertIntoTheEventsDefaultGroup(WebhookKind kind) throws BadRequest {
        Intent intent = decide(kind, "\"registration_status\":\"Registered\",\"payment_status\":\"Paid\","
                + "\"firstname\":\"Ada\",\"email\":\"ada@example.org\"", EVENT);

        assertThat(intent).isInstanceOf(Intent.Upsert.class);
        Intent.Upsert upsert = (Intent.Upsert) intent;
        assertThat(upsert.key()).isEqualTo(new RegistrationKey("acme24", "ev1", "u1"));
        assertThat(upsert.updatedAt()).isEqualTo(UPDATED.toEpochMilli());
        assertThat(upsert.groupForNewPeople()).isEqualTo("g-attendees");
        assertThat(upsert.patch().values())
                .containsEntry(PersonAttributes.FIRST_NAME, "Ada")
                .containsEntry(PersonAttributes.EMAIL, "ada@example.org");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void withoutADefaultGroupNewPeopleGoToEveryone(String defaultGroup) throws BadRequest {
        LinkedEvent event = new LinkedEvent("ev1", "Summit", defaultGroup, List.of());

        Intent.Upsert upsert = (Intent.Upsert) decide(WebhookKind.CREATE, "", event);

        assertThat(upsert.groupForNewPeople()).isEqualTo("everyone");
    }

    @Test
    void theEventsMappingsAreApplied() throws BadRequest {
        LinkedEvent event = new LinkedEvent("ev1", "Summit", null, List.of(
                new MappingRule("r1", new Source(SourceKind.FIELD, "free_field1"), new Target(TargetKind.CUSTOM, "cf-news"), true),
                new MappingRule("r2", new Source(SourceKind.OPTION, "7"), new Target(TargetKind.SESSION, "s-7"), false)));

        Intent.Upsert upsert = (Intent.Upsert) decide(WebhookKind.UPDATE, "\"free_field1\":1,\"options\":[{\"id\":7}]", event);

        assertThat(upsert.patch().values()).containsEntry(PersonAttributes.custom("cf-news"), "Yes");
        assertThat(upsert.patch().sessions()).containsExactly("s-7");
    }

    @Test
    void withoutUpdatedAtTheTimeOfReceiptIsUsed() throws BadRequest {
        Attendee attendee = AttendeeParser.parse("{\"uid\":\"u1\",\"event_uid\":\"ev1\"}");

        assertThat(Decider.decide(WebhookKind.CREATE, "acme24", attendee, EVENT, RECEIVED).updatedAt())
                .isEqualTo(RECEIVED.toEpochMilli());
        assertThat(Decider.decide(WebhookKind.DELETE, "acme24", attendee, EVENT, RECEIVED).updatedAt())
                .isEqualTo(RECEIVED.toEpochMilli());
    }

    @Test
    void aMappedValueOverTenThousandCharactersIsRefused() {
        BadRequest e = catchThrowableOfType(BadRequest.class, () -> decide(WebhookKind.CREATE,
                "\"job_title\":\"" + "a".repeat(Decider.MAX_VALUE_CHARS + 1) + "\"", EVENT));

        assertThat(e).hasMessage("job_title is longer than 10000 characters");
        assertThat(e.hint()).contains("shorten it in idloom");
    }

    @Test
    void anOverlongCustomValueIsRefusedToo() {
        LinkedEvent event = new LinkedEvent("ev1", "Summit", null, List.of(
                new MappingRule("r1", new Source(SourceKind.FIELD, "free_field1"), new Target(TargetKind.PROFILE, "about"), false)));

        BadRequest e = catchThrowableOfType(BadRequest.class, () -> decide(WebhookKind.UPDATE,
                "\"free_field1\":\"" + "b".repeat(Decider.MAX_VALUE_CHARS + 1) + "\"", event));

        assertThat(e.getMessage()).contains("free_field1").contains("longer than 10000");
    }

    @Test
    void aValueOfExactlyTenThousandCharactersIsKept() throws BadRequest {
        Intent.Upsert upsert = (Intent.Upsert) decide(WebhookKind.CREATE,
                "\"job_title\":\"" + "a".repeat(Decider.MAX_VALUE_CHARS) + "\"", EVENT);

        assertThat(upsert.patch().values().get(PersonAttributes.JOB_TITLE)).hasSize(Decider.MAX_VALUE_CHARS);
    }

    @Test
    void anOverlongUnmappedFieldIsNotRefused() throws BadRequest {
        Intent intent = decide(WebhookKind.CREATE, "\"free_field5\":\"" + "a".repeat(Decider.MAX_VALUE_CHARS + 1) + "\"", EVENT);

        assertThat(intent).isInstanceOf(Intent.Upsert.class);
    }
}
