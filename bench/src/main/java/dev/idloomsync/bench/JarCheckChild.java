package dev.idloomsync.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs handlers from a shaded Lambda jar in a fresh JVM, as the Lambda runtime would: each line of
 * the input file is {@code HANDLER_CLASS<TAB>EVENT_JSON}; each handler is built once with its
 * no-argument constructor; each answer is printed on its own line. With {@code primed}, the
 * registered SnapStart priming runs first. Only the JDK and aws-lambda-java-core are used here.
 *
 * <pre>
 * java -cp webhooks-lambda.jar:bench/target/work/inputs/classes dev.idloomsync.bench.JarCheckChild CALLS_FILE [primed]
 * </pre>
 */
public final class JarCheckChild {
    private JarCheckChild() {
    }

    public static void main(String[] args) throws Exception {
        List<String> calls = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        Map<String, RequestStreamHandler> handlers = new HashMap<>();
        boolean primed = args.length > 1 && args[1].equals("primed");
        for (String call : calls) {
            if (call.isBlank()) {
                continue;
            }
            int tab = call.indexOf('\t');
            String handlerClass = call.substring(0, tab);
            RequestStreamHandler handler = handlers.get(handlerClass);
            if (handler == null) {
                handler = (RequestStreamHandler) Class.forName(handlerClass).getDeclaredConstructor().newInstance();
                handlers.put(handlerClass, handler);
                if (primed) {
                    Class.forName("dev.idloomsync.webhooks.Priming").getMethod("primeRegistered").invoke(null);
                    primed = false;
                    System.out.println("primed");
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(call.substring(tab + 1).getBytes(StandardCharsets.UTF_8)),
                    out, null);
            System.out.println("answer\t" + out.toString(StandardCharsets.UTF_8).replace('\n', ' '));
        }
        System.out.flush();
        System.exit(0);
    }
}
