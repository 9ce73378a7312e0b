package dev.idloomsync.webhooks;

import dev.idloomsync.sync.WebhookKind;
import dev.idloomsync.sync.WebhookService;

/**
 * The update webhook: {@code POST /idloom/{shortcode}/update?secret=...} with the idloom attendee as body.
 * <pre>curl -X POST "$API/idloom/acme24/update?secret=$SECRET" -H 'content-type: application/json' -d @attendee.json</pre>
 */
public final class UpdateWebhookHandler extends WebhookHandler {
    public UpdateWebhookHandler() {
        this(WebhookParts.fromEnvironment().service());
    }

    public UpdateWebhookHandler(WebhookService service) {
        super(WebhookKind.UPDATE, service);
    }
}
