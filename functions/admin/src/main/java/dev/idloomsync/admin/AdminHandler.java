package dev.idloomsync.admin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.idloomsync.config.Settings;
import dev.idloomsync.http.ApiGatewayEvents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The admin API Lambda (routes {@code /apps/{shortcode}/...}, IAM-authorised): API Gateway event
 * in, {@link AdminService} answers, proxy response out.
 * <pre>
 * curl -X PUT "$API/apps/acme24/idloom" --aws-sigv4 "aws:amz:$AWS_REGION:execute-api" \
 *      --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H 'content-type: application/json' \
 *      -d '{"accountName": "acme-events", "apiKey": "...", "ownerEmail": "owner@acme.example"}'
 * </pre>
 */
public final class AdminHandler implements RequestStreamHandler {

    /** Built on first use, then shared by every invocation of the process. */
    private static final class FromEnvironment {
        static final AdminService SERVICE = AdminService.build(Settings.fromEnvironment());
    }

    private final AdminService service;

    public AdminHandler() {
        this(FromEnvironment.SERVICE);
    }

    public AdminHandler(AdminService service) {
        this.service = service;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ApiGatewayEvents.write(service.handle(ApiGatewayEvents.read(input)), output);
    }
}
