package dev.idloomsync.webhooks;

import dev.idloomsync.sync.WebhookKind;
import dev.idloomsync.sync.WebhookService;

/**
 * The delete webhook: {@code POST /idloom/{shortcode}/delete?secret=...} with the idloom attendee as body.
 * <pre>curl -X POST "$API/idloom/acme24/delete?secret=$SECRET" -H 'content-type: application/json' -d @attendee.json</pre>
 */
public final class DeleteWebhookHandler extends WebhookHandler {
    public DeleteWebhookHandler() {
        this(WebhookParts.fromEnvironment().service());
    }

    public DeleteWebhookHandler(WebhookService service) {
        super(WebhookKind.DELETE, service);
    }
}
