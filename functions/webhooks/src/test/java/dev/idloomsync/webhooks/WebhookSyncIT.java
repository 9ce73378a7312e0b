package dev.idloomsync.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idloomsync.sync.WebhookKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

import static dev.idloomsync.webhooks.SyncTestBed.attendee;
import static dev.idloomsync.webhooks.SyncTestBed.list;
import static dev.idloomsync.webhooks.SyncTestBed.s;
import static org.assertj.core.api.Assertions.assertThat;

/** The sync rules of design.md, end to end: API Gateway events in, DynamoDB and SES out, on moto_server. */
class WebhookSyncIT {
    private static final String T1 = "2024-05-01T10:00:00+02:00";
    private static final String T2 = "2024-05-01T11:00:00+02:00";
    private static final String T3 = "2024-05-01T12:00:00+02:00";

    @Nested
    class Upsert {
        @Test
        void createAddsAPersonWithDefaultAndMappedFieldsInTheDefaultGroup() {
            SyncTestBed bed = new SyncTestBed().withStandardSetup();

            SyncTestBed.Response response = bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text("outcome")).isEqualTo("applied");
            Map<String, AttributeValue> person = bed.onlyPerson();
            assertThat(s(person, "origin")).isEqualTo("idloom");
            assertThat(s(person, "title")).isEqualTo("Dr");
            assertThat(s(person, "firstName")).isEqualTo("Ada");
            assertThat(s(person, "lastName")).isEqualTo("Lovelace");
            assertThat(s(person, "email")).isEqualTo("ada@example.com");
            assertThat(s(person, "jobTitle")).isEqualTo("Engineer");
            assertThat(s(person, "company")).isEqualTo("Analytical Engines");
            assertThat(s(person, "phone")).isEqualTo("+32 2 123 45 67");
            assertThat(s(person, "p:country")).isEqualTo("BE");
            assertThat(s(person, "p:about")).isEqualTo("Writes programs.");
            assertThat(s(person, "c:cf-diet")).isEqualTo("Vegetarian");
            assertThat(s(person, "c:cf-news")).isEqualTo("Yes");
            assertThat(list(person, "groups")).containsExactly("g-attendees");
            assertThat(list(person, "ss:" + SyncTestBed.EVENT + "/att-1")).containsExactly("s-workshop");
            assertThat(list(person, "links")).containsExactly(SyncTestBed.EVENT + "/att-1");
            assertThat(bed.peoplePartition()).containsKey("EMAIL#ada@example.com");
            assertThat(bed.syncLog()).anySatisfy(e -> assertThat(s(e, "outcome")).isEqualTo("applied"));
        }

