package dev.idloomsync.testkit;

import dev.idloomsync.http.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A fake idloom API v4 on loopback, answering the routes idloom-sync calls from seeded data,
 * with switches for the faults a real account shows (rate limits, server errors, API access off).
 *
 * <pre>{@code
 * try (FakeIdloom idloom = FakeIdloom.start(0).account("acme-events", "key").event("evt-1", "Summit")) {
 *     new IdloomClient(idloom.baseUrl(), "key").findEvent("evt-1");
 * }
 * }</pre>
 */
public final class FakeIdloom implements AutoCloseable {

    /** The statuses an event answers when none were seeded, as an idloom account shows them. */
    public static final List<String> DEFAULT_STATUSES = List.of(
            "Pending", "Confirmed", "Waiting list", "To contact", "Not coming", "Canceled", "Rejected");

    private static final String API_PATH = "/api/v4";
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One request as the fake received it, for tests that assert which calls were made. */
    public record Request(String method, String path, Map<String, String> query) {

        public Request {
            query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        }

        /** One query parameter, decoded, or null. */
        public String param(String name) {
            return query.get(name);
        }

        @Override
        public String toString() {
            StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
            query.forEach((name, value) -> joined.add(name + "=" + value));
            return method + " " + path + joined;
        }
    }

    private record EventData(String name, Map<String, ObjectNode> fields, Map<String, ObjectNode> categories,
                             Map<String, ObjectNode> options, Map<String, ObjectNode> attendees,
                             List<String> statuses) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Object lock = new Object();
    // Everything below is guarded by `lock`: seeding runs on the test thread, answers on the server's.
    private String accountName;
    private String apiKey;
    private boolean apiAccess = true;
    private final Map<String, EventData> events = new LinkedHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private int rateLimitsLeft;
    private int retryAfterSeconds;
    private int failuresLeft;
    private int failureStatus;

