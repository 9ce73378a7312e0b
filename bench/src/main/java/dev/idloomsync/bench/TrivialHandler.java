package dev.idloomsync.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The floor of a Java Lambda: reads the event and answers a fixed 200 proxy response, nothing else. */
public final class TrivialHandler implements RequestStreamHandler {
    private static final byte[] OK = ("{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\"},"
            + "\"body\":\"{}\",\"isBase64Encoded\":false}")
            .getBytes(StandardCharsets.UTF_8);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write(OK);
    }
}
