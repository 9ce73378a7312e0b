package dev.idloomsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Reads API Gateway proxy events (HTTP API payload 2.0, and REST API 1.0 for good measure) and
 * writes proxy responses, with the one Jackson mapper and no event library.
 */
public final class ApiGatewayEvents {
    private ApiGatewayEvents() {
    }

    public static ApiRequest read(InputStream in) throws IOException {
        return read(Json.MAPPER.readTree(in));
    }

    public static ApiRequest read(JsonNode event) {
        JsonNode context = event.path("requestContext");
        String method = firstText(context.path("http").path("method"), event.path("httpMethod"));
        String path = firstText(event.path("rawPath"), event.path("path"));
        Map<String, String> headers = new HashMap<>();
        event.path("headers").fields().forEachRemaining(e ->
                headers.put(e.getKey().toLowerCase(Locale.ROOT), Json.text(e.getValue())));
        byte[] raw = bodyBytes(event);
        String body = raw == null ? null : decodeUtf8(raw);
        boolean utf8 = raw == null || body != null;
        if (body == null && raw != null) {
            body = new String(raw, StandardCharsets.ISO_8859_1);
        }
        String ip = firstText(context.path("http").path("sourceIp"), context.path("identity").path("sourceIp"));
        String domain = Json.text(context.path("domainName"));
        String stage = Json.text(context.path("stage"));
        String baseUrl = domain == null ? null
                : "https://" + domain + (stage == null || "$default".equals(stage) ? "" : "/" + stage);
        return new ApiRequest(method == null ? "GET" : method.toUpperCase(Locale.ROOT), path == null ? "/" : path,
                stringMap(event.path("pathParameters")), stringMap(event.path("queryStringParameters")),
                headers, body, utf8, ip, baseUrl);
    }

    /**
     * An HTTP API (payload 2.0) event as API Gateway sends it, for the local runner, the priming
     * at checkpoint, tests and the benchmark. The query string is built from {@code query}.
     */
    public static ObjectNode httpApiEvent(String method, String routeKey, String rawPath,
                                          Map<String, String> pathParameters, Map<String, String> query,
                                          Map<String, String> headers, String body) {
        ObjectNode event = Json.object();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", rawPath);
        StringBuilder rawQuery = new StringBuilder();
        query.forEach((name, value) -> rawQuery.append(rawQuery.length() == 0 ? "" : "&").append(name).append('=')
                .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)));
        event.put("rawQueryString", rawQuery.toString());
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach((name, value) -> headerNode.put(name.toLowerCase(Locale.ROOT), value));
        if (!query.isEmpty()) {
            ObjectNode queryNode = event.putObject("queryStringParameters");
            query.forEach(queryNode::put);
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode pathNode = event.putObject("pathParameters");
            pathParameters.forEach(pathNode::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.putObject("http").put("method", method).put("path", rawPath).put("sourceIp", "127.0.0.1");
        context.put("routeKey", routeKey).put("stage", "$default");
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event;
    }

    /**
     * The event of one idloom webhook call, {@code POST /idloom/{shortcode}/{webhook}?secret=...};
     * a null secret or content type is left out.
     */
    public static ObjectNode webhookEvent(String webhook, String shortcode, String secret, String contentType,
                                          String body) {
        return httpApiEvent("POST", "POST /idloom/{shortcode}/" + webhook, "/idloom/" + shortcode + "/" + webhook,
                Map.of("shortcode", shortcode), secret == null ? Map.of() : Map.of("secret", secret),
                contentType == null ? Map.of() : Map.of("content-type", contentType), body);
    }

    public static void write(ApiResponse response, OutputStream out) throws IOException {
        Json.MAPPER.writeValue(out, toEvent(response));
    }

    public static ObjectNode toEvent(ApiResponse response) {
        ObjectNode node = Json.object();
        node.put("statusCode", response.status());
        node.putObject("headers").put("content-type", "application/json");
        node.put("body", response.body());
        node.put("isBase64Encoded", false);
        return node;
    }

    private static byte[] bodyBytes(JsonNode event) {
        String body = Json.text(event.path("body"));
        if (body == null) {
            return null;
        }
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                return body.getBytes(StandardCharsets.UTF_8);
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** Strict UTF-8: null when the bytes are not valid UTF-8, so that the caller can refuse them. */
    public static String decodeUtf8(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey(), Json.text(e.getValue()));
        }
        return map;
    }

    private static String firstText(JsonNode a, JsonNode b) {
        String first = Json.text(a);
        return first != null ? first : Json.text(b);
    }
}