    private FakeIdloom(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts an empty fake on 127.0.0.1; port 0 picks a free port. */
    public static FakeIdloom start(int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake idloom on port " + port, e);
        }
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fake-idloom");
            thread.setDaemon(true);
            return thread;
        });
        FakeIdloom fake = new FakeIdloom(server, executor);
        server.createContext("/", fake::handle);
        server.setExecutor(executor);
        server.start();
        return fake;
    }

    /**
     * Starts a fake seeded with a realistic account: {@code acme-events} (key {@code demo-key}) with
     * the event {@code evt-2024-summit} "Acme Summit 2024", its form and three attendees.
     */
    public static FakeIdloom demo(int port) {
        return FakeIdloomDemo.seed(start(port));
    }

    /** Runs the demo fake until stopped: {@code java ... dev.idloomsync.testkit.FakeIdloom [port]}. */
    public static void main(String[] args) throws InterruptedException {
        FakeIdloom fake = demo(args.length > 0 ? Integer.parseInt(args[0]) : 8099);
        System.out.println("fake idloom at " + fake.baseUrl() + " (account acme-events, API key demo-key)");
        Thread.currentThread().join();
    }

    /** The API base URL to give an integration as its server, e.g. {@code http://127.0.0.1:8099/api/v4}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + API_PATH;
    }

    /** The port the fake listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- seeding

    /** Sets the one account the fake serves and the API key it accepts. */
    public FakeIdloom account(String accountName, String apiKey) {
        synchronized (lock) {
            this.accountName = Objects.requireNonNull(accountName, "accountName");
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        }
        return this;
    }

    /** Adds an event, or renames it when it exists. */
    public FakeIdloom event(String uid, String name) {
        synchronized (lock) {
            EventData existing = events.get(uid);
            events.put(uid, existing == null
                    ? new EventData(name, new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                            new LinkedHashMap<>(), new ArrayList<>(DEFAULT_STATUSES))
                    : new EventData(name, existing.fields(), existing.categories(), existing.options(),
                            existing.attendees(), existing.statuses()));
        }
        return this;
    }

    /** Adds a form field; {@code id} is its native name ({@code free_field3}). */
    public FakeIdloom field(String eventUid, String id, String label, String type) {
        ObjectNode field = NODES.objectNode().put("name", id).put("label", label).put("type", type);
        synchronized (lock) {
            eventData(eventUid).fields().put(id, field);
        }
        return this;
    }

    /** Adds a registration category. */
    public FakeIdloom category(String eventUid, String id, String name) {
        synchronized (lock) {
            eventData(eventUid).categories().put(id, NODES.objectNode().put("id", id).put("name", name));
        }
        return this;
    }

    /** Adds a registration option. */
    public FakeIdloom option(String eventUid, String id, String name) {
        synchronized (lock) {
            eventData(eventUid).options().put(id, NODES.objectNode().put("id", id).put("name", name));
        }
        return this;
    }

    /** Adds or replaces an attendee, keyed by its {@code uid}; {@code event_uid} is filled in when missing. */
    public FakeIdloom attendee(String eventUid, ObjectNode attendee) {
        String uid = attendee.path("uid").asText("");
        if (uid.isBlank()) {
            throw new IllegalArgumentException("an attendee needs a uid: " + attendee);
        }
        ObjectNode copy = attendee.deepCopy();
        if (!copy.hasNonNull("event_uid")) {
            copy.put("event_uid", eventUid);
        }
        synchronized (lock) {
            eventData(eventUid).attendees().put(uid, copy);
        }
        return this;
    }

    /** Removes an attendee, as when it is deleted in idloom. */
    public FakeIdloom removeAttendee(String eventUid, String uid) {
        synchronized (lock) {
            eventData(eventUid).attendees().remove(uid);
        }
        return this;
    }

    /** Replaces the registration statuses of an event. */
    public FakeIdloom statuses(String eventUid, List<String> statuses) {
        synchronized (lock) {
            List<String> list = eventData(eventUid).statuses();
            list.clear();
            list.addAll(statuses);
        }
        return this;
    }

    // ---- faults

    /** The next {@code times} requests get 429 with {@code Retry-After: retryAfterSeconds}. */
    public FakeIdloom rateLimitNext(int times, int retryAfterSeconds) {
        synchronized (lock) {
            this.rateLimitsLeft = times;
            this.retryAfterSeconds = retryAfterSeconds;
        }
        return this;
    }

    /** The next {@code times} requests get {@code status} (500, 503...) with a JSON error. */
    public FakeIdloom failNext(int times, int status) {
        synchronized (lock) {
            this.failuresLeft = times;
            this.failureStatus = status;
        }
        return this;
    }

    /** Off, every request gets 403, as idloom answers when "Allow API access" is off for the account. */
    public FakeIdloom allowApiAccess(boolean allowed) {
        synchronized (lock) {
            this.apiAccess = allowed;
        }
        return this;
    }

    // ---- what was called

    /** How many requests arrived, faulted ones included. */
    public int requestCount() {
        synchronized (lock) {
            return requests.size();
        }
    }

    /** The requests that arrived, oldest first. */
    public List<Request> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /** Forgets the requests seen so far, so a test can count only its own. */
    public void clearRequests() {
        synchronized (lock) {
            requests.clear();
        }
    }

    // ---- answering

    private record Answer(int status, JsonNode body, Map<String, String> headers) {

        static Answer ok(JsonNode body) {
            return new Answer(200, body, Map.of());
        }

        static Answer error(int status, String message) {
            return new Answer(status, NODES.objectNode().put("error", message), Map.of());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    parseQuery(exchange.getRequestURI().getRawQuery()));
            Answer answer;
            try {
                synchronized (lock) {
                    requests.add(request);
                    answer = answer(request, exchange.getRequestHeaders().getFirst("Authorization"));
                }
            } catch (RuntimeException e) {
                // Answer rather than leave the caller waiting for its timeout.
                answer = Answer.error(500, "The fake idloom failed: " + e);
            }
            send(exchange, answer);
        }
    }

    private Answer answer(Request request, String authorization) {
        if (rateLimitsLeft > 0) {
            rateLimitsLeft--;
            return new Answer(429, NODES.objectNode().put("error", "Too Many Attempts."),
                    Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
        }
        if (failuresLeft > 0) {
            failuresLeft--;
            return Answer.error(failureStatus, "Server Error");
        }
        if (!apiAccess) {
            return Answer.error(403, "API access is not allowed for this account.");
        }
        if (apiKey == null) {
            return Answer.error(401, "Unauthenticated: the fake idloom has no account; seed one with account(name, key).");
        }
        if (!("Bearer " + apiKey).equals(authorization)) {
            return Answer.error(401, "Unauthenticated.");
        }
        if (!"GET".equals(request.method())) {
            return Answer.error(405, "Method " + request.method() + " is not supported by this fake.");
        }
        String route = request.path().startsWith(API_PATH) ? request.path().substring(API_PATH.length()) : "";
        return switch (route) {
            case "/other/auth" -> Answer.ok(envelope(NODES.objectNode().put("account_name", accountName)));
            case "/events" -> events(request);
            case "/attendees" -> attendees(request);
            case "/events/fields" -> forEvent(request, event -> list(event.fields().values()));
            case "/events/categories" -> forEvent(request, event -> list(event.categories().values()));
            case "/events/options" -> forEvent(request, event -> list(event.options().values()));
            case "/events/attendees-statuses" -> forEvent(request, event -> {
                ArrayNode statuses = NODES.arrayNode();
                event.statuses().forEach(statuses::add);
                return statuses;
            });
            default -> Answer.error(404, "Route not found: " + request.method() + " " + request.path());
        };
    }

    /** {@code /events?uid=} works like a search: an unknown uid is an empty list, not a 404. */
    private Answer events(Request request) {
        String uid = request.param("uid");
        ArrayNode found = NODES.arrayNode();
        events.forEach((eventUid, event) -> {
            if (uid == null || uid.equals(eventUid)) {
                found.add(NODES.objectNode().put("uid", eventUid).put("name", event.name()));
            }
        });
        return Answer.ok(envelope(found));
    }

    private Answer attendees(Request request) {
        String eventUid = request.param("event_uid");
        String guestUid = request.param("guest_uid");
        if (eventUid == null && guestUid == null) {
            return Answer.error(422, "The event_uid field is required.");
        }
        Integer page = positive(request.param("page"), 1);
        Integer pageSize = positive(request.param("page_size"), DEFAULT_PAGE_SIZE);
        if (page == null || pageSize == null) {
            return Answer.error(422, "page and page_size must be positive whole numbers.");
        }
        List<ObjectNode> matching = new ArrayList<>();
        events.forEach((uid, event) -> {
            if (eventUid == null || eventUid.equals(uid)) {
                event.attendees().values().stream()
                        .filter(attendee -> guestUid == null || guestUid.equals(attendee.path("uid").asText()))
                        .forEach(matching::add);
            }
        });
        int total = matching.size();
        int lastPage = Math.max(1, (total + pageSize - 1) / pageSize);
        int from = (int) Math.min(total, (long) (page - 1) * pageSize);
        ObjectNode body = NODES.objectNode();
        body.set("data", list(matching.subList(from, Math.min(total, from + pageSize))));
        body.putObject("meta").put("current_page", page).put("last_page", lastPage)
                .put("page_size", pageSize).put("total", total);
        return Answer.ok(body);
    }

    private Answer forEvent(Request request, Function<EventData, JsonNode> read) {
        String eventUid = request.param("event_uid");
        if (eventUid == null) {
            return Answer.error(422, "The event_uid field is required.");
        }
        EventData event = events.get(eventUid);
        if (event == null) {
            return Answer.error(404, "Event not found.");
        }
        return Answer.ok(envelope(read.apply(event)));
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(answer.body());
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static ObjectNode envelope(JsonNode data) {
        ObjectNode body = NODES.objectNode();
        body.set("data", data);
        body.putObject("meta");
        return body;
    }

    private static ArrayNode list(Iterable<? extends JsonNode> items) {
        ArrayNode list = NODES.arrayNode();
        items.forEach(item -> list.add(item.deepCopy()));
        return list;
    }

    private static Integer positive(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            return number > 0 ? number : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            query.putIfAbsent(decode(name), decode(value));
        }
        return query;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // a malformed %-escape is kept as sent
        }
    }

    private EventData eventData(String eventUid) {
        EventData event = events.get(eventUid);
        if (event == null) {
            throw new IllegalArgumentException("no event " + eventUid + " in the fake idloom; seed it with event(uid, name) first");
        }
        return event;
    }
}
