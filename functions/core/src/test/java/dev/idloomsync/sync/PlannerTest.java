package dev.idloomsync.sync;

import dev.idloomsync.mapping.PersonAttributes;
import dev.idloomsync.mapping.PersonPatch;
import dev.idloomsync.people.Origin;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlannerTest {

    private static final RegistrationKey KEY = new RegistrationKey("acme24", "ev1", "u1");
    private static final String NEW_ID = "p-new";
    private static final long T1 = 1_714_550_000_000L;
    private static final long T2 = T1 + 60_000;
    private static final long T0 = T1 - 60_000;

    private static final RegistrationState NOTHING = new RegistrationState(null, null, null, null);

    private static Intent.Upsert upsert(long at, String email) {
        Map<String, String> values = new HashMap<>();
        values.put(PersonAttributes.FIRST_NAME, "Ada");
        values.put(PersonAttributes.EMAIL, email);
        return new Intent.Upsert(KEY, at, new PersonPatch(values, null, null), "everyone");
    }

    private static Intent.Upsert upsertWithoutEmail(long at) {
        return new Intent.Upsert(KEY, at, new PersonPatch(Map.of(PersonAttributes.FIRST_NAME, "Ada"), null, null), "everyone");
    }

    private static Intent.Remove remove(long at, LinkState becomes) {
        String reason = becomes == LinkState.DELETED ? "deleted in idloom" : "registration status is Canceled";
        return new Intent.Remove(KEY, at, becomes, reason, "ada@example.org");
    }

    private static RegistrationState.Link link(String personId, Origin origin, LinkState state, long appliedAt, String emailKey) {
        return new RegistrationState.Link(personId, origin, state, appliedAt, emailKey, emailKey, "Ada", "Lovelace", 3);
    }

    private static RegistrationState linked(String personId, Origin origin, long appliedAt, String... links) {
        return new RegistrationState(link(personId, origin, LinkState.LINKED, appliedAt, "ada@example.org"), null, null,
                new RegistrationState.LinkedPerson(personId, origin, Set.of(links.length == 0 ? new String[]{KEY.linkName()} : links)));
    }

    private static RegistrationState left(LinkState state, long appliedAt) {
        return new RegistrationState(link("p1", Origin.IDLOOM, state, appliedAt, "ada@example.org"), null, null, null);
    }

    @Nested
    class Upsert {

        @Test
        void aRegistrationNeverSeenMakesANewPerson() {
            assertThat(Planner.plan(upsert(T1, "ada@example.org"), NOTHING, NEW_ID)).isEqualTo(new Plan.CreatePerson(NEW_ID));
        }

        @Test
        void aRegistrationWithoutEmailMakesANewPerson() {
            assertThat(Planner.plan(upsert(T1, null), NOTHING, NEW_ID)).isEqualTo(new Plan.CreatePerson(NEW_ID));
            assertThat(Planner.plan(upsertWithoutEmail(T1), NOTHING, NEW_ID)).isEqualTo(new Plan.CreatePerson(NEW_ID));
        }

        @Test
        void aLinkedRegistrationUpdatesItsPerson() {
            Plan plan = Planner.plan(upsert(T2, "ada@example.org"), linked("p1", Origin.IDLOOM, T1), NEW_ID);

            assertThat(plan).isEqualTo(new Plan.UpdatePerson("p1", false, Plan.EmailChange.NONE));
        }

        @Test
        void aLinkedManualPersonIsUpdatedToo() {
            Plan plan = Planner.plan(upsert(T2, "ada@example.org"), linked("m1", Origin.MANUAL, T1), NEW_ID);

            assertThat(plan).isEqualTo(new Plan.UpdatePerson("m1", false, Plan.EmailChange.NONE));
        }

        @Test
        void theSameUpdatedAtAgainChangesNothing() {
            Plan plan = Planner.plan(upsert(T1, "ada@example.org"), linked("p1", Origin.IDLOOM, T1), NEW_ID);

            assertThat(plan).isEqualTo(new Plan.Ignore("already applied (same updated_at)"));
        }

        @Test
        void anOlderUpdateChangesNothing() {
            Plan plan = Planner.plan(upsert(T0, "ada@example.org"), linked("p1", Origin.IDLOOM, T1), NEW_ID);

            assertThat(plan).isInstanceOf(Plan.Ignore.class);
            assertThat(((Plan.Ignore) plan).reason()).startsWith("older than what was applied")
                    .contains(Instant.ofEpochMilli(T0).toString()).contains(Instant.ofEpochMilli(T1).toString());
        }

        @Test
        void aDeletedRegistrationNeverComesBack() {
            for (long at : new long[]{T0, T1, T2}) {
                Plan plan = Planner.plan(upsert(at, "ada@example.org"), left(LinkState.DELETED, T1), NEW_ID);

                assertThat(plan).isInstanceOf(Plan.Ignore.class);
                assertThat(((Plan.Ignore) plan).reason()).contains("deleted in idloom");
            }
        }

        @Test
        void aDeletedRegistrationDoesNotComeBackThroughItsEmailEither() {
            RegistrationState state = new RegistrationState(link("p1", Origin.IDLOOM, LinkState.DELETED, T1, null),
                    "m1", Origin.MANUAL, null);

            assertThat(Planner.plan(upsert(T2, "ada@example.org"), state, NEW_ID)).isInstanceOf(Plan.Ignore.class);
        }

        @Test
        void anExcludedRegistrationInANewerGoodStatusIsAddedAgain() {
            Plan plan = Planner.plan(upsert(T2, "ada@example.org"), left(LinkState.EXCLUDED, T1), NEW_ID);

            assertThat(plan).isEqualTo(new Plan.CreatePerson(NEW_ID));
        }

        @Test
        void anExcludedRegistrationComesBackToThePersonWhoOwnsItsEmail() {
            RegistrationState state = new RegistrationState(link("m1", Origin.MANUAL, LinkState.EXCLUDED, T1, "ada@example.org"),
                    "m1", Origin.MANUAL, null);

            Plan plan = Planner.plan(upsert(T2, "ada@example.org"), state, NEW_ID);

            assertThat(plan).isEqualTo(new Plan.UpdatePerson("m1", true, Plan.EmailChange.NONE));
        }

        @Test
        void anOlderGoodStatusDoesNotUndoAnExclusion() {
            assertThat(Planner.plan(upsert(T0, "ada@example.org"), left(LinkState.EXCLUDED, T1), NEW_ID))
                    .isInstanceOf(Plan.Ignore.class);
            assertThat(Planner.plan(upsert(T1, "ada@example.org"), left(LinkState.EXCLUDED, T1), NEW_ID))
                    .isInstanceOf(Plan.Ignore.class);
        }

        @Test
        void aPersonWithTheSameEmailIsLinkedAndKeepsItsOrigin() {
            RegistrationState state = new RegistrationState(null, "m1", Origin.MANUAL, null);

            Plan plan = Planner.plan(upsert(T1, "Ada@Example.org"), state, NEW_ID);

            // The plan links the existing person; it makes no new one and sets no origin.
            assertThat(plan).isEqualTo(new Plan.UpdatePerson("m1", true, Plan.EmailChange.NONE));
        }

        @Test
        void anIdloomPersonWithTheSameEmailIsLinkedToo() {
            RegistrationState state = new RegistrationState(null, "p-other", Origin.IDLOOM, null);

            assertThat(Planner.plan(upsert(T1, "ada@example.org"), state, NEW_ID))
                    .isEqualTo(new Plan.UpdatePerson("p-other", true, Plan.EmailChange.NONE));
        }

        @Test
        void aLinkWhosePersonIsGoneMakesANewPerson() {
            RegistrationState state = new RegistrationState(link("p1", Origin.IDLOOM, LinkState.LINKED, T1, "ada@example.org"),
                    null, null, null);

            assertThat(Planner.plan(upsert(T2, "ada@example.org"), state, NEW_ID)).isEqualTo(new Plan.CreatePerson(NEW_ID));
        }

        @Test
        void anEmailChangeMovesTheEmailKey() {
            Plan plan = Planner.plan(upsert(T2, "Ada.New@Example.org"), linked("p1", Origin.IDLOOM, T1), NEW_ID);

            assertThat(plan).isEqualTo(new Plan.UpdatePerson("p1", false,
                    new Plan.EmailChange("ada@example.org", "ada.new@example.org", false)));
        }

        @Test
        void anEmailChangeToAKeyThePersonAlreadyOwnsIsNoConflict() {
            RegistrationState base = linked("p1", Origin.IDLOOM, T1);
            RegistrationState state = new RegistrationState(base.link(), "p1", Origin.IDLOOM, base.person());

            Plan plan = Planner.plan(upsert(T2, "ada.new@example.org"), state, NEW_ID);

            assertThat(plan).isEqualTo(new Plan.UpdatePerson("p1", false,
                    new Plan.EmailChange("ada@example.org", "ada.new@example.org", false)));
        }

        @Test
        void aChangeOfCaseOnlyIsNoEmailChange() {
            Plan plan = Planner.plan(upsert(T2, " ADA@example.ORG "), linked("p1", Origin.IDLOOM, T1), NEW_ID);

            assertThat(plan).isEqualTo(new Plan.UpdatePerson("p1", false, Plan.EmailChange.NONE));
        }

        @Test
        void aClearedEmailDropsTheKey() {
            Plan plan = Planner.plan(upsert(T2, null), linked("p1", Origin.IDLOOM, T1), NEW_ID);

            assertThat(plan).isEqualTo(new Plan.UpdatePerson("p1", false, new Plan.EmailChange("ada@example.org", null, false)));
        }

        @Test
        void aBodyWithoutEmailLeavesTheKeyAlone() {
            Plan plan = Planner.plan(upsertWithoutEmail(T2), linked("p1", Origin.IDLOOM, T1), NEW_ID);

            assertThat(plan).isEqualTo(new Plan.UpdatePerson("p1", false, Plan.EmailChange.NONE));
        }

        @Test
        void anEmailTakenByAnotherPersonIsAConflictAndNotApplied() {
            RegistrationState base = linked("p1", Origin.IDLOOM, T1);
            RegistrationState state = new RegistrationState(base.link(), "m9", Origin.MANUAL, base.person());

            Plan plan = Planner.plan(upsert(T2, "someone.else@example.org"), state, NEW_ID);

            assertThat(plan).isEqualTo(new Plan.UpdatePerson("p1", false, new Plan.EmailChange(null, null, true)));
        }
    }

    @Nested
    class Removal {

        @Test
        void aManualPersonIsUnlinkedAndTheOwnerIsTold() {
            Plan plan = Planner.plan(remove(T2, LinkState.DELETED), linked("m1", Origin.MANUAL, T1), NEW_ID);

            assertThat(plan).isInstanceOf(Plan.UnlinkPerson.class);
            Plan.UnlinkPerson unlink = (Plan.UnlinkPerson) plan;
            assertThat(unlink.personId()).isEqualTo("m1");
            assertThat(unlink.notifyOwner()).isTrue();
            assertThat(unlink.reason()).contains("added by hand").contains("deleted in idloom");
        }

        @Test
        void aManualPersonInAnExcludedStatusIsUnlinkedAndTheOwnerIsTold() {
            Plan plan = Planner.plan(remove(T2, LinkState.EXCLUDED), linked("m1", Origin.MANUAL, T1), NEW_ID);

            assertThat(plan).isInstanceOf(Plan.UnlinkPerson.class);
            assertThat(((Plan.UnlinkPerson) plan).notifyOwner()).isTrue();
            assertThat(((Plan.UnlinkPerson) plan).reason()).contains("registration status is Canceled");
        }

        @Test
        void anIdloomPersonWithOneLinkIsDeleted() {
            assertThat(Planner.plan(remove(T2, LinkState.DELETED), linked("p1", Origin.IDLOOM, T1), NEW_ID))
                    .isEqualTo(new Plan.DeletePerson("p1"));
            assertThat(Planner.plan(remove(T2, LinkState.EXCLUDED), linked("p1", Origin.IDLOOM, T1), NEW_ID))
                    .isEqualTo(new Plan.DeletePerson("p1"));
        }

        @Test
        void anIdloomPersonWithAnotherLinkIsOnlyUnlinkedWithoutNotice() {
            RegistrationState state = linked("p1", Origin.IDLOOM, T1, KEY.linkName(), "ev2/u7");

            Plan plan = Planner.plan(remove(T2, LinkState.DELETED), state, NEW_ID);

            assertThat(plan).isInstanceOf(Plan.UnlinkPerson.class);
            Plan.UnlinkPerson unlink = (Plan.UnlinkPerson) plan;
            assertThat(unlink.personId()).isEqualTo("p1");
            assertThat(unlink.notifyOwner()).isFalse();
            assertThat(unlink.reason()).contains("another registration");
        }

        @Test
        void aRegistrationNotInTheAppIsRecordedAsAbsent() {
            assertThat(Planner.plan(remove(T1, LinkState.DELETED), NOTHING, NEW_ID))
                    .isEqualTo(new Plan.RecordAbsence(LinkState.DELETED, "not in the app; deleted in idloom"));
            assertThat(Planner.plan(remove(T1, LinkState.EXCLUDED), NOTHING, NEW_ID))
                    .isEqualTo(new Plan.RecordAbsence(LinkState.EXCLUDED, "not in the app; registration status is Canceled"));
        }

        @Test
        void anExclusionOlderThanWhatWasAppliedChangesNothing() {
            Plan older = Planner.plan(remove(T0, LinkState.EXCLUDED), linked("p1", Origin.IDLOOM, T1), NEW_ID);
            Plan same = Planner.plan(remove(T1, LinkState.EXCLUDED), linked("p1", Origin.IDLOOM, T1), NEW_ID);

            assertThat(older).isInstanceOf(Plan.Ignore.class);
            assertThat(((Plan.Ignore) older).reason()).startsWith("older than what was applied");
            assertThat(same).isInstanceOf(Plan.Ignore.class);
        }

        @Test
        void aDeleteWinsEvenWhenItsUpdatedAtIsOlder() {
            assertThat(Planner.plan(remove(T0, LinkState.DELETED), linked("p1", Origin.IDLOOM, T1), NEW_ID))
                    .isEqualTo(new Plan.DeletePerson("p1"));
        }

        @Test
        void aDeleteAfterAnExclusionIsRecordedAsDeleted() {
            Plan plan = Planner.plan(remove(T2, LinkState.DELETED), left(LinkState.EXCLUDED, T1), NEW_ID);

            assertThat(plan).isEqualTo(new Plan.RecordAbsence(LinkState.DELETED, "not in the app; deleted in idloom"));
        }

        @Test
        void aNewerExclusionOfAnExcludedRegistrationIsRecordedAgain() {
            assertThat(Planner.plan(remove(T2, LinkState.EXCLUDED), left(LinkState.EXCLUDED, T1), NEW_ID))
                    .isEqualTo(new Plan.RecordAbsence(LinkState.EXCLUDED, "not in the app; registration status is Canceled"));
        }

        @Test
        void aRemovalOfADeletedRegistrationChangesNothing() {
            assertThat(Planner.plan(remove(T2, LinkState.DELETED), left(LinkState.DELETED, T1), NEW_ID))
                    .isEqualTo(new Plan.Ignore("already deleted in idloom"));
            assertThat(Planner.plan(remove(T2, LinkState.EXCLUDED), left(LinkState.DELETED, T1), NEW_ID))
                    .isEqualTo(new Plan.Ignore("already deleted in idloom"));
        }

        @Test
        void aRetriedDeleteOfAManualPersonDoesNotTellTheOwnerTwice() {
            // After the first delete the registration is DELETED: the retry is ignored, so no second email.
            assertThat(Planner.plan(remove(T2, LinkState.DELETED),
                    new RegistrationState(link("m1", Origin.MANUAL, LinkState.DELETED, T2, "ada@example.org"), null, null, null),
                    NEW_ID)).isInstanceOf(Plan.Ignore.class);
        }

        @Test
        void aLinkWhosePersonIsGoneIsRecordedAsAbsent() {
            RegistrationState state = new RegistrationState(link("p1", Origin.IDLOOM, LinkState.LINKED, T1, "ada@example.org"),
                    null, null, null);

            assertThat(Planner.plan(remove(T2, LinkState.DELETED), state, NEW_ID))
                    .isEqualTo(new Plan.RecordAbsence(LinkState.DELETED, "not in the app; deleted in idloom"));
        }
    }
}
