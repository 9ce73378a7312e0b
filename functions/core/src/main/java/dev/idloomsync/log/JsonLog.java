package dev.idloomsync.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idloomsync.http.Json;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * Structured log lines, one JSON object each, for Lambda's JSON log format. Callers pass ids and
 * outcomes only: never a name, an email address, an API key or a webhook secret.
 */
public final class JsonLog {
    private static volatile JsonLog standard = new JsonLog(System.out, Clock.systemUTC());

    private final PrintStream out;
    private final Clock clock;

    public JsonLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** The process's log, on standard output unless a test redirected it. */
    public static JsonLog standard() {
        return standard;
    }

    /** Sends the process's log elsewhere (tests read it back). */
    public static void redirect(JsonLog log) {
        standard = log;
    }

    public void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields);
    }

    public void warn(String message, Map<String, ?> fields) {
        write("WARN", message, fields);
    }

    public void error(String message, Map<String, ?> fields) {
        write("ERROR", message, fields);
    }

    private void write(String level, String message, Map<String, ?> fields) {
        ObjectNode line = Json.object();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level);
        line.put("message", message);
        fields.forEach((name, value) -> {
            if (value instanceof Number number) {
                line.put(name, number.longValue());
            } else if (value != null) {
                line.put(name, value.toString());
            }
        });
        out.println(Json.write(line));
    }
}
