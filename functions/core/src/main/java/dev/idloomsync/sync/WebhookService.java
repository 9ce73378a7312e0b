package dev.idloomsync.sync;

import dev.idloomsync.app.AppSetup;
import dev.idloomsync.app.Integration;
import dev.idloomsync.app.LinkedEvent;
import dev.idloomsync.http.ApiRequest;
import dev.idloomsync.idloom.IdloomAccess;
import dev.idloomsync.http.ApiResponse;
import dev.idloomsync.http.Json;
import dev.idloomsync.log.JsonLog;
import dev.idloomsync.notify.Outbox;
import dev.idloomsync.notify.RemovalNotice;
import dev.idloomsync.store.DynamoPeopleStore;
import dev.idloomsync.store.SetupCache;
import dev.idloomsync.store.StoreBusyException;
import dev.idloomsync.store.SyncLog;
import software.amazon.awssdk.core.exception.SdkException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One idloom webhook, from request to response: find the app, check the call, parse the attendee,
 * confirm it with idloom (when the integration asks for it), decide, apply in one transaction, send
 * the owner email it wrote, answer. Every refusal says what
 * to fix, writes nothing to the people list and is kept in the app's sync log.
 */
public final class WebhookService {
    /** Largest body accepted; idloom attendees are a few kilobytes. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private final SetupCache setups;
    private final DynamoPeopleStore people;
    private final SyncLog syncLog;
    private final Outbox outbox;
    private final IdloomAccess idloom;
    private final Clock clock;

    public WebhookService(SetupCache setups, DynamoPeopleStore people, SyncLog syncLog, Outbox outbox,
                          IdloomAccess idloom, Clock clock) {
        this.setups = setups;
        this.people = people;
        this.syncLog = syncLog;
        this.outbox = outbox;
        this.idloom = idloom;
        this.clock = clock;
    }

    public ApiResponse handle(WebhookKind kind, ApiRequest request) {
        Instant receivedAt = clock.instant();
        String shortcode = request.pathParameter("shortcode");
        if (shortcode == null || !AppSetup.SHORTCODE.matcher(shortcode).matches()) {
            return refuse(kind, null, null, 404, "no app has this shortcode",
                    "the webhook URL must be /idloom/{shortcode}/" + kind.wire() + " with the app's shortcode");
        }
        try {
            return handle(kind, shortcode, request, receivedAt);
        } catch (StoreBusyException | SdkException e) {
            JsonLog.standard().error("webhook not applied", Map.of("webhook", kind.wire(), "shortcode", shortcode,
                    "status", 503, "cause", e.getClass().getSimpleName()));
            return ApiResponse.error(503, "the people list could not be updated right now; nothing was applied",
                    "idloom retries the webhook; no action is needed");
        }
    }

    private ApiResponse handle(WebhookKind kind, String shortcode, ApiRequest request, Instant receivedAt) {
        Optional<AppSetup> found = setups.get(shortcode);
        if (found.isEmpty()) {
            return refuse(kind, shortcode, null, 404, "no app has the shortcode '" + shortcode + "'",
                    "the shortcode may have changed after the webhooks were made: copy the three URLs again from "
                            + "GET /apps/{shortcode}/idloom/webhooks into idloom");
        }
        AppSetup setup = found.get();
        if (setup.integration().isEmpty()) {
            return refuse(kind, shortcode, null, 404, "app '" + shortcode + "' has no idloom integration",
                    "set it up with PUT /apps/" + shortcode + "/idloom, then give idloom the URLs of GET /apps/"
                            + shortcode + "/idloom/webhooks");
        }
        Integration integration = setup.integration().get();
        if (!secretMatches(integration.webhookSecret(), request.queryParameter("secret"))) {
            return refuse(kind, shortcode, null, 401, "the webhook secret is missing or wrong",
                    "use the webhook URLs of GET /apps/" + shortcode + "/idloom/webhooks: they carry the secret");
        }
        if (!integration.active()) {
            return refuse(kind, shortcode, null, 409, "the idloom integration of app '" + shortcode + "' is switched off",
                    "switch it on with PUT /apps/" + shortcode + "/idloom/active {\"active\": true}; "
                            + "idloom keeps the webhook and retries it");
        }
        ApiResponse unreadable = unreadableBody(kind, shortcode, request);
        if (unreadable != null) {
            return unreadable;
        }
        Attendee attendee;
        try {
            attendee = AttendeeParser.parse(request.body());
        } catch (BadRequest e) {
            return refuse(kind, shortcode, null, 400, "the body is not a usable idloom attendee: " + e.getMessage(), e.hint());
        }
        Optional<LinkedEvent> event = setup.event(attendee.eventUid());
        if (event.isEmpty()) {
            return refuse(kind, shortcode, attendee, 422,
                    "event '" + attendee.eventUid() + "' is not linked to app '" + shortcode + "'",
                    "link it with PUT /apps/" + shortcode + "/idloom/events/" + attendee.eventUid()
                            + ", or point this event's webhooks at the app it belongs to");
        }
        WebhookKind applyAs = kind;
        if (integration.confirmWithIdloom()) {
            Confirmation.Result confirmed = Confirmation.confirm(kind, attendee,
                    idloom.clientFor(shortcode, integration), shortcode);
            if (confirmed instanceof Confirmation.Unconfirmed unconfirmed) {
                return refuse(kind, shortcode, attendee, unconfirmed.status(), unconfirmed.error(), unconfirmed.hint());
            }
            if (confirmed instanceof Confirmation.Skip skip) {
                syncLog.write(shortcode, new SyncLog.Entry(clock.instant(), kind.wire(), "ignored", 200, skip.reason(),
                        attendee.eventUid(), attendee.uid(), null));
                return answer(kind, shortcode, attendee, new SyncOutcome("ignored", skip.reason(), null, null), false);
            }
            Confirmation.Apply apply = (Confirmation.Apply) confirmed;
            applyAs = apply.kind();
            attendee = apply.attendee();
        }
        Intent intent;
        try {
            intent = Decider.decide(applyAs, shortcode, attendee, event.get(), receivedAt);
        } catch (BadRequest e) {
            return refuse(kind, shortcode, attendee, 400, "the body is not a usable idloom attendee: " + e.getMessage(), e.hint());
        }
        RemovalNotice notice = new RemovalNotice(integration.ownerEmail(), integration.accountName(), event.get().name());
        SyncOutcome outcome = people.apply(kind, intent, notice);
        boolean emailSent = outcome.email() != null && outbox.sendClaimed(outcome.email());
        return answer(kind, shortcode, attendee, outcome, emailSent);
    }

    /** Logs what the webhook did, by ids only, and answers it. */
    private ApiResponse answer(WebhookKind kind, String shortcode, Attendee attendee, SyncOutcome outcome,
                               boolean emailSent) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("webhook", kind.wire());
        fields.put("shortcode", shortcode);
        fields.put("eventUid", attendee.eventUid());
        fields.put("uid", attendee.uid());
        fields.put("status", 200);
        fields.put("action", outcome.action());
        fields.put("personId", outcome.personId());
        if (outcome.email() != null) {
            fields.put("ownerEmail", emailSent ? "sent" : "pending");
        }
        JsonLog.standard().info("webhook " + (outcome.applied() ? "applied" : "ignored"), fields);

