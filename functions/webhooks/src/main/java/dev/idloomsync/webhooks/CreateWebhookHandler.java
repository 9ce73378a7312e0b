package dev.idloomsync.webhooks;

import dev.idloomsync.sync.WebhookKind;
import dev.idloomsync.sync.WebhookService;

/**
 * The create webhook: {@code POST /idloom/{shortcode}/create?secret=...} with the idloom attendee as body.
 * <pre>curl -X POST "$API/idloom/acme24/create?secret=$SECRET" -H 'content-type: application/json' -d @attendee.json</pre>
 */
public final class CreateWebhookHandler extends WebhookHandler {
    public CreateWebhookHandler() {
        this(WebhookParts.fromEnvironment().service());
    }

    public CreateWebhookHandler(WebhookService service) {
        super(WebhookKind.CREATE, service);
    }
}
