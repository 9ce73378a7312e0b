package dev.idloomsync.idloom;

import dev.idloomsync.http.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.idloomsync.idloom.IdloomException.Kind;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Reads the idloom API v4: the account behind a key, events, registration forms and attendees.
 *
 * <p>Plain {@code java.net.http} and Jackson, so that it adds nothing to a Lambda's cold start.
 * Every failure is an {@link IdloomException} whose message names the call and never the key.
 */
public final class IdloomClient {

    /** The server used when an integration names none. */
    public static final String DEFAULT_SERVER = "idloom.events";
    /** How many attendees one page asks for. */
    public static final int PAGE_SIZE = 100;
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Tries per call when idloom answers 429, the first one included. */
    public static final int DEFAULT_MAX_TRIES = 3;
    /** Longest wait between two tries, whatever Retry-After asks, so a webhook stays within its time. */
    public static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(5);

    private static final String API_PATH = "/api/v4";
    private static final Duration WAIT_WITHOUT_RETRY_AFTER = Duration.ofSeconds(1);
    // A guard against a server that ignores `page` and never sends a short page.
    private static final int MAX_PAGES = 10_000;
    private static final Pattern HEADER_SAFE = Pattern.compile("[\\x21-\\x7E]+");
    private static final ObjectMapper JSON = Json.MAPPER;

