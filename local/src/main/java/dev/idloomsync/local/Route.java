package dev.idloomsync.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One HttpApi route of the template, e.g. {@code POST /idloom/{shortcode}/create} of CreateWebhookFunction. */
record Route(String method, String path, String functionId) {

    /** The route key API Gateway puts in the event, e.g. {@code ANY /apps/{shortcode}/{proxy+}}. */
    String routeKey() {
        return method + " " + path;
    }

    List<String> segments() {
        return split(path);
    }

    boolean greedy() {
        return path.endsWith("+}");
    }

    boolean anyMethod() {
        return "ANY".equals(method);
    }

    int literalSegments() {
        return (int) segments().stream().filter(s -> !s.startsWith("{")).count();
    }

    /** The path parameters (decoded) when the request is on this route, else empty. */
    Optional<Map<String, String>> match(String requestMethod, List<String> requestSegments) {
        if (!anyMethod() && !method.equalsIgnoreCase(requestMethod)) {
            return Optional.empty();
        }
        List<String> segments = segments();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (last && segment.endsWith("+}")) {
                if (requestSegments.size() <= i) {
                    return Optional.empty();
                }
                List<String> rest = requestSegments.subList(i, requestSegments.size());
                parameters.put(name(segment), String.join("/", rest.stream().map(Route::decode).toList()));
                return Optional.of(parameters);
            }
            if (i >= requestSegments.size() || requestSegments.get(i).isEmpty()) {
                return Optional.empty();
            }
            String value = requestSegments.get(i);
            if (segment.startsWith("{")) {
                parameters.put(name(segment), decode(value));
            } else if (!segment.equals(value)) {
                return Optional.empty();
            }
        }
        return segments.size() == requestSegments.size() ? Optional.of(parameters) : Optional.empty();
    }

    /** {@code /a/b/} reads as {@code [a, b]}: a trailing slash does not make another segment. */
    static List<String> split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("/", -1));
    }

    private static String name(String segment) {
        return segment.substring(1, segment.length() - 1).replace("+", "");
    }

    // Percent-decoding only: in a path, '+' is a plus sign, not a space.
    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
