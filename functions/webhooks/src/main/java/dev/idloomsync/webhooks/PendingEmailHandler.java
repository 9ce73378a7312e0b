package dev.idloomsync.webhooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.idloomsync.http.Json;
import dev.idloomsync.log.JsonLog;
import dev.idloomsync.notify.Outbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/**
 * Runs on a schedule and sends the owner emails that SES refused when their removal was applied;
 * each is sent once, then deleted.
 */
public final class PendingEmailHandler implements RequestStreamHandler {
    private final Outbox outbox;
    private final Clock clock;

    public PendingEmailHandler() {
        this(WebhookParts.fromEnvironment().outbox(), Clock.systemUTC());
    }

    public PendingEmailHandler(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        Outbox.Result result = outbox.sendDue(clock.instant());
        JsonLog.standard().info("pending owner emails", Map.of("sent", result.sent(), "failed", result.failed()));
        var body = Json.object();
        body.put("sent", result.sent());
        body.put("failed", result.failed());
        Json.MAPPER.writeValue(output, body);
    }
}
