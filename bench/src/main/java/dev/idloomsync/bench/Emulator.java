package dev.idloomsync.bench;

import dev.idloomsync.testkit.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's moto_server ({@code bench_moto_server.py}): one request at a time, with a
 * TransactWriteItems whose cost does not grow with the table (see the script for why).
 * {@code MOTO_PYTHON} names the Python that has moto, default {@code python3}.
 */
final class Emulator implements AutoCloseable {
    private final Process process;
    private final URI endpoint;
    private final Path log;

    private Emulator(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    static Emulator start(Path work) throws IOException, InterruptedException {
        Path script = work.resolve("bench_moto_server.py");
        try (InputStream in = Emulator.class.getResourceAsStream("bench_moto_server.py")) {
            Files.write(script, in.readAllBytes());
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = work.resolve("moto-" + port + ".log");
        String python = System.getenv().getOrDefault("MOTO_PYTHON", "python3");
        ProcessBuilder builder = new ProcessBuilder(List.of(python, script.toString(), "-H", "127.0.0.1", "-p",
                Integer.toString(port))).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putIfAbsent("AWS_ACCESS_KEY_ID", "test");
        builder.environment().putIfAbsent("AWS_SECRET_ACCESS_KEY", "test");
        Process process = builder.start();
        Emulator emulator = new Emulator(process, URI.create("http://127.0.0.1:" + port), log);
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::stop));
        emulator.awaitReady();
        return emulator;
    }

    URI endpoint() {
        return endpoint;
    }

    DynamoDbClient dynamoDb() {
        return AwsClients.dynamoDb(endpoint);
    }

    SesV2Client sesV2() {
        return AwsClients.sesV2(endpoint);
    }

    KmsClient kms() {
        return AwsClients.kms(endpoint);
    }

    void verifySender(String email) {
        try (SesV2Client ses = sesV2()) {
            ses.createEmailIdentity(r -> r.emailIdentity(email));
        } catch (AlreadyExistsException alreadyVerified) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitReady() throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the benchmark's moto_server stopped (exit " + process.exitValue()
                        + "); it needs a python3 with moto[server] 5 (or MOTO_PYTHON). Its output:\n"
                        + Files.readString(log));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        stop();
        throw new UncheckedIOException(new IOException("the benchmark's moto_server did not answer within 60 s; see " + log));
    }
}
