package dev.idloomsync.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import dev.idloomsync.http.ApiGatewayEvents;
import dev.idloomsync.http.Json;

/**
 * What API Gateway does between an HTTP client and a Lambda, on a laptop: finds the template's
 * route, turns the request into an HTTP API payload 2.0 event, calls the function's handler and
 * turns its proxy response back into HTTP. No route: 404, as the real API answers.
 */
final class LambdaHttpBridge implements HttpHandler {
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final TemplateRoutes template;
    private final Map<String, RequestStreamHandler> handlers;
    private final String domainName;

    /**
     * @param handlers the handler of each function, by logical id
     * @param domainName the host and port the API is served on, e.g. {@code 127.0.0.1:3000}
     */
    LambdaHttpBridge(TemplateRoutes template, Map<String, RequestStreamHandler> handlers, String domainName) {
        this.template = template;
        this.handlers = handlers;
        this.domainName = domainName;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            URI uri = exchange.getRequestURI();
            Optional<TemplateRoutes.Match> match = template.match(method, uri.getRawPath());
            if (match.isEmpty()) {
                send(exchange, new Answer(404, Map.of("content-type", List.of("application/json")),
                        bytes(error("No route for " + method + " " + uri.getRawPath(),
                                "The routes are those of template.yaml: " + routeKeys()))));
                return;
            }
            Route route = match.get().route();
            TemplateRoutes.Function function = template.function(route.functionId());
            String requestId = UUID.randomUUID().toString();
            ObjectNode event = requestEvent(route, match.get().pathParameters(), method, uri,
                    exchange.getRequestHeaders(), body, exchange.getRemoteAddress().getAddress().getHostAddress(),
                    requestId);
            send(exchange, invoke(function, event, requestId));
        }
    }

    /** The HTTP API payload 2.0 event API Gateway would hand the function. */
    ObjectNode requestEvent(Route route, Map<String, String> pathParameters, String method, URI uri,
                            Map<String, List<String>> headers, byte[] body, String sourceIp, String requestId) {
        Instant now = Instant.now();
        ObjectNode event = Json.object();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", uri.getRawPath());
        event.put("rawQueryString", uri.getRawQuery() == null ? "" : uri.getRawQuery());

        ObjectNode headerNode = event.putObject("headers");
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("cookie")) {
                headerNode.put(lower, String.join(",", values));
            }
        });
        List<String> cookies = cookies(headers);
        if (!cookies.isEmpty()) {
            cookies.forEach(event.putArray("cookies")::add);
        }
        Map<String, String> query = queryParameters(uri.getRawQuery());
        if (!query.isEmpty()) {
            query.forEach(event.putObject("queryStringParameters")::put);
        }
        if (!pathParameters.isEmpty()) {
            pathParameters.forEach(event.putObject("pathParameters")::put);
        }

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", domainName);
        context.put("domainPrefix", domainName.split("[.:]")[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", uri.getRawPath());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", sourceIp);
        http.put("userAgent", headerNode.path("user-agent").asText(""));
        context.put("requestId", requestId);
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());

        if (body.length > 0) {
            String text = ApiGatewayEvents.decodeUtf8(body);
            event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", text == null);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private Answer invoke(TemplateRoutes.Function function, ObjectNode event, String requestId) {
        RequestStreamHandler handler = handlers.get(function.logicalId());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(bytes(event)), out,
                    new LocalContext(function, requestId));
        } catch (IOException | RuntimeException e) {
            // As in Lambda: the error goes to the function's log, the client gets a bare 500.
            System.err.println(function.logicalId() + " failed on request " + requestId + ": " + e);
            e.printStackTrace();
            return new Answer(500, Map.of("content-type", List.of("application/json")),
                    bytes(error("Internal Server Error", function.logicalId() + " failed: see the runner's output")));
        }
        return answer(out.toByteArray());
    }

    /**
     * The HTTP answer for a function's output: a proxy response ({@code statusCode}, {@code headers},
     * {@code multiValueHeaders}, {@code cookies}, {@code body}, {@code isBase64Encoded}), or, as payload
     * 2.0 allows, any other JSON, which is answered as a 200 with that JSON as body.
     */
    static Answer answer(byte[] output) {
        JsonNode response;
        try {
            response = Json.MAPPER.readTree(output);
        } catch (IOException e) {
            response = null;
        }
        if (response == null || !response.isObject() || !response.has("statusCode")) {
            return new Answer(200, Map.of("content-type", List.of("application/json")), output);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.path("headers").properties().forEach(h ->
                headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue().asText()));
        response.path("multiValueHeaders").properties().forEach(h -> h.getValue().forEach(value ->
                headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value.asText())));
        response.path("cookies").forEach(cookie ->
                headers.computeIfAbsent("set-cookie", k -> new ArrayList<>()).add(cookie.asText()));
        String body = Json.text(response.path("body"));
        byte[] bytes = body == null ? new byte[0]
                : response.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        return new Answer(response.path("statusCode").asInt(200), headers, bytes);
    }

    /** An HTTP answer: status, headers (lower-case names) and body. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        boolean noBody = answer.body().length == 0 || answer.status() == 204 || answer.status() == 304
                || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(answer.status(), noBody ? -1 : answer.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private String routeKeys() {
        return String.join(", ", template.routes().stream().map(Route::routeKey).toList());
    }

    private static ObjectNode error(String error, String hint) {
        ObjectNode node = Json.object();
        node.put("error", error);
        node.put("hint", hint);
        return node;
    }

    // Like API Gateway: decoded names and values, repeated names joined with a comma.
    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.merge(name, value, (first, next) -> first + "," + next);
        }
        return parameters;
    }

    private static List<String> cookies(Map<String, List<String>> headers) {
        List<String> cookies = new ArrayList<>();
        headers.forEach((name, values) -> {
            if (name.equalsIgnoreCase("cookie")) {
                values.forEach(value -> {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.strip());
                        }
                    }
                });
            }
        });
        return cookies;
    }

    private static byte[] bytes(JsonNode node) {
        return Json.write(node).getBytes(StandardCharsets.UTF_8);
    }
}
