package dev.idloomsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.idloomsync.idloom.Account;
import dev.idloomsync.idloom.Choice;
import dev.idloomsync.idloom.Event;
import dev.idloomsync.idloom.Form;
import dev.idloomsync.idloom.FormField;
import dev.idloomsync.idloom.IdloomClient;
import dev.idloomsync.idloom.IdloomException;
import dev.idloomsync.idloom.IdloomException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Drives the fake idloom through the real client, as the integration tests and the local runner do. */
class FakeIdloomTest {

    private static final String EVENT = FakeIdloomDemo.EVENT_UID;

    private final List<Duration> sleeps = new ArrayList<>();
    private FakeIdloom idloom;

    @BeforeEach
    void start() {
        idloom = FakeIdloom.demo(0);
    }

    @AfterEach
    void stop() {
        idloom.close();
    }

    private IdloomClient client(String apiKey) {
        return new IdloomClient(idloom.baseUrl(), apiKey, IdloomClient.defaultHttpClient(),
                Duration.ofSeconds(5), 3, sleeps::add);
    }

    @Test
    void listensOnLoopbackUnderApiV4() {
        assertThat(idloom.baseUrl()).isEqualTo("http://127.0.0.1:" + idloom.port() + "/api/v4");
        assertThat(IdloomClient.baseUrl(idloom.baseUrl())).isEqualTo(idloom.baseUrl());
    }

    @Test
    void authWithTheRightKeyNamesTheAccount() {
        assertThat(client("demo-key").auth()).isEqualTo(new Account("acme-events"));
        assertThat(idloom.requests()).singleElement().hasToString("GET /api/v4/other/auth");
    }

    @Test
    void authWithAnotherKeyIsUnauthorized() {
        IdloomException e = catchThrowableOfType(IdloomException.class, () -> client("wrong-key").auth());

        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).doesNotContain("wrong-key");
    }

    @Test
    void findsTheEventOrNothing() {
        IdloomClient client = client("demo-key");

        assertThat(client.findEvent(EVENT)).contains(new Event(EVENT, "Acme Summit 2024"));
        assertThat(client.findEvent("evt-unknown")).isEmpty();
        assertThat(idloom.requests().get(1).param("uid")).isEqualTo("evt-unknown");
    }

    @Test
    void answersTheRegistrationForm() {
        Form form = client("demo-key").form(EVENT);

        assertThat(form.fields()).containsExactly(
                new FormField("free_field1", "Dietary requirements", "text"),
                new FormField("free_field2", "LinkedIn profile", "text"),
                new FormField("free_field3", "Bio", "textarea"),
                new FormField("free_field4", "Newsletter", "checkbox"));
        assertThat(form.categories()).containsExactly(new Choice("cat-1", "Attendee"), new Choice("cat-2", "Speaker"));
        assertThat(form.options()).containsExactly(new Choice("opt-1", "Workshop A"), new Choice("opt-2", "Networking dinner"));
        assertThat(client("demo-key").attendeeStatuses(EVENT)).contains("Confirmed", "Canceled", "Not coming");
    }

    @Test
    void theFormOfAnUnknownEventIsNotFound() {
        IdloomException e = catchThrowableOfType(IdloomException.class, () -> client("demo-key").form("evt-unknown"));

        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void demoAttendeesLookLikeWebhookBodies() {
        JsonNode jane = client("demo-key").findAttendee(EVENT, "att-1001").orElseThrow();

        assertThat(jane.get("email").asText()).isEqualTo("jane.doe@globex.example");
        assertThat(jane.get("event_uid").asText()).isEqualTo(EVENT);
        assertThat(jane.path("category").path("name").asText()).isEqualTo("Attendee");
        assertThat(jane.path("options").get(0).path("id").asText()).isEqualTo("opt-1");
        assertThat(client("demo-key").attendees(EVENT)).extracting(a -> a.get("uid").asText())
                .containsExactly("att-1001", "att-1002", "att-1003");
    }

    @Test
    void aRemovedAttendeeIsNoLongerFound() {
        idloom.removeAttendee(EVENT, "att-1002");

        assertThat(client("demo-key").findAttendee(EVENT, "att-1002")).isEmpty();
        assertThat(client("demo-key").findAttendee(EVENT, "att-1001")).isPresent();
    }

    @Test
    void pagesThroughManyAttendees() {
        idloom.event("evt-big", "Big Conference");
        for (int i = 1; i <= 250; i++) {
            idloom.attendee("evt-big", JsonNodeFactory.instance.objectNode().put("uid", "g" + i).put("lastname", "Guest " + i));
        }

        List<JsonNode> attendees = client("demo-key").attendees("evt-big");

        assertThat(attendees).hasSize(250);
        assertThat(attendees.get(249).get("uid").asText()).isEqualTo("g250");
        assertThat(attendees.get(0).get("event_uid").asText()).isEqualTo("evt-big");
        assertThat(idloom.requests()).extracting(r -> r.param("page")).containsExactly("1", "2", "3");
        assertThat(idloom.requests()).extracting(r -> r.param("page_size")).containsOnly("100");
    }

    @Test
    void answersPagesWithMeta() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(idloom.baseUrl() + "/attendees?event_uid=" + EVENT + "&page=2&page_size=2"))
                        .header("Authorization", "Bearer demo-key").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"att-1003\"").doesNotContain("\"att-1001\"")
                .contains("\"meta\":{\"current_page\":2,\"last_page\":2,\"page_size\":2,\"total\":3}");
    }

    @Test
    void rateLimitIsWaitedOut() {
        idloom.rateLimitNext(2, 1);

        assertThat(client("demo-key").auth().accountName()).isEqualTo("acme-events");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(idloom.requestCount()).isEqualTo(3);
    }

    @Test
    void aLongRateLimitGivesUp() {
        idloom.rateLimitNext(10, 30);

        IdloomException e = catchThrowableOfType(IdloomException.class, () -> client("demo-key").findEvent(EVENT));

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(idloom.requestCount()).isEqualTo(3);
        assertThat(sleeps).containsOnly(IdloomClient.MAX_RETRY_WAIT);
    }

    @Test
    void serverFailuresPassThenAnswersResume() {
        idloom.failNext(1, 503);

        IdloomException e = catchThrowableOfType(IdloomException.class, () -> client("demo-key").auth());

        assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(e.status()).isEqualTo(503);
        assertThat(client("demo-key").auth().accountName()).isEqualTo("acme-events");
    }

    @Test
    void apiAccessOffRefusesEverything() {
        idloom.allowApiAccess(false);

        IdloomException e = catchThrowableOfType(IdloomException.class, () -> client("demo-key").auth());

        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.getMessage()).contains("Allow API access");
        idloom.allowApiAccess(true);
        assertThat(client("demo-key").findEvent(EVENT)).isPresent();
    }

    @Test
    void unknownRoutesAre404() {
        IdloomException e = catchThrowableOfType(IdloomException.class,
                () -> new IdloomClient(idloom.baseUrl() + "/nowhere", "demo-key").auth());

        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("Route not found");
    }

    @Test
    void anEmptyFakeRefusesEveryKey() {
        try (FakeIdloom empty = FakeIdloom.start(0)) {
            IdloomException e = catchThrowableOfType(IdloomException.class,
                    () -> new IdloomClient(empty.baseUrl(), "any").auth());

            assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        }
    }
}
