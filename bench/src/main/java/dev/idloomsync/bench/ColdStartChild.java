package dev.idloomsync.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start, in its own JVM, the way the Lambda runtime starts a function: load the handler
 * class, build it with its no-argument constructor, hand it one API Gateway event, then exit.
 * Prints one line, {@code init_ns=... call_ns=... priming_ns=... status=...}, that {@link ColdStart} reads.
 *
 * <p>Only the JDK and aws-lambda-java-core are used here, so that what loads is the handler's own.
 *
 * <pre>
 * java -cp webhooks-lambda.jar:bench/target/work/inputs/classes dev.idloomsync.bench.ColdStartChild HANDLER EVENT [primed]
 * </pre>
 * With {@code primed}, the registered SnapStart priming runs between the constructor and the call.
 */
public final class ColdStartChild {
    private ColdStartChild() {
    }

    public static void main(String[] args) throws Exception {
        byte[] event = Files.readAllBytes(Path.of(args[1]));

        long start = System.nanoTime();
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0])
                .getDeclaredConstructor().newInstance();
        long built = System.nanoTime();
        long primed = built;
        if (args.length > 2 && args[2].equals("primed")) {
            // What SnapStart's snapshot holds: the handler built and primed before the first call.
            Class.forName("dev.idloomsync.webhooks.Priming").getMethod("primeRegistered").invoke(null);
            primed = System.nanoTime();
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        long answered = System.nanoTime();

        String response = out.toString(StandardCharsets.UTF_8);
        System.out.println("init_ns=" + (built - start) + " call_ns=" + (answered - primed)
                + " priming_ns=" + (primed - built) + " status=" + statusOf(response));
        System.out.flush();
        System.exit(0);
    }

    /** The proxy response's statusCode, read without a JSON library. */
    private static String statusOf(String response) {
        int at = response.indexOf("\"statusCode\"");
        if (at < 0) {
            return "none";
        }
        int colon = response.indexOf(':', at);
        int end = colon + 1;
        while (end < response.length() && (Character.isDigit(response.charAt(end)) || response.charAt(end) == ' ')) {
            end++;
        }
        return response.substring(colon + 1, end).strip();
    }
}
