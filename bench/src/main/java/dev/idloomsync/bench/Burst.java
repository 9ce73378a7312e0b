package dev.idloomsync.bench;

import dev.idloomsync.http.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The burst: distinct create webhooks sent over loopback HTTP to the local runner (its own JVM,
 * {@code java -jar local/target/idloom-sync-local.jar}, on the benchmark's moto_server), a fixed
 * number in flight at a time; then the proof read from the table: one person per registration,
 * no duplicates, no answer other than 200.
 */
final class Burst {
    private static final Pattern API = Pattern.compile("API, the routes of template.yaml:\\s+(http://\\S+)");
    private static final Pattern TABLE = Pattern.compile("table (\\S+), KMS key");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    record Result(int sent, int concurrency, double seconds, double perSecond, double p50Ms, double p99Ms,
                  double maxMs, Map<Integer, Integer> statuses, int transportErrors, int people,
                  int distinctPersonEmails, int registrations, int distinctRegisteredPeople, int emailKeys,
                  String runnerCommand) {
        boolean proven() {
            return statuses.size() == 1 && statuses.getOrDefault(200, 0) == sent && transportErrors == 0
                    && people == sent && distinctPersonEmails == sent && registrations == sent
                    && distinctRegisteredPeople == sent && emailKeys == sent;
        }
    }

    private final Path root;
    private final Path localJar;
    private final URI awsEndpoint;
    private final DynamoDbClient dynamo;
    private final Path work;

    Burst(Path root, Path localJar, URI awsEndpoint, DynamoDbClient dynamo, Path work) {
        this.root = root;
        this.localJar = localJar;
        this.awsEndpoint = awsEndpoint;
        this.dynamo = dynamo;
        this.work = work;
    }

    Result run(String shortcode, int total, int concurrency) throws Exception {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", localJar.toString(),
                "--port", "0", "--idloom-port", "0");
        Path log = work.resolve("local-runner.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("AWS_ENDPOINT_URL", awsEndpoint.toString());
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        Process runner = builder.start();
        // Stopped with the benchmark, also when the benchmark itself is stopped.
        Thread stopRunner = new Thread(runner::destroy, "stop-local-runner");
        Runtime.getRuntime().addShutdownHook(stopRunner);
        try {
            String[] started = awaitBanner(runner, log);
            URI api = URI.create(started[0]);
            String table = started[1];
            BenchApp.seed(dynamo, table, shortcode);
            return send(api, table, shortcode, total, concurrency,
                    "AWS_ENDPOINT_URL=<moto> java -jar local/target/idloom-sync-local.jar --port 0 --idloom-port 0");
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopRunner);
            runner.destroy();
            if (!runner.waitFor(10, TimeUnit.SECONDS)) {
                runner.destroyForcibly();
            }
        }
    }

    private Result send(URI api, String table, String shortcode, int total, int concurrency, String runnerCommand)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI url = api.resolve("/idloom/" + shortcode + "/create?secret=" + BenchApp.SECRET);
        // Webhooks of another app first, so that the runner's JIT is not measured cold.
        String warm = shortcode + "-warmup";
        BenchApp.seed(dynamo, table, warm);
        for (int i = 0; i < 300; i++) {
            String uid = "warm-" + i;
            post(http, api.resolve("/idloom/" + warm + "/create?secret=" + BenchApp.SECRET),
                    Json.write(BenchApp.attendee(uid, uid + "@warm.example", "2024-05-01T10:00:00Z")));
        }

        AtomicInteger nextIndex = new AtomicInteger();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        LongAdder transportErrors = new LongAdder();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>(total));
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(clients.submit(() -> {
                for (int i = nextIndex.getAndIncrement(); i < total; i = nextIndex.getAndIncrement()) {
                    String uid = "burst-" + i;
                    String body = Json.write(BenchApp.attendee(uid, uid + "@burst.example", "2024-05-01T10:00:00Z"));
                    long sent = System.nanoTime();
                    try {
                        int status = post(http, url, body);
                        latencies.add((System.nanoTime() - sent) / 1e6);
                        statuses.merge(status, 1, Integer::sum);
                    } catch (IOException e) {
                        transportErrors.increment();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.shutdown();

        List<Map<String, AttributeValue>> items = BenchApp.peoplePartition(dynamo, table, shortcode);
        int people = 0;
        Set<String> personEmails = new HashSet<>();
        int registrations = 0;
        Set<String> registeredPeople = new HashSet<>();
        int emailKeys = 0;
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get("sk").s();
            if (sk.startsWith("PERSON#")) {
                people++;
                AttributeValue email = item.get("email");
                if (email != null) {
                    personEmails.add(email.s().toLowerCase(java.util.Locale.ROOT));
                }
            } else if (sk.startsWith("REG#")) {
                registrations++;
                AttributeValue person = item.get("personId");
                if (person != null) {
                    registeredPeople.add(person.s());
                }
            } else if (sk.startsWith("EMAIL#")) {
                emailKeys++;
            }
        }
        return new Result(total, concurrency, seconds, total / seconds, Stats.percentile(latencies, 50),
                Stats.percentile(latencies, 99), Stats.max(latencies), new TreeMap<>(statuses),
                transportErrors.intValue(), people, personEmails.size(), registrations, registeredPeople.size(),
                emailKeys, runnerCommand);
    }

    private static int post(HttpClient http, URI url, String body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Waits for the runner's banner and reads the API's URL and the table's name from it. */
    private static String[] awaitBanner(Process runner, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            Matcher api = API.matcher(text);
            Matcher table = TABLE.matcher(text);
            if (api.find() && table.find()) {
                return new String[]{api.group(1), table.group(1)};
            }
            if (!runner.isAlive()) {
                throw new IllegalStateException("the local runner stopped (exit " + runner.exitValue() + "): " + tail(log));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the local runner did not print its banner within "
                + START_TIMEOUT.toSeconds() + " s: " + tail(log));
    }

    private static String tail(Path log) {
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            List<String> lines = reader.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no output)";
        }
    }
}
