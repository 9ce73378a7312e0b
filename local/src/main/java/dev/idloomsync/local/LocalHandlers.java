package dev.idloomsync.local;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import dev.idloomsync.admin.AdminHandler;
import dev.idloomsync.admin.AdminService;
import dev.idloomsync.webhooks.CreateWebhookHandler;
import dev.idloomsync.webhooks.DeleteWebhookHandler;
import dev.idloomsync.webhooks.PendingEmailHandler;
import dev.idloomsync.webhooks.UpdateWebhookHandler;
import dev.idloomsync.webhooks.WebhookParts;

/**
 * Builds the handler class a template function names, through the constructor that takes its
 * parts: the no-argument one a Lambda uses reads the environment, which a runner cannot set.
 * Every handler class of the template must be listed here; the runner refuses to start otherwise.
 */
final class LocalHandlers {
    private final Map<String, Supplier<RequestStreamHandler>> byClass = new LinkedHashMap<>();

    LocalHandlers(WebhookParts webhooks, AdminService admin, Clock clock) {
        add(CreateWebhookHandler.class, () -> new CreateWebhookHandler(webhooks.service()));
        add(UpdateWebhookHandler.class, () -> new UpdateWebhookHandler(webhooks.service()));
        add(DeleteWebhookHandler.class, () -> new DeleteWebhookHandler(webhooks.service()));
        add(PendingEmailHandler.class, () -> new PendingEmailHandler(webhooks.outbox(), clock));
        add(AdminHandler.class, () -> new AdminHandler(admin));
    }

    /** One instance per function, shared by every request as a warm Lambda shares it. */
    Map<String, RequestStreamHandler> forFunctions(TemplateRoutes template) {
        Map<String, RequestStreamHandler> handlers = new LinkedHashMap<>();
        for (TemplateRoutes.Function function : template.functions()) {
            Supplier<RequestStreamHandler> factory = byClass.get(function.handlerClass());
            if (factory == null) {
                throw new IllegalStateException("template.yaml: " + function.logicalId() + " has the handler "
                        + function.handlerClass() + ", which the local runner cannot build. Add it to "
                        + LocalHandlers.class.getName() + " (known: " + byClass.keySet() + ").");
            }
            handlers.put(function.logicalId(), factory.get());
        }
        return handlers;
    }

    private void add(Class<? extends RequestStreamHandler> type, Supplier<RequestStreamHandler> factory) {
        byClass.put(type.getName(), factory);
    }
}