    /** Waits between two tries; tests hand in one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        /** Waits for {@code duration}. */
        void sleep(Duration duration) throws InterruptedException;
    }

    private final String baseUrl;
    private final String apiKey;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final int maxTries;
    private final Sleeper sleeper;

    /** A client with the default timeouts and tries, sharing one HTTP client per JVM. */
    public IdloomClient(String server, String apiKey) {
        this(server, apiKey, defaultHttpClient(), DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_TRIES,
                duration -> Thread.sleep(duration.toMillis()));
    }

    /** A client with its own HTTP client, request timeout, tries per call (at least 1) and sleeper. */
    public IdloomClient(String server, String apiKey, HttpClient http, Duration requestTimeout,
                        int maxTries, Sleeper sleeper) {
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries must be at least 1, was " + maxTries);
        }
        this.baseUrl = baseUrl(server);
        // Keys are often pasted with a stray space or newline around them.
        this.apiKey = apiKey == null ? "" : apiKey.strip();
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.maxTries = maxTries;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * The API base URL for an integration's server setting: a host ({@code idloom.events}) means
     * {@code https://idloom.events/api/v4}; a URL is kept as given ({@code http://127.0.0.1:8099/api/v4}),
     * with {@code /api/v4} added when it has no path; null or blank means {@value #DEFAULT_SERVER}.
     */
    public static String baseUrl(String server) {
        String url = server == null || server.isBlank() ? DEFAULT_SERVER : server.strip();
        if (!url.contains("://")) {
            url = "https://" + url;
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(badServer(server));
        }
        boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
        if (!web || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(badServer(server));
        }
        return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? url + API_PATH : url;
    }

    /** The HTTP client shared by clients built with the short constructor. */
    public static HttpClient defaultHttpClient() {
        return SharedHttp.CLIENT;
    }

    /** The API base URL this client calls. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The account the API key belongs to; checks the key. */
    public Account auth() {
        String call = "/other/auth";
        JsonNode root = get(call, Map.of());
        JsonNode data = IdloomJson.data(root);
        List<JsonNode> places = new ArrayList<>(IdloomJson.items(data));
        places.add(root);
        for (JsonNode place : places) {
            String name = IdloomJson.firstLabel(place, "account_name");
            if (name == null && place.path("account").isObject()) {
                name = IdloomJson.firstLabel(place.get("account"), "account_name", "name");
            }
            if (name != null) {
                return new Account(name);
            }
        }
        throw failure(Kind.BAD_RESPONSE, 200, call, "200 (the answer has no account_name)", null);
    }

    /** The event with this UID, or empty when idloom does not know it. */
    public Optional<Event> findEvent(String eventUid) {
        requireText(eventUid, "eventUid");
        List<JsonNode> items;
        try {
            items = IdloomJson.items(IdloomJson.data(get("/events", params("uid", eventUid))));
        } catch (IdloomException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        return matching(items, eventUid, "uid", "event_uid")
                .map(event -> new Event(eventUid, IdloomJson.firstLabel(event, "title", "name", "event_name")));
    }

    /** One attendee of an event as idloom's flat JSON (native field names), or empty when unknown. */
    public Optional<JsonNode> findAttendee(String eventUid, String guestUid) {
        requireText(eventUid, "eventUid");
        requireText(guestUid, "guestUid");
        Map<String, String> params = params("event_uid", eventUid);
        params.put("guest_uid", guestUid);
        params.put("ignore_fields_mapping", "1");
        try {
            return matching(IdloomJson.items(IdloomJson.data(get("/attendees", params))), guestUid, "uid", "guest_uid");
        } catch (IdloomException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every attendee of an event, all pages read, in idloom's order. */
    public List<JsonNode> attendees(String eventUid) {
        requireText(eventUid, "eventUid");
        List<JsonNode> all = new ArrayList<>();
        JsonNode previousFirst = null;
        for (int page = 1; page <= MAX_PAGES; page++) {
            Map<String, String> params = params("event_uid", eventUid);
            params.put("page", Integer.toString(page));
            params.put("page_size", Integer.toString(PAGE_SIZE));
            params.put("ignore_fields_mapping", "1");
            JsonNode root = get("/attendees", params);
            List<JsonNode> items = IdloomJson.items(IdloomJson.data(root));
            // A server that ignores `page` sends the first page again: stop rather than loop.
            if (items.isEmpty() || items.get(0).equals(previousFirst)) {
                return all;
            }
            all.addAll(items);
            if (items.size() < PAGE_SIZE || IdloomJson.isLastPage(root, page, PAGE_SIZE)) {
                return all;
            }
            previousFirst = items.get(0);
        }
        throw failure(Kind.BAD_RESPONSE, 200, "/attendees?event_uid=" + encode(eventUid),
                "200 (still more pages after " + MAX_PAGES + ")", null);
    }

    /** The registration form of an event: its fields, categories and options. */
    public Form form(String eventUid) {
        requireText(eventUid, "eventUid");
        Map<String, String> params = params("event_uid", eventUid);
        List<FormField> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : keyed(IdloomJson.data(get("/events/fields", params)), "name", "field", "key", "id", "label")) {
            FormField field = formField(entry.getKey(), entry.getValue());
            if (field != null) {
                fields.add(field);
            }
        }
        return new Form(fields, choices("/events/categories", params), choices("/events/options", params));
    }

    /** The registration statuses idloom offers for an event. */
    public List<String> attendeeStatuses(String eventUid) {
        requireText(eventUid, "eventUid");
        JsonNode data = IdloomJson.data(get("/events/attendees-statuses", params("event_uid", eventUid)));
        List<String> statuses = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : keyed(data, "name", "label", "title", "status", "value", "id")) {
            JsonNode status = entry.getValue();
            String name = status.isObject()
                    ? IdloomJson.firstLabel(status, "name", "label", "title", "status", "value", "id")
                    : IdloomJson.label(status);
            if (name != null && !statuses.contains(name)) {
                statuses.add(name);
            }
        }
        return statuses;
    }

    // ---- reading answers

    private List<Choice> choices(String path, Map<String, String> params) {
        List<Choice> choices = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : keyed(IdloomJson.data(get(path, params)), "id", "uid", "name", "title")) {
            JsonNode choice = entry.getValue();
            String id = choice.isObject() ? IdloomJson.firstText(choice, "id", "uid", "key") : entry.getKey();
            String name = choice.isObject() ? IdloomJson.firstLabel(choice, "name", "title", "label") : IdloomJson.label(choice);
            if (id == null) {
                id = entry.getKey();
            }
            if (id != null) {
                choices.add(new Choice(id, name != null ? name : id));
            }
        }
        return choices;
    }

    private static FormField formField(String key, JsonNode field) {
        if (!field.isObject()) {
            // Shape {"free_field1": "Dietary requirements"}.
            return key == null ? null : new FormField(key, Objects.requireNonNullElse(IdloomJson.label(field), key), null);
        }
        String idMember = IdloomJson.nativeNameMember(field);
        String id = idMember != null ? IdloomJson.text(field.get(idMember)) : key;
        if (id == null) {
            return null;
        }
        String label = IdloomJson.firstLabel(field, "label", "title");
        if (label == null && !"name".equals(idMember)) {
            label = IdloomJson.label(field.get("name"));
        }
        String type = IdloomJson.firstText(field, "type", "field_type");
        return new FormField(id, label != null ? label : id, type);
    }

    /**
     * The entries of a list answer with their keys: items of a list (key null), or the members of
     * an object keyed by id ({@code {"cat-1": "Attendee"}}) when it is not itself one item, which
     * is recognised by one of {@code itemMembers}.
     */
    private static List<Map.Entry<String, JsonNode>> keyed(JsonNode data, String... itemMembers) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        boolean oneItem = data.isObject() && List.of(itemMembers).stream().anyMatch(data::has);
        boolean wrappedList = data.isObject() && List.of("items", "results", "records").stream().anyMatch(n -> data.path(n).isArray());
        if (data.isObject() && !oneItem && !wrappedList) {
            data.properties().forEach(entries::add);
            return entries;
        }
        for (JsonNode item : IdloomJson.items(data)) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(null, item));
        }
        return entries;
    }

    /**
     * The item whose id member equals {@code uid}. When no item carries an id at all the first
     * one is taken, as idloom already filtered on it; when items carry other ids, idloom ignored
     * the filter and the answer is empty.
     */
    private static Optional<JsonNode> matching(List<JsonNode> items, String uid, String... idMembers) {
        boolean anyId = false;
        for (JsonNode item : items) {
            String id = IdloomJson.firstText(item, idMembers);
            if (uid.equals(id)) {
                return Optional.of(item);
            }
            anyId |= id != null;
        }
        return anyId || items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
    }

    // ---- HTTP

    /** GETs {@code path} with {@code params}, trying again on 429, and returns the parsed answer. */
    private JsonNode get(String path, Map<String, String> params) {
        String target = path + query(params);
        HttpRequest request = request(target);
        for (int tryNumber = 1; ; tryNumber++) {
            HttpResponse<String> response = send(target, request);
            int status = response.statusCode();
            if (status == 429 && tryNumber < maxTries) {
                pause(target, retryAfter(response));
                continue;
            }
            if (status == 429) {
                throw failure(Kind.RATE_LIMITED, status, target,
                        "429 (rate limited, gave up after " + maxTries + (maxTries == 1 ? " try)" : " tries)"), null);
            }
            return parse(target, response);
        }
    }

    private HttpRequest request(String target) {
        if (apiKey.isEmpty()) {
            throw failure(Kind.UNAUTHORIZED, 0, target, "no API key is set", null);
        }
        if (!HEADER_SAFE.matcher(apiKey).matches()) {
            // Checked here because HttpRequest would reject it with a message quoting the key.
            throw failure(Kind.UNAUTHORIZED, 0, target, "the API key contains spaces or characters that cannot be sent", null);
        }
        return HttpRequest.newBuilder(URI.create(baseUrl + target))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json")
                .header("User-Agent", "idloom-sync")
                .GET()
                .build();
    }

    private HttpResponse<String> send(String target, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw failure(Kind.UNREACHABLE, 0, target, "no connection within the connect timeout", e);
        } catch (HttpTimeoutException e) {
            throw failure(Kind.UNREACHABLE, 0, target, "no answer within " + describe(requestTimeout), e);
        } catch (IOException e) {
            throw failure(Kind.UNREACHABLE, 0, target, unreachableReason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(Kind.UNREACHABLE, 0, target, "interrupted while waiting for the answer", e);
        }
    }

    private void pause(String target, Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(Kind.RATE_LIMITED, 429, target, "429 (interrupted while waiting to try again)", e);
        }
    }

    private JsonNode parse(String target, HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            if (body.isBlank()) {
                return NullNode.getInstance();
            }
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                String type = response.headers().firstValue("Content-Type").orElse("no Content-Type");
                throw failure(Kind.BAD_RESPONSE, status, target, status + " (the answer is not JSON: " + type + ")", null);
            }
        }
        String detail = errorDetail(body);
        if (status == 401) {
            throw failure(Kind.UNAUTHORIZED, status, target, "401 (API key rejected)", null);
        }
        if (status == 403) {
            throw failure(Kind.UNAUTHORIZED, status, target,
                    "403 (access refused: check the API key and that \"Allow API access\" is on in the idloom account)", null);
        }
        if (status == 404) {
            throw failure(Kind.NOT_FOUND, status, target, "404 (not found" + detail + ")", null);
        }
        if (status >= 500) {
            throw failure(Kind.SERVER_ERROR, status, target, status + " (idloom server error" + detail + ")", null);
        }
        if (status >= 300 && status < 400) {
            String location = response.headers().firstValue("Location").orElse("elsewhere");
            throw failure(Kind.BAD_RESPONSE, status, target,
                    status + " (redirected to " + location + "; set the server to the address it points to)", null);
        }
        throw failure(Kind.BAD_RESPONSE, status, target, status + " (idloom refused the request" + detail + ")", null);
    }

    /** The wait Retry-After asks for, in seconds, capped; a date or nothing means a short default. */
    private static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse("").strip();
        Duration wait;
        try {
            wait = Duration.ofMillis(Math.round(Math.max(0, Double.parseDouble(value)) * 1000));
        } catch (NumberFormatException e) {
            wait = WAIT_WITHOUT_RETRY_AFTER;
        }
        return wait.compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : wait;
    }

    /** idloom's own reason from an error body, as {@code ": reason"}, or nothing. */
    private static String errorDetail(String body) {
        if (body.isBlank()) {
            return "";
        }
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root.path("error");
            String reason = error.isObject()
                    ? IdloomJson.firstLabel(error, "message", "description")
                    : IdloomJson.firstLabel(root, "error", "message", "detail");
            if (reason == null && root.path("errors").isArray() && !root.get("errors").isEmpty()) {
                reason = IdloomJson.label(root.get("errors").get(0));
            }
            if (reason == null) {
                return "";
            }
            return ": " + (reason.length() > 200 ? reason.substring(0, 200) + "..." : reason);
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private static String unreachableReason(IOException e) {
        String message = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host";
            }
            if (message == null && cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
        }
        String what = e instanceof ConnectException ? "cannot connect" : "connection failed";
        return what + " (" + (message != null ? message : e.getClass().getSimpleName()) + ")";
    }

    private IdloomException failure(Kind kind, int status, String target, String reason, Throwable cause) {
        String message = "idloom GET " + target + " on " + baseUrl + " failed: " + reason;
        // Reasons may quote idloom's answer; a key echoed there must not reach a log.
        if (apiKey.length() >= 4) {
            message = message.replace(apiKey, "***");
        }
        return new IdloomException(kind, status, message, cause);
    }

    private static Map<String, String> params(String name, String value) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(name, value);
        return params;
    }

    private static String query(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringJoiner query = new StringJoiner("&", "?", "");
        params.forEach((name, value) -> query.add(encode(name) + "=" + encode(value)));
        return query.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String badServer(String server) {
        return "idloom server '" + server + "' is neither a host (idloom.events) nor an http(s) URL"
                + " (http://127.0.0.1:8099/api/v4)";
    }

    /** Built on first use: one HTTP client (and its selector thread) per JVM, reused across invocations. */
    private static final class SharedHttp {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                // Never follow: a redirect would carry the bearer key to wherever it points.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
