package dev.idloomsync.idloom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idloomsync.idloom.IdloomException.Kind;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IdloomClientTest {

    private static final String KEY = "sk-live-7f3a9c1e";

    private final MockWebServer server = new MockWebServer();
    private final List<Duration> sleeps = new ArrayList<>();
    private IdloomClient client;

    @BeforeEach
    void start() throws IOException {
        server.start();
        client = client(server.url("/api/v4").toString(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private IdloomClient client(String serverSetting, Duration requestTimeout) {
        return new IdloomClient(serverSetting, KEY, IdloomClient.defaultHttpClient(), requestTimeout, 3, sleeps::add);
    }

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code)
                .addHeader("Content-Type", "application/json").body(body).build());
    }

    private RecordedRequest taken() throws InterruptedException {
        return server.takeRequest(1, TimeUnit.SECONDS);
    }

    @Test
    void sendsTheKeyAsBearerAndAsksForJson() throws Exception {
        answer(200, "{\"data\":{\"account_name\":\"acme-events\"},\"meta\":{}}");

        assertThat(client.auth()).isEqualTo(new Account("acme-events"));

        RecordedRequest request = taken();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v4/other/auth");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    }

    @Test
    void keyIsTrimmedOfPastedWhitespace() throws Exception {
        answer(200, "{\"data\":{\"account_name\":\"acme-events\"}}");
        new IdloomClient(server.url("/api/v4").toString(), "  " + KEY + "\n", IdloomClient.defaultHttpClient(),
                Duration.ofSeconds(5), 1, sleeps::add).auth();

        assertThat(taken().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void baseUrlTakesAHostOrAWholeUrl() {
        assertThat(IdloomClient.baseUrl("idloom.events")).isEqualTo("https://idloom.events/api/v4");
        assertThat(IdloomClient.baseUrl(" idloom.events/ ")).isEqualTo("https://idloom.events/api/v4");
        assertThat(IdloomClient.baseUrl(null)).isEqualTo("https://idloom.events/api/v4");
        assertThat(IdloomClient.baseUrl("  ")).isEqualTo("https://idloom.events/api/v4");
        assertThat(IdloomClient.baseUrl("eu.idloom.events")).isEqualTo("https://eu.idloom.events/api/v4");
        assertThat(IdloomClient.baseUrl("http://127.0.0.1:8099/api/v4")).isEqualTo("http://127.0.0.1:8099/api/v4");
        assertThat(IdloomClient.baseUrl("http://127.0.0.1:8099/api/v4/")).isEqualTo("http://127.0.0.1:8099/api/v4");
        assertThat(IdloomClient.baseUrl("http://127.0.0.1:8099")).isEqualTo("http://127.0.0.1:8099/api/v4");
        assertThat(IdloomClient.baseUrl("https://idloom.events/api/v4")).isEqualTo("https://idloom.events/api/v4");
        assertThatThrownBy(() -> IdloomClient.baseUrl("ftp://idloom.events"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://idloom.events");
        assertThatThrownBy(() -> IdloomClient.baseUrl("idloom events"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accountNameIsFoundInAnObjectAListOrBare() {
        answer(200, "{\"data\":[{\"account_name\":\"in-a-list\"}]}");
        answer(200, "{\"account_name\":\"bare\"}");
        answer(200, "{\"data\":{\"account\":{\"name\":\"nested\"}}}");
        answer(200, "{\"data\":{}}");

        assertThat(client.auth().accountName()).isEqualTo("in-a-list");
        assertThat(client.auth().accountName()).isEqualTo("bare");
        assertThat(client.auth().accountName()).isEqualTo("nested");
        assertThatThrownBy(client::auth).isInstanceOfSatisfying(IdloomException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE));
    }

    @Test
    void findsAnEventWhateverItsNameIsCalled() throws Exception {
        answer(200, "{\"data\":[{\"uid\":\"evt 1&x\",\"title\":\"Summit\"}],\"meta\":{\"total\":1}}");
        answer(200, "{\"data\":{\"uid\":\"evt-2\",\"name\":{\"fr\":\"Sommet\",\"en\":\"Summit\"}}}");
        answer(200, "{\"data\":[{\"uid\":\"evt-3\",\"name\":{\"nl\":\"Top\",\"fr\":\"Sommet\"}}]}");

        assertThat(client.findEvent("evt 1&x")).contains(new Event("evt 1&x", "Summit"));
        assertThat(client.findEvent("evt-2")).contains(new Event("evt-2", "Summit"));
        assertThat(client.findEvent("evt-3")).contains(new Event("evt-3", "Top"));

        RecordedRequest first = taken();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/api/v4/events");
        assertThat(first.getUrl().encodedQuery()).isEqualTo("uid=evt+1%26x");
        assertThat(first.getUrl().queryParameter("uid")).isEqualTo("evt 1&x");
    }

    @Test
    void anUnknownEventIsEmpty() {
        answer(200, "{\"data\":[]}");
        answer(200, "{\"data\":null,\"meta\":null}");
        answer(404, "{\"error\":\"Event not found\"}");
        // idloom ignoring the filter and listing other events is no match either.
        answer(200, "{\"data\":[{\"uid\":\"other\",\"title\":\"Other\"}]}");

        assertThat(client.findEvent("nope")).isEmpty();
        assertThat(client.findEvent("nope")).isEmpty();
        assertThat(client.findEvent("nope")).isEmpty();
        assertThat(client.findEvent("nope")).isEmpty();
    }

    @Test
    void findsOneAttendeeAsFlatJson() throws Exception {
        answer(200, "{\"data\":[{\"uid\":1001,\"event_uid\":\"evt-1\",\"firstname\":\"Jane\",\"data\":{\"free_field1\":\"Vegan\"}}]}");
        answer(200, "{\"data\":[]}");

        JsonNode attendee = client.findAttendee("evt-1", "1001").orElseThrow();
        assertThat(attendee.get("firstname").asText()).isEqualTo("Jane");
        assertThat(attendee.path("data").path("free_field1").asText()).isEqualTo("Vegan");
        assertThat(client.findAttendee("evt-1", "gone")).isEmpty();

        RecordedRequest request = taken();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v4/attendees");
        assertThat(request.getUrl().queryParameter("event_uid")).isEqualTo("evt-1");
        assertThat(request.getUrl().queryParameter("guest_uid")).isEqualTo("1001");
        assertThat(request.getUrl().queryParameter("ignore_fields_mapping")).isEqualTo("1");
    }

    @Test
    void readsEveryPageUntilAShortOne() throws Exception {
        answer(200, page(1, 100, "{}"));
        answer(200, page(101, 100, "{}"));
        answer(200, page(201, 30, "{}"));

        List<JsonNode> attendees = client.attendees("evt-1");

        assertThat(attendees).hasSize(230);
        assertThat(attendees.get(229).get("uid").asText()).isEqualTo("230");
        for (int page = 1; page <= 3; page++) {
            RecordedRequest request = taken();
            assertThat(request.getUrl().queryParameter("page")).isEqualTo(Integer.toString(page));
            assertThat(request.getUrl().queryParameter("page_size")).isEqualTo("100");
            assertThat(request.getUrl().queryParameter("event_uid")).isEqualTo("evt-1");
        }
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void stopsWhenMetaSaysItIsTheLastPage() {
        answer(200, page(1, 100, "{\"current_page\":1,\"last_page\":2}"));
        answer(200, page(101, 100, "{\"current_page\":2,\"last_page\":2}"));

        assertThat(client.attendees("evt-1")).hasSize(200);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void understandsOtherPagingShapes() {
        assertThat(IdloomJson.isLastPage(json("{\"meta\":{\"total_pages\":3}}"), 3, 100)).isTrue();
        assertThat(IdloomJson.isLastPage(json("{\"meta\":{\"total_pages\":3}}"), 2, 100)).isFalse();
        assertThat(IdloomJson.isLastPage(json("{\"meta\":{\"pagination\":{\"total_pages\":\"2\",\"current_page\":2}}}"), 2, 100)).isTrue();
        assertThat(IdloomJson.isLastPage(json("{\"pagination\":{\"page\":1,\"total_pages\":1}}"), 1, 100)).isTrue();
        assertThat(IdloomJson.isLastPage(json("{\"meta\":{\"last_page\":true}}"), 1, 100)).isTrue();
        assertThat(IdloomJson.isLastPage(json("{\"meta\":{\"total\":200}}"), 2, 100)).isTrue();
        assertThat(IdloomJson.isLastPage(json("{\"meta\":{\"total\":201}}"), 2, 100)).isFalse();
        assertThat(IdloomJson.isLastPage(json("{\"data\":[]}"), 1, 100)).isFalse();
    }

    @Test
    void stopsWhenTheServerIgnoresThePage() {
        answer(200, page(1, 100, "{}"));
        answer(200, page(1, 100, "{}"));

        assertThat(client.attendees("evt-1")).hasSize(100);
    }

    @Test
    void readsTheFormFromItsThreeRoutes() throws Exception {
        answer(200, "{\"data\":[{\"name\":\"free_field1\",\"label\":{\"fr\":\"Régime\",\"en\":\"Dietary requirements\"},\"type\":\"text\"},"
                + "{\"id\":12,\"field\":\"free_field2\",\"title\":\"LinkedIn\",\"type\":\"text\"},"
                + "{\"id\":13,\"name\":\"Newsletter\",\"key\":\"free_field4\",\"type\":\"checkbox\"},"
                + "{\"label\":\"no id at all\"}]}");
        answer(200, "{\"data\":[{\"id\":1,\"name\":\"Attendee\"},{\"id\":\"cat-2\",\"title\":{\"en\":\"Speaker\"}}]}");
        answer(200, "{\"data\":{\"opt-1\":\"Workshop A\",\"opt-2\":{\"name\":\"Dinner\"}}}");

        Form form = client.form("evt-1");

        assertThat(form.fields()).containsExactly(
                new FormField("free_field1", "Dietary requirements", "text"),
                new FormField("free_field2", "LinkedIn", "text"),
                new FormField("free_field4", "Newsletter", "checkbox"));
        assertThat(form.categories()).containsExactly(new Choice("1", "Attendee"), new Choice("cat-2", "Speaker"));
        assertThat(form.options()).containsExactly(new Choice("opt-1", "Workshop A"), new Choice("opt-2", "Dinner"));
        assertThat(List.of(taken(), taken(), taken())).extracting(r -> r.getUrl().encodedPath())
                .containsExactly("/api/v4/events/fields", "/api/v4/events/categories", "/api/v4/events/options");
    }

    @Test
    void readsStatusesAsTextOrObjects() {
        answer(200, "{\"data\":[\"Pending\",\"Confirmed\"]}");
        answer(200, "{\"data\":[{\"id\":1,\"name\":\"Pending\"},{\"id\":2,\"label\":{\"en\":\"Confirmed\"}}]}");

        assertThat(client.attendeeStatuses("evt-1")).containsExactly("Pending", "Confirmed");
        assertThat(client.attendeeStatuses("evt-1")).containsExactly("Pending", "Confirmed");
    }

    @Test
    void waitsWhatRetryAfterSaysThenSucceeds() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build());
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "60").build());
        answer(200, "{\"data\":{\"account_name\":\"acme-events\"}}");

        assertThat(client.auth().accountName()).isEqualTo("acme-events");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2), IdloomClient.MAX_RETRY_WAIT);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void givesUpAsRateLimitedAfterTheTries() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse.Builder().code(429).build());
        }

        IdloomException e = catchThrowableOfType(IdloomException.class, client::auth);

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("429").contains("3 tries");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void rejectedKeyIsUnauthorizedAndNeverQuoted() {
        answer(401, "{\"error\":\"Invalid token " + KEY + "\"}");
        answer(403, "{\"error\":\"API access disabled\"}");
        answer(422, "{\"error\":\"key " + KEY + " is malformed\"}");

        IdloomException rejected = catchThrowableOfType(IdloomException.class, client::auth);
        IdloomException refused = catchThrowableOfType(IdloomException.class, client::auth);
        IdloomException malformed = catchThrowableOfType(IdloomException.class, client::auth);

        assertThat(rejected.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(rejected.retryable()).isFalse();
        assertThat(rejected.getMessage()).isEqualTo(
                "idloom GET /other/auth on " + client.baseUrl() + " failed: 401 (API key rejected)");
        assertThat(refused.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(refused.getMessage()).contains("403").contains("Allow API access");
        assertThat(malformed.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(malformed.getMessage()).contains("422").contains("is malformed");
        assertThat(List.of(rejected, refused, malformed)).allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }

    @Test
    void aKeyThatCannotBeSentFailsWithoutQuotingIt() {
        IdloomClient bad = new IdloomClient(server.url("/api/v4").toString(), "abc def\r\nX-Evil: 1",
                IdloomClient.defaultHttpClient(), Duration.ofSeconds(1), 1, sleeps::add);
        IdloomClient none = new IdloomClient(server.url("/api/v4").toString(), null);

        assertThatThrownBy(bad::auth).isInstanceOfSatisfying(IdloomException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
            assertThat(e.getMessage()).doesNotContain("abc def");
        });
        assertThatThrownBy(none::auth).hasMessageContaining("no API key");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void serverErrorIsRetryable() {
        answer(500, "{\"message\":\"Internal Server Error\"}");

        IdloomException e = catchThrowableOfType(IdloomException.class, () -> client.attendees("evt-1"));

        assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).startsWith("idloom GET /attendees?event_uid=evt-1&page=1").contains("500");
    }

    @Test
    void notFoundOnAListRouteIsAnError() {
        answer(404, "{\"error\":\"Route not found\"}");

        IdloomException e = catchThrowableOfType(IdloomException.class, () -> client.form("evt-1"));

        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("404 (not found: Route not found)");
    }

    @Test
    void somethingOtherThanJsonIsABadResponse() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<html>Welcome</html>").build());
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "https://www.idloom.com/").build());

        assertThatThrownBy(client::auth).isInstanceOfSatisfying(IdloomException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
            assertThat(e.getMessage()).contains("not JSON").contains("text/html");
        });
        assertThatThrownBy(client::auth).isInstanceOfSatisfying(IdloomException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
            assertThat(e.getMessage()).contains("302").contains("https://www.idloom.com/");
        });
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        IdloomClient closed = client("http://127.0.0.1:" + port + "/api/v4", Duration.ofSeconds(2));

        IdloomException e = catchThrowableOfType(IdloomException.class, closed::auth);

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).startsWith("idloom GET /other/auth on http://127.0.0.1:" + port + "/api/v4 failed: cannot connect")
                .doesNotContain(KEY);
    }

    @Test
    void aSlowAnswerTimesOut() {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(2, TimeUnit.SECONDS).build());
        IdloomClient impatient = client(server.url("/api/v4").toString(), Duration.ofMillis(200));

        IdloomException e = catchThrowableOfType(IdloomException.class, impatient::auth);

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("no answer within 200 ms");
    }

    @Test
    void anUnknownHostIsUnreachable() {
        IdloomClient lost = new IdloomClient("http://no-such-host.invalid/api/v4", KEY,
                HttpClient.newHttpClient(), Duration.ofSeconds(2), 1, sleeps::add);

        IdloomException e = catchThrowableOfType(IdloomException.class, lost::auth);

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).doesNotContain(KEY);
    }

    private static String page(int firstUid, int count, String meta) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < count; i++) {
            items.append(i == 0 ? "" : ",").append("{\"uid\":").append(firstUid + i).append(",\"event_uid\":\"evt-1\"}");
        }
        return "{\"data\":[" + items + "],\"meta\":" + meta + "}";
    }

    private static JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
