package dev.idloomsync.admin;

import dev.idloomsync.http.ApiRequest;
import dev.idloomsync.http.ApiResponse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin API's route table: a method and a path pattern such as
 * {@code /apps/{shortcode}/groups} to the code that answers. Paths are matched segment by segment
 * on the request's raw path, from its {@code /apps} segment on, so that a stage prefix does not matter.
 */
final class Routes {

    /** The code behind one route. */
    @FunctionalInterface
    interface Action {
        ApiResponse answer(Call call);
    }

    /** A matched request: the request and the path's named segments, decoded. */
    record Call(ApiRequest request, String route, Map<String, String> params) {
        String param(String name) {
            return params.get(name);
        }

        String shortcode() {
            return params.get("shortcode");
        }
    }

    private record Route(String method, String pattern, List<String> segments, Action action) {
    }

    /** What matching found: the call to run, or the methods the path allows. */
    record Match(Call call, Action action, Set<String> allowed) {
    }

    private final List<Route> routes = new ArrayList<>();

    Routes add(String method, String pattern, Action action) {
        routes.add(new Route(method, pattern, segments(pattern), action));
        return this;
    }

    /** The route for this request, or null with the methods its path allows (none: unknown path). */
    Match match(ApiRequest request) {
        List<String> path = segments(fromApps(request.path()));
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = params(route.segments(), path);
            if (params == null) {
                continue;
            }
            if (route.method().equals(request.method())) {
                return new Match(new Call(request, route.method() + " " + route.pattern(), params), route.action(), allowed);
            }
            allowed.add(route.method());
        }
        return new Match(null, null, allowed);
    }

    private static String fromApps(String path) {
        int apps = path.indexOf("/apps/");
        if (apps > 0) {
            return path.substring(apps);
        }
        return path.endsWith("/apps") ? "/apps" : path;
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private static Map<String, String> params(List<String> pattern, List<String> path) {
        if (pattern.size() != path.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            String actual = path.get(i);
            if (expected.startsWith("{")) {
                params.put(expected.substring(1, expected.length() - 1), decode(actual));
            } else if (!expected.equals(actual)) {
                return null;
            }
        }
        return params;
    }

    /** Percent-decoding for a path segment ({@code +} stays a plus, unlike in a query). */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < segment.length()) {
            if (segment.charAt(i) == '%' && i + 2 < segment.length()
                    && Character.digit(segment.charAt(i + 1), 16) >= 0 && Character.digit(segment.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int codePoint = segment.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return segment;
        }
    }
}
