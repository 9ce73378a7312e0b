package dev.idloomsync.testkit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The demo account of {@link FakeIdloom#demo(int)}: one event, its form and three registrations. */
final class FakeIdloomDemo {

    static final String ACCOUNT = "acme-events";
    static final String API_KEY = "demo-key";
    static final String EVENT_UID = "evt-2024-summit";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FakeIdloomDemo() {
    }

    static FakeIdloom seed(FakeIdloom fake) {
        fake.account(ACCOUNT, API_KEY)
                .event(EVENT_UID, "Acme Summit 2024")
                .field(EVENT_UID, "free_field1", "Dietary requirements", "text")
                .field(EVENT_UID, "free_field2", "LinkedIn profile", "text")
                .field(EVENT_UID, "free_field3", "Bio", "textarea")
                .field(EVENT_UID, "free_field4", "Newsletter", "checkbox")
                .category(EVENT_UID, "cat-1", "Attendee")
                .category(EVENT_UID, "cat-2", "Speaker")
                .option(EVENT_UID, "opt-1", "Workshop A")
                .option(EVENT_UID, "opt-2", "Networking dinner")
                .statuses(EVENT_UID, FakeIdloom.DEFAULT_STATUSES);

        ObjectNode jane = attendee("att-1001", "2024-05-02T09:15:00+00:00", "Confirmed", "Paid")
                .put("title", "Ms").put("firstname", "Jane").put("lastname", "Doe")
                .put("email", "jane.doe@globex.example").put("job_title", "Head of Marketing")
                .put("cpy_name", "Globex").put("phone", "+32 2 555 01 23").put("cpy_country", "BE")
                .put("free_field1", "Vegetarian").put("free_field2", "https://www.linkedin.com/in/janedoe")
                .put("free_field3", "Jane leads marketing for Globex's European markets.")
                .put("free_field4", "1");
        category(jane, "cat-1", "Attendee");
        options(jane, "opt-1", "Workshop A");

        ObjectNode samuel = attendee("att-1002", "2024-05-10T14:02:31+00:00", "Confirmed", "Free")
                .put("title", "Dr").put("firstname", "Samuel").put("lastname", "Okafor")
                .put("email", "s.okafor@initech.example").put("job_title", "Chief Data Scientist")
                .put("cpy_name", "Initech").put("mobile_phone", "+44 7700 900123").put("cpy_country", "GB")
                .put("free_field1", "").put("free_field2", "https://www.linkedin.com/in/samuelokafor")
                .put("free_field3", "Samuel builds forecasting models and speaks on applied machine learning.")
                .put("free_field4", 0);
        category(samuel, "cat-2", "Speaker");
        options(samuel, "opt-1", "Workshop A", "opt-2", "Networking dinner");

        // Custom fields inside a `data` object, the other shape idloom sends; and a payment still
        // pending, which the sync must not add.
        ObjectNode marie = attendee("att-1003", "2024-05-12T08:47:10+00:00", "Confirmed", "Waiting for payment")
                .put("title", "Mrs").put("firstname", "Marie").put("lastname", "Dubois")
                .put("email", "marie.dubois@example.be").put("job_title", "Event Coordinator")
                .put("cpy_name", "Wayne Events").put("phone", "+32 4 555 67 89").put("cpy_country", "FR");
        marie.putObject("data").put("free_field1", "Gluten-free").put("free_field4", true);
        category(marie, "cat-1", "Attendee");
        options(marie, "opt-2", "Networking dinner");

        return fake.attendee(EVENT_UID, jane).attendee(EVENT_UID, samuel).attendee(EVENT_UID, marie);
    }

    private static ObjectNode attendee(String uid, String updatedAt, String registrationStatus, String paymentStatus) {
        return NODES.objectNode()
                .put("uid", uid)
                .put("event_uid", EVENT_UID)
                .put("updated_at", updatedAt)
                .put("registration_status", registrationStatus)
                .put("payment_status", paymentStatus);
    }

    private static void category(ObjectNode attendee, String id, String name) {
        attendee.putObject("category").put("id", id).put("name", name);
    }

    private static void options(ObjectNode attendee, String... idsAndNames) {
        var options = attendee.putArray("options");
        for (int i = 0; i < idsAndNames.length; i += 2) {
            options.addObject().put("id", idsAndNames[i]).put("name", idsAndNames[i + 1]);
        }
    }
}
