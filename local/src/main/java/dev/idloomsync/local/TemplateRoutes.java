package dev.idloomsync.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.idloomsync.testkit.TemplateTables;

/**
 * What {@code template.yaml} says the API is: each {@code AWS::Serverless::Function} with its handler
 * class, its {@code HttpApi} routes and whether it runs on a schedule. Routes are matched as an HTTP
 * API matches them: {@code {name}} takes one path segment, a final {@code {name+}} takes the rest,
 * and the most specific route wins.
 */
record TemplateRoutes(List<Function> functions, List<Route> routes) {

    static final String FUNCTION_TYPE = "AWS::Serverless::Function";

    /** A function of the template; {@code handlerClass} is the Handler without its {@code ::method}. */
    record Function(String logicalId, String handlerClass, int timeoutSeconds, int memoryMb, boolean scheduled) {
    }

    /** The routes a request matched, with the path parameters it gave. */
    record Match(Route route, Map<String, String> pathParameters) {
    }

    static TemplateRoutes read(Path template) {
        JsonNode root = TemplateTables.readTemplate(template);
        JsonNode globals = root.path("Globals").path("Function");
        List<Function> functions = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> resource : root.path("Resources").properties()) {
            if (!FUNCTION_TYPE.equals(resource.getValue().path("Type").asText())) {
                continue;
            }
            String id = resource.getKey();
            JsonNode props = resource.getValue().path("Properties");
            String handler = setting(props, globals, "Handler").asText(null);
            if (handler == null) {
                throw new IllegalStateException("template.yaml: " + id + " has no Handler");
            }
            boolean scheduled = false;
            for (Map.Entry<String, JsonNode> event : props.path("Events").properties()) {
                JsonNode eventProps = event.getValue().path("Properties");
                switch (event.getValue().path("Type").asText()) {
                    case "HttpApi" -> routes.add(new Route(
                            eventProps.path("Method").asText("ANY").toUpperCase(Locale.ROOT),
                            eventProps.path("Path").asText("/{proxy+}"), id));
                    case "Schedule", "ScheduleV2" -> scheduled = true;
                    default -> {
                        // other event sources have no local counterpart
                    }
                }
            }
            functions.add(new Function(id, handler.split("::")[0],
                    setting(props, globals, "Timeout").asInt(3), setting(props, globals, "MemorySize").asInt(128),
                    scheduled));
        }
        routes.sort(Comparator.comparing(Route::greedy)
                .thenComparing(Comparator.comparingInt(Route::literalSegments).reversed())
                .thenComparing(Comparator.comparingInt((Route r) -> r.segments().size()).reversed())
                .thenComparing(Route::anyMethod));
        return new TemplateRoutes(List.copyOf(functions), List.copyOf(routes));
    }

    /** The most specific route for the request, or empty (API Gateway would answer 404). */
    Optional<Match> match(String method, String rawPath) {
        List<String> segments = Route.split(rawPath);
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(method, segments);
            if (parameters.isPresent()) {
                return Optional.of(new Match(route, parameters.get()));
            }
        }
        return Optional.empty();
    }

    Function function(String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }

    private static JsonNode setting(JsonNode props, JsonNode globals, String name) {
        return props.has(name) ? props.path(name) : globals.path(name);
    }
}
