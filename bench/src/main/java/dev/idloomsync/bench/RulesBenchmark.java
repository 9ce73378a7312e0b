package dev.idloomsync.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idloomsync.app.LinkedEvent;
import dev.idloomsync.sync.Attendee;
import dev.idloomsync.sync.AttendeeParser;
import dev.idloomsync.sync.BadRequest;
import dev.idloomsync.sync.Decider;
import dev.idloomsync.sync.Intent;
import dev.idloomsync.sync.WebhookKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The rules alone, without AWS: parse a webhook body into an attendee and decide what it means for
 * the app (AttendeeParser.parse + Decider.decide), per call, for a registration to add (eight
 * mapping rules applied) and for one whose status excludes it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RulesBenchmark {
    private String registered;
    private String cancelled;
    private LinkedEvent event;
    private Instant receivedAt;

    @Setup
    public void setUp() {
        registered = BenchApp.attendee("att-1", "ada@example.com", "2024-05-01T10:00:00Z").toString();
        ObjectNode excluded = BenchApp.attendee("att-2", "bob@example.com", "2024-05-01T10:00:00Z");
        excluded.put("registration_status", "Cancelled");
        cancelled = excluded.toString();
        event = BenchApp.event();
        receivedAt = Instant.parse("2024-05-01T10:00:05Z");
    }

    @Benchmark
    public Intent parseAndDecideUpsert() throws BadRequest {
        Attendee attendee = AttendeeParser.parse(registered);
        return Decider.decide(WebhookKind.CREATE, "bench", attendee, event, receivedAt);
    }

    @Benchmark
    public Intent parseAndDecideExcluded() throws BadRequest {
        Attendee attendee = AttendeeParser.parse(cancelled);
        return Decider.decide(WebhookKind.CREATE, "bench", attendee, event, receivedAt);
    }
}
