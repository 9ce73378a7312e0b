package dev.idloomsync.local;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.idloomsync.testkit.MotoServer;

/**
 * moto_server on a fixed loopback port, so that the printed curl lines and {@code AWS_ENDPOINT_URL}
 * for other tools stay the same from one run to the next (the tests' {@link MotoServer} picks a free
 * port instead). Its output goes to a log file beside the runner's jar.
 */
final class LocalMoto implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String INSTALL_HINT = "Install it with: pip install 'moto[server]', or set "
            + MotoServer.EXECUTABLE_ENV + " to its full path, or set AWS_ENDPOINT_URL to an emulator that is already running.";

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private LocalMoto(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Starts moto_server on 127.0.0.1:{@code port} (0: a free port) and waits until it answers. */
    static LocalMoto start(int port, Path logDir) {
        int chosen = port == 0 ? freePort() : requireFree(port);
        Path log = logDir.resolve("moto-server-" + chosen + ".log");
        String executable = MotoServer.executable();
        // The same launch as the tests': moto one request at a time, so that transactions stay atomic.
        ProcessBuilder builder = new ProcessBuilder(MotoServer.command(executable, chosen))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putIfAbsent("AWS_ACCESS_KEY_ID", "test");
        builder.environment().putIfAbsent("AWS_SECRET_ACCESS_KEY", "test");
        Process process;
        try {
            Files.createDirectories(logDir);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not run '" + executable + "': " + e.getMessage() + ". " + INSTALL_HINT, e);
        }
        LocalMoto moto = new LocalMoto(process, URI.create("http://127.0.0.1:" + chosen), log);
        try {
            moto.awaitReady();
        } catch (RuntimeException e) {
            moto.close();
            throw e;
        }
        return moto;
    }

    /** Whether the emulator at {@code endpoint} is a moto_server (it answers {@code /moto-api/}). */
    static boolean isMoto(URI endpoint) {
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

    URI endpoint() {
        return endpoint;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        // moto_server is often a shim script that starts Python: stop the whole tree.
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

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with code " + process.exitValue() + " before answering on "
                        + endpoint + ". " + INSTALL_HINT + " Its output (" + log + "):\n" + tail());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto_server", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto_server", e);
            }
        }
        throw new IllegalStateException("moto_server did not answer on " + endpoint + " within "
                + START_TIMEOUT.toSeconds() + " s. Its output (" + log + "):\n" + tail());
    }

    private static int requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return port;
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " on 127.0.0.1 is taken, so moto_server cannot start there."
                    + " If an AWS emulator already runs on it, use it: AWS_ENDPOINT_URL=http://127.0.0.1:" + port
                    + " java -jar local/target/idloom-sync-local.jar. Otherwise pick another port with --moto-port.");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for moto_server", e);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no output)";
        }
    }
}
