package dev.idloomsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idloomsync.idloom.IdloomClient;
import dev.idloomsync.idloom.IdloomException;

import java.util.Optional;

/**
 * Confirms a webhook with idloom before it is applied: a create or update applies what idloom's API
 * says about the registration, not what the body says; a delete applies only when idloom no longer
 * has the registration or has it in an excluded status. A forged body can at worst cause a correct
 * re-sync.
 */
public final class Confirmation {
    private Confirmation() {
    }

    /** What to do once idloom has been asked. */
    public sealed interface Result {
    }

    /** Apply this attendee (idloom's own copy) as this kind of webhook. */
    public record Apply(WebhookKind kind, Attendee attendee) implements Result {
    }

    /** Nothing to apply; the reason goes to the sync log. */
    public record Skip(String reason) implements Result {
    }

    /** idloom could not be asked; answer with this status so that idloom retries. */
    public record Unconfirmed(int status, String error, String hint) implements Result {
    }

    public static Result confirm(WebhookKind kind, Attendee claimed, IdloomClient idloom, String shortcode) {
        Optional<JsonNode> found;
        try {
            found = idloom.findAttendee(claimed.eventUid(), claimed.uid());
        } catch (IdloomException e) {
            if (e.kind() == IdloomException.Kind.UNAUTHORIZED) {
                return new Unconfirmed(409, "idloom rejected the integration's API key while confirming the webhook",
                        "save a valid key with PUT /apps/" + shortcode + "/idloom (and check that Allow API access is on "
                                + "in idloom); idloom keeps the webhook and retries it");
            }
            return new Unconfirmed(503, "idloom could not confirm the registration right now (" + e.kind() + ")",
                    "idloom retries the webhook; no action is needed");
        }
        if (found.isEmpty()) {
            if (kind == WebhookKind.DELETE) {
                return new Apply(WebhookKind.DELETE, claimed);
            }
            return new Skip("idloom has no registration " + claimed.uid() + " in event " + claimed.eventUid()
                    + ", so nothing was applied");
        }
        Attendee actual;
        try {
            actual = AttendeeParser.parse(withIdentity(found.get(), claimed));
        } catch (BadRequest e) {
            return new Unconfirmed(503, "idloom's copy of the registration could not be read: " + e.getMessage(),
                    "idloom retries the webhook");
        }
        if (kind == WebhookKind.DELETE) {
            if (StatusPolicy.exclusion(actual).isPresent()) {
                return new Apply(WebhookKind.UPDATE, actual);
            }
            return new Skip("idloom still has registration " + claimed.uid() + " in a status that belongs in the app, "
                    + "so the delete was not applied");
        }
        return new Apply(kind, actual);
    }

    /** idloom's API may leave out the ids it was asked by; the asked ones are the right ones. */
    private static JsonNode withIdentity(JsonNode attendee, Attendee claimed) {
        if (!attendee.isObject()) {
            return attendee;
        }
        ObjectNode copy = ((ObjectNode) attendee).deepCopy();
        if (!copy.hasNonNull("uid")) {
            copy.put("uid", claimed.uid());
        }
        if (!copy.hasNonNull("event_uid")) {
            copy.put("event_uid", claimed.eventUid());
        }
        return copy;
    }
}
