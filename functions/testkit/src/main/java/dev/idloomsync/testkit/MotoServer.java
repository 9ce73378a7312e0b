package dev.idloomsync.testkit;

import dev.idloomsync.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;

/**
 * A moto_server child process on a free loopback port: DynamoDB, SES v2 and KMS over real HTTP
 * for tests and the local runner.
 *
 * <pre>{@code
 * try (MotoServer moto = MotoServer.start(); DynamoDbClient ddb = moto.dynamoDb()) {
 *     TemplateTables.createTable(ddb, TemplateTables.findTemplate(), "SyncTable", "sync");
 *     moto.verifySender("sync@example.com");
 *     ...
 *     List<MotoServer.SentEmail> sent = moto.sentEmails();
 * }
 * }</pre>
 *
 * <p>It runs moto one request at a time ({@code serial_moto_server.py}, with {@code python3} or the
 * interpreter in {@code MOTO_PYTHON}) so that concurrent transactions stay atomic as in DynamoDB;
 * without a Python that imports moto it runs {@code moto_server} from the PATH, or the path in the
 * environment variable {@code MOTO_SERVER}. Its output goes to a log file ({@link #logFile()}) under {@code target/}
 * when the working directory has one, else under the temporary directory.
 */
public final class MotoServer implements AutoCloseable {

    /** Environment variable that may name the moto_server executable. */
    public static final String EXECUTABLE_ENV = "MOTO_SERVER";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String INSTALL_HINT =
            "Install it with: pip install 'moto[server]' (moto 5.x), make sure moto_server is on the PATH"
                    + " or set " + EXECUTABLE_ENV + " to its full path.";
    private static final ObjectMapper JSON = Json.MAPPER;

    private final Process process;
    private final int port;
    private final URI endpoint;
    private final Path logFile;
    private final HttpClient http;
    private final Thread shutdownHook;