        var body = Json.object();
        body.put("outcome", outcome.applied() ? "applied" : "ignored");
        body.put("action", outcome.action());
        body.put("reason", outcome.reason());
        body.put("personId", outcome.personId());
        if (outcome.email() != null) {
            body.put("ownerEmail", emailSent ? "sent" : "pending");
        }
        return ApiResponse.json(200, body);
    }

    private ApiResponse unreadableBody(WebhookKind kind, String shortcode, ApiRequest request) {
        String type = request.header("content-type");
        if (type != null && !type.isBlank()) {
            String mediaType = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!mediaType.contains("json") && !mediaType.equals("text/plain")) {
                return refuse(kind, shortcode, null, 415, "content type '" + mediaType + "' is not JSON",
                        "send the attendee as application/json");
            }
        }
        if (request.body() != null && request.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            return refuse(kind, shortcode, null, 413, "the body is larger than " + MAX_BODY_BYTES / 1024 + " KiB",
                    "an idloom attendee is a few kilobytes: check what is sent to this URL");
        }
        if (!request.bodyIsUtf8()) {
            return refuse(kind, shortcode, null, 400, "the body is not valid UTF-8", "send the attendee as UTF-8 JSON");
        }
        return null;
    }

    /** Compares in constant time, so that the answer's timing does not tell how much of a guess was right. */
    static boolean secretMatches(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private ApiResponse refuse(WebhookKind kind, String shortcode, Attendee attendee, int status, String error, String hint) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("webhook", kind.wire());
        fields.put("shortcode", shortcode);
        fields.put("status", status);
        fields.put("reason", error);
        JsonLog.standard().warn("webhook refused", fields);
        if (shortcode != null) {
            try {
                syncLog.write(shortcode, new SyncLog.Entry(clock.instant(), kind.wire(), "refused", status, error,
                        attendee == null ? null : attendee.eventUid(), attendee == null ? null : attendee.uid(), null));
            } catch (SdkException e) {
                // The refusal still answers; only its log entry is lost.
                JsonLog.standard().warn("sync log not written", Map.of("shortcode", shortcode, "cause", e.getClass().getSimpleName()));
            }
        }
        return ApiResponse.error(status, error, hint);
    }
}