        @Test
        void withoutADefaultGroupANewPersonGoesToEveryone() {
            SyncTestBed bed = new SyncTestBed().withStandardSetup();
            bed.setups.putEvent(bed.shortcode, new dev.idloomsync.app.LinkedEvent(SyncTestBed.EVENT, "Acme Summit", null, List.of()));

            bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));

            assertThat(list(bed.onlyPerson(), "groups")).containsExactly("everyone");
        }

        @Test
        void theSameBodyTwiceChangesNothingTheSecondTime() {
            SyncTestBed bed = new SyncTestBed().withStandardSetup();
            ObjectNode body = attendee("att-1", "ada@example.com", T1);
            bed.send(WebhookKind.CREATE, body);
            Map<String, Map<String, AttributeValue>> before = bed.peoplePartition();

            SyncTestBed.Response again = bed.send(WebhookKind.CREATE, body);

            assertThat(again.status()).isEqualTo(200);
            assertThat(again.text("outcome")).isEqualTo("ignored");
            assertThat(again.text("reason")).contains("already applied");
            assertThat(bed.peoplePartition()).isEqualTo(before);
        }

        @Test
        void anUpdateBeforeItsCreateIsAnUpsert() {
            SyncTestBed bed = new SyncTestBed().withStandardSetup();

            bed.send(WebhookKind.UPDATE, attendee("att-1", "ada@example.com", T2));
            SyncTestBed.Response lateCreate = bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));

            assertThat(s(bed.onlyPerson(), "firstName")).isEqualTo("Ada");
            assertThat(lateCreate.text("outcome")).isEqualTo("ignored");
        }

        @Test
        void anUpdateChangesTheLinkedPerson() {
            SyncTestBed bed = new SyncTestBed().withStandardSetup();
            bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));
            ObjectNode changed = attendee("att-1", "ada@example.com", T2);
            changed.put("job_title", "Countess");
            changed.putNull("phone");

            bed.send(WebhookKind.UPDATE, changed);

            Map<String, AttributeValue> person = bed.onlyPerson();
            assertThat(s(person, "jobTitle")).isEqualTo("Countess");
            assertThat(person).doesNotContainKey("phone");
        }

        @Test
        void aStaleUpdateIsIgnored() {
            SyncTestBed bed = new SyncTestBed().withStandardSetup();
            ObjectNode newer = attendee("att-1", "ada@example.com", T2);
            newer.put("job_title", "Newer");
            bed.send(WebhookKind.CREATE, newer);
            ObjectNode older = attendee("att-1", "ada@example.com", T1);
            older.put("job_title", "Older");

            SyncTestBed.Response response = bed.send(WebhookKind.UPDATE, older);

            assertThat(response.text("outcome")).isEqualTo("ignored");
            assertThat(response.text("reason")).contains("older than what was applied");
            assertThat(s(bed.onlyPerson(), "jobTitle")).isEqualTo("Newer");
        }

        @Test
        void anEmailChangeMovesTheEmailKey() {
            SyncTestBed bed = new SyncTestBed().withStandardSetup();
            bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));

            bed.send(WebhookKind.UPDATE, attendee("att-1", "Ada.L@Example.com", T2));

            assertThat(s(bed.onlyPerson(), "email")).isEqualTo("Ada.L@Example.com");
            assertThat(bed.peoplePartition()).containsKey("EMAIL#ada.l@example.com").doesNotContainKey("EMAIL#ada@example.com");
        }

        @Test
        void unknownFieldsAreIgnoredAndMissingFieldsTolerated() {
            SyncTestBed bed = new SyncTestBed().withStandardSetup();
            String body = "{\"uid\":\"att-9\",\"event_uid\":\"" + SyncTestBed.EVENT + "\",\"firstname\":\"Min\","
                    + "\"nested_unknown\":{\"a\":[1,2]},\"free_field99\":\"x\",\"email\":null,\"category\":null}";

            SyncTestBed.Response response = bed.send(WebhookKind.CREATE, body);

            assertThat(response.status()).isEqualTo(200);
            Map<String, AttributeValue> person = bed.onlyPerson();
            assertThat(s(person, "firstName")).isEqualTo("Min");
            assertThat(person).doesNotContainKeys("email", "lastName", "c:cf-diet");
            assertThat(bed.peoplePartition().keySet()).noneMatch(k -> k.startsWith("EMAIL#"));
        }

        @ParameterizedTest
        @CsvSource({"1,Yes", "0,No", "'\"1\"',Yes", "'\"0\"',No", "true,Yes", "false,No"})
        void aTickboxRuleTurnsOneAndZeroIntoYesAndNo(String json, String expected) {
            SyncTestBed bed = new SyncTestBed().withStandardSetup();
            String body = "{\"uid\":\"att-1\",\"event_uid\":\"" + SyncTestBed.EVENT + "\",\"free_field4\":" + json
                    + ",\"data\":{\"free_field1\":\"Vegan\"}}";

            bed.send(WebhookKind.CREATE, body);

            Map<String, AttributeValue> person = bed.onlyPerson();
            assertThat(s(person, "c:cf-news")).isEqualTo(expected);
            assertThat(s(person, "c:cf-diet")).isEqualTo("Vegan");
        }
    }

    @Nested
    class Memberships {
        @Test
        void categoriesAndOptionsGiveGroupsAndSessionsThatFollowTheRegistrationWhileHandSetOnesStay() {
            SyncTestBed bed = new SyncTestBed().withStandardSetup();
            String manual = bed.manualPerson("grace@example.com", List.of("g-vip"));
            ObjectNode first = attendee("att-1", "grace@example.com", T1);
            first.putObject("category").put("id", "cat-2").put("name", "Speaker");
            first.putArray("options").add(Map_of("opt-1")).add(Map_of("opt-2"));
            bed.send(WebhookKind.CREATE, first);

            Map<String, AttributeValue> person = bed.item("PEOPLE#" + bed.shortcode, "PERSON#" + manual);
            String link = SyncTestBed.EVENT + "/att-1";
            assertThat(list(person, "sg:" + link)).containsExactly("g-speakers");
            assertThat(list(person, "ss:" + link)).containsExactlyInAnyOrder("s-workshop", "s-dinner");

            ObjectNode second = attendee("att-1", "grace@example.com", T2);
            second.putObject("category").put("id", "cat-1").put("name", "Attendee");
            second.putArray("options").add(Map_of("opt-2"));
            bed.send(WebhookKind.UPDATE, second);

            person = bed.item("PEOPLE#" + bed.shortcode, "PERSON#" + manual);
            assertThat(list(person, "sg:" + link)).isEmpty();
            assertThat(list(person, "ss:" + link)).containsExactly("s-dinner");
            assertThat(list(person, "groups")).containsExactly("g-vip");
        }

        private ObjectNode Map_of(String optionId) {
            ObjectNode option = dev.idloomsync.http.Json.object();
            option.put("id", optionId);
            option.put("name", optionId);
            return option;
        }
    }

    @Nested
    class Exclusion {
        @ParameterizedTest
        @CsvSource({
                "Canceled,Paid", "CANCELLED,Paid", "' cancelled ',Paid", "Rejected,Paid", "Not coming,Paid",
                "not_coming,Paid", "To contact,Paid", "TO-CONTACT,Paid",
                "Registered,Waiting for payment", "Registered,waiting_for_payment", "Registered,Cancelled",
                "Registered,canceled"})
        void anExcludedStatusIsNeverAddedAndRemovesAnExistingPerson(String registration, String payment) {
            SyncTestBed bed = new SyncTestBed().withStandardSetup();
            ObjectNode excluded = attendee("att-new", "new@example.com", T1);
            excluded.put("registration_status", registration);
            excluded.put("payment_status", payment);

            SyncTestBed.Response response = bed.send(WebhookKind.CREATE, excluded);

            assertThat(response.status()).isEqualTo(200);
            assertThat(bed.people()).isEmpty();

            bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));
            assertThat(bed.people()).hasSize(1);
            ObjectNode cancelled = attendee("att-1", "ada@example.com", T2);
            cancelled.put("registration_status", registration);
            cancelled.put("payment_status", payment);

            SyncTestBed.Response removal = bed.send(WebhookKind.UPDATE, cancelled);

            assertThat(removal.text("action")).isEqualTo("removed");
            assertThat(bed.people()).isEmpty();
            assertThat(bed.peoplePartition().keySet()).noneMatch(k -> k.startsWith("EMAIL#"));
        }

        @Test
        void aNewerGoodStatusBringsAnExcludedRegistrationBack() {
            SyncTestBed bed = new SyncTestBed().withStandardSetup();
            bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));
            ObjectNode cancelled = attendee("att-1", "ada@example.com", T2);
            cancelled.put("registration_status", "Cancelled");
            bed.send(WebhookKind.UPDATE, cancelled);

            bed.send(WebhookKind.UPDATE, attendee("att-1", "ada@example.com", T3));

            assertThat(s(bed.onlyPerson(), "email")).isEqualTo("ada@example.com");
        }
    }

    @Nested
    class Removal {
        @Test
        void aDeleteRemovesAPersonMadeByTheSync() {
            SyncTestBed bed = new SyncTestBed().withStandardSetup();
            bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));

            SyncTestBed.Response response = bed.send(WebhookKind.DELETE, attendee("att-1", "ada@example.com", T2));

            assertThat(response.text("action")).isEqualTo("removed");
            assertThat(bed.people()).isEmpty();
            assertThat(bed.peoplePartition()).doesNotContainKey("EMAIL#ada@example.com");
            assertThat(bed.emailsToOwner()).isEmpty();
        }

        @Test
        void anEmailMatchLinksAManualPersonWhoStaysOnDeleteWithExactlyOneEmailToTheOwner() {
            SyncTestBed bed = new SyncTestBed().withStandardSetup();
            String manual = bed.manualPerson("grace@example.com", List.of("g-vip"));

            SyncTestBed.Response created = bed.send(WebhookKind.CREATE, attendee("att-1", "GRACE@example.com", T1));

            assertThat(created.text("action")).isEqualTo("linked");
            assertThat(created.text("personId")).isEqualTo(manual);
            Map<String, AttributeValue> person = bed.onlyPerson();
            assertThat(s(person, "origin")).isEqualTo("manual");
            assertThat(list(person, "links")).containsExactly(SyncTestBed.EVENT + "/att-1");

            ObjectNode deleted = attendee("att-1", "GRACE@example.com", T2);
            SyncTestBed.Response first = bed.send(WebhookKind.DELETE, deleted);
            SyncTestBed.Response retry = bed.send(WebhookKind.DELETE, deleted);
            SyncTestBed.Response retryAgain = bed.send(WebhookKind.DELETE, deleted);

            assertThat(first.text("action")).isEqualTo("unlinked");
            assertThat(first.text("ownerEmail")).isEqualTo("sent");
            assertThat(retry.text("outcome")).isEqualTo("ignored");
            assertThat(retryAgain.text("outcome")).isEqualTo("ignored");
            person = bed.onlyPerson();
            assertThat(s(person, "origin")).isEqualTo("manual");
            assertThat(person).doesNotContainKey("links");
            assertThat(list(person, "groups")).containsExactly("g-vip");
            assertThat(bed.emailsToOwner()).hasSize(1);
            assertThat(bed.emailsToOwner().get(0).body()).contains("Ada", "Lovelace", "GRACE@example.com", "Acme Summit");
            assertThat(bed.pendingEmails()).isEmpty();
        }

        @Test
        void aStaleUpdateAfterADeleteDoesNotBringThePersonBack() {
            SyncTestBed bed = new SyncTestBed().withStandardSetup();
            bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));
            bed.send(WebhookKind.DELETE, attendee("att-1", "ada@example.com", T3));

            SyncTestBed.Response stale = bed.send(WebhookKind.UPDATE, attendee("att-1", "ada@example.com", T2));
            SyncTestBed.Response lateRetry = bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));

            assertThat(stale.text("outcome")).isEqualTo("ignored");
            assertThat(lateRetry.text("outcome")).isEqualTo("ignored");
            assertThat(bed.people()).isEmpty();
        }

        @Test
        void aDeleteBeforeItsCreateKeepsThePersonOut() {
            SyncTestBed bed = new SyncTestBed().withStandardSetup();

            bed.send(WebhookKind.DELETE, attendee("att-1", "ada@example.com", T2));
            bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));

            assertThat(bed.people()).isEmpty();
        }

        @Test
        void anIdloomPersonLinkedToTwoRegistrationsStaysUntilBothAreGone() {
            SyncTestBed bed = new SyncTestBed().withStandardSetup();
            bed.send(WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1));
            bed.send(WebhookKind.CREATE, attendee("att-2", "ada@example.com", T1));
            assertThat(list(bed.onlyPerson(), "links")).hasSize(2);

            bed.send(WebhookKind.DELETE, attendee("att-1", "ada@example.com", T2));
            assertThat(list(bed.onlyPerson(), "links")).containsExactly(SyncTestBed.EVENT + "/att-2");

            bed.send(WebhookKind.DELETE, attendee("att-2", "ada@example.com", T2));
            assertThat(bed.people()).isEmpty();
            assertThat(bed.emailsToOwner()).isEmpty();
        }
    }
}