    private MotoServer(Process process, int port, Path logFile, HttpClient http) {
        this.process = process;
        this.port = port;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        this.logFile = logFile;
        this.http = http;
        this.shutdownHook = new Thread(this::stopProcess, "moto-server-shutdown-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts moto_server on a free loopback port and waits (up to 30 s) until it answers.
     *
     * @throws IllegalStateException if moto_server is missing, exits, or does not answer in time;
     *     the message says how to install it and where its log is
     */
    public static MotoServer start() {
        String executable = executable();
        IllegalStateException lastFailure = null;
        // A free port can be taken between picking it and moto binding it: try a few.
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path log = logFileFor(port);
            Process process = launch(executable, port, log);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            try {
                awaitReady(process, port, log, http);
                return new MotoServer(process, port, log, http);
            } catch (IllegalStateException e) {
                boolean exited = !process.isAlive();
                destroy(process);
                lastFailure = e;
                if (!exited) {
                    break;
                }
            }
        }
        throw lastFailure;
    }

    /**
     * Starts moto on a fixed loopback port (the local runner's, so that its printed URLs stay the
     * same), its output in {@code logDir}; a taken port stops the start with what to do instead.
     */
    public static MotoServer startOn(int port, Path logDir) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " on 127.0.0.1 is taken, so moto_server cannot start there. "
                    + "If an AWS emulator already runs on it, use it with AWS_ENDPOINT_URL=http://127.0.0.1:" + port
                    + "; otherwise pick another port.");
        }
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = logDir.resolve("moto-server-" + port + ".log").toAbsolutePath();
        Process process = launch(executable(), port, log);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            awaitReady(process, port, log, http);
        } catch (IllegalStateException e) {
            destroy(process);
            throw e;
        }
        return new MotoServer(process, port, log, http);
    }

    /** Whether a moto server answers at {@code endpoint} (it serves {@code /moto-api/}). */
    public static boolean answersAt(URI endpoint) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            return http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:54321}, for every AWS client. */
    public URI endpoint() {
        return endpoint;
    }

    /** The port moto listens on (loopback only). */
    public int port() {
        return port;
    }

    /** Where moto_server's stdout and stderr go. */
    public Path logFile() {
        return logFile;
    }

    /** A new DynamoDB client for this server; the caller closes it. */
    public DynamoDbClient dynamoDb() {
        return AwsClients.dynamoDb(endpoint);
    }

    /** A new SES v2 client for this server; the caller closes it. */
    public SesV2Client sesV2() {
        return AwsClients.sesV2(endpoint);
    }

    /** A new KMS client for this server; the caller closes it. */
    public KmsClient kms() {
        return AwsClients.kms(endpoint);
    }

    /**
     * Forgets every table, key, identity and sent email ({@code POST /moto-api/reset}). Verify the
     * sender again afterwards: moto refuses mail from unverified addresses.
     */
    public void reset() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10))
                .build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("moto_server refused the reset: HTTP " + response.statusCode()
                    + " " + response.body());
        }
    }

    /**
     * Makes {@code email} a verified SES identity (SES v2 CreateEmailIdentity), so that moto
     * accepts it as a sender. Verifying it twice is fine.
     */
    public void verifySender(String email) {
        try (SesV2Client ses = sesV2()) {
            ses.createEmailIdentity(r -> r.emailIdentity(email));
        } catch (AlreadyExistsException alreadyVerified) {
            // nothing to do
        }
    }

    /**
     * Every email SES accepted since the start or the last {@link #reset()}, oldest first, read
     * from {@code GET /moto-api/data.json} ({@code ses} → {@code Message}).
     */
    public List<SentEmail> sentEmails() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json"))
                .GET()
                .timeout(Duration.ofSeconds(30))
                .build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("moto_server did not return its data: HTTP " + response.statusCode());
        }
        try {
            return parseSentEmails(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException("moto_server's /moto-api/data.json is not JSON", e);
        }
    }

    /** Stops moto_server; its data is gone. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway
        }
        stopProcess();
    }

    /** One email as moto recorded it; {@code body} is the HTML part when there is one, else the text. */
    public record SentEmail(String id, String source, List<String> destinations, String subject, String body) {

        public SentEmail {
            destinations = List.copyOf(destinations);
        }
    }

    // moto 5.2.1 writes {"ses": {"Message": [{"id", "source", "destinations": {"ToAddresses": [..],
    // "CcAddresses": [..], "BccAddresses": [..]}, "subject", "body"}]}}; older versions had a list
    // of destinations. Missing parts read as empty.
    static List<SentEmail> parseSentEmails(JsonNode data) {
        JsonNode messages = data.path("ses").path("Message");
        List<SentEmail> emails = new ArrayList<>();
        if (!messages.isArray()) {
            return emails;
        }
        for (JsonNode message : messages) {
            emails.add(new SentEmail(
                    text(message, "id"),
                    text(message, "source"),
                    destinations(message.path("destinations")),
                    text(message, "subject"),
                    text(message, "body")));
        }
        return emails;
    }

    private static List<String> destinations(JsonNode node) {
        List<String> addresses = new ArrayList<>();
        if (node.isObject()) {
            for (String field : new String[] {"ToAddresses", "CcAddresses", "BccAddresses"}) {
                addAll(addresses, node.path(field));
            }
        } else {
            addAll(addresses, node);
        }
        return addresses;
    }

    private static void addAll(List<String> addresses, JsonNode node) {
        if (node.isArray()) {
            node.forEach(address -> addAll(addresses, address));
        } else if (node.isValueNode() && !node.isNull()) {
            addresses.add(node.asText());
        }
    }

    private static String text(JsonNode message, String field) {
        JsonNode value = message.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("moto_server at " + endpoint + " did not answer " + request.uri()
                    + " (see " + logFile + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling moto_server", e);
        }
    }

    private void stopProcess() {
        destroy(process);
    }

    private static void destroy(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** moto_server from the PATH, or the path in {@value #EXECUTABLE_ENV}. */
    public static String executable() {
        String configured = System.getenv(EXECUTABLE_ENV);
        return configured == null || configured.isBlank() ? "moto_server" : configured.trim();
    }

    /**
     * The command that serves moto: moto's app one request at a time through {@code
     * serial_moto_server.py} when a Python with moto is at hand (see that script for why), else the
     * plain {@code moto_server} executable.
     */
    public static List<String> command(String executable, int port) {
        String python = System.getenv().getOrDefault("MOTO_PYTHON", "python3");
        if (System.getenv(EXECUTABLE_ENV) == null && pythonHasMoto(python)) {
            return List.of(python, serialScript().toString(), "-H", "127.0.0.1", "-p", Integer.toString(port));
        }
        return List.of(executable, "-H", "127.0.0.1", "-p", Integer.toString(port));
    }

    private static boolean pythonHasMoto(String python) {
        try {
            Process probe = new ProcessBuilder(python, "-c", "import moto.server, werkzeug")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static synchronized Path serialScript() {
        try (java.io.InputStream in = MotoServer.class.getResourceAsStream("serial_moto_server.py")) {
            Path script = Files.createTempFile("serial_moto_server", ".py");
            Files.write(script, in.readAllBytes());
            script.toFile().deleteOnExit();
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process launch(String executable, int port, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command(executable, port))
                .redirectErrorStream(true)
                // A file, not a pipe: nobody reads moto's output, and a full pipe would block it.
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putIfAbsent("AWS_ACCESS_KEY_ID", "test");
        builder.environment().putIfAbsent("AWS_SECRET_ACCESS_KEY", "test");
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not run '" + executable + "': " + e.getMessage() + ". "
                    + INSTALL_HINT, e);
        }
    }

    private static void awaitReady(Process process, int port, Path log, HttpClient http) {
        URI probe = URI.create("http://127.0.0.1:" + port + "/moto-api/");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with code " + process.exitValue()
                        + " before answering on port " + port + ". " + INSTALL_HINT + " Its output:\n"
                        + tail(log));
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(probe).GET().timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto_server", e);
            }
            sleep(100);
        }
        throw new IllegalStateException("moto_server did not answer " + probe + " within "
                + START_TIMEOUT.toSeconds() + " s. " + INSTALL_HINT + " Its output:\n" + tail(log));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for moto_server", e);
        }
    }

    private static Path logFileFor(int port) {
        Path target = Path.of("target");
        Path dir = Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
        return dir.resolve("moto-server-" + port + ".log").toAbsolutePath();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no output in " + log + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for moto_server", e);
        }
    }
}
