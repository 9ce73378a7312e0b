package dev.idloomsync.webhooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.idloomsync.http.ApiGatewayEvents;
import dev.idloomsync.http.ApiRequest;
import dev.idloomsync.sync.WebhookKind;
import dev.idloomsync.sync.WebhookService;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** An idloom webhook behind API Gateway: event in, the sync's answer out. */
abstract class WebhookHandler implements RequestStreamHandler {
    private final WebhookKind kind;
    private final WebhookService service;

    WebhookHandler(WebhookKind kind, WebhookService service) {
        this.kind = kind;
        this.service = service;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ApiRequest request = ApiGatewayEvents.read(input);
        ApiGatewayEvents.write(service.handle(kind, request), output);
    }
}
