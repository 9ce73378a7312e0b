package dev.idloomsync.bench;

import dev.idloomsync.testkit.MotoServer;
import dev.idloomsync.log.JsonLog;
import dev.idloomsync.testkit.AwsClients;
import dev.idloomsync.testkit.TemplateTables;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs the whole benchmark against a moto_server of its own and writes {@code bench/results.md}:
 * cold start, warm path, burst, rules, and the Lambda jars' sizes.
 *
 * <pre>
 * mvn -q -DskipTests package &amp;&amp; java -jar bench/target/bench.jar
 * java -jar bench/target/bench.jar --only cold,warm --runs 21 --calls 1000
 * </pre>
 */
public final class RunAll {
    static final String USAGE = """
            usage: java -jar bench/target/bench.jar [options]
              --only PARTS        comma-separated subset of: jars,cold,warm,burst,rules (default: all)
              --runs N            cold starts per handler and JVM (default 11)
              --calls N           timed calls per warm path (default 500)
              --burst N           webhooks in the burst (default 10000)
              --concurrency N     webhooks in flight during the burst (default 32)
              --jdk HOME          a further JVM for the cold starts (repeatable); the running JVM and
                                  any /usr/lib/jvm/*-21-* or *-25-* JDK are measured by default
              --out FILE          where the results go (default bench/results.md)
            Run from the checkout after `mvn -q -DskipTests package`; needs moto_server on the PATH.
            """;
    private static final long MB = 1024 * 1024;
    private static final long JAR_LIMIT = 8 * MB;
    private static final String TABLE = "idloom-sync-bench";

    private RunAll() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options;
        List<Path> extraJdks = new ArrayList<>();
        try {
            options = parse(args, extraJdks);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.containsKey("help")) {
            System.out.print(USAGE);
            return;
        }
        Set<String> parts = new LinkedHashSet<>(
                Arrays.asList(options.getOrDefault("only", "jars,cold,warm,burst,rules").split(",")));
        int runs = Integer.parseInt(options.getOrDefault("runs", "11"));
        int calls = Integer.parseInt(options.getOrDefault("calls", "500"));
        int burstSize = Integer.parseInt(options.getOrDefault("burst", "10000"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "32"));

        Path root = TemplateTables.findTemplate().getParent();
        Path out = Path.of(options.getOrDefault("out", root.resolve("bench/results.md").toString()));
        Path work = Files.createDirectories(root.resolve("bench/target/work"));
        Inputs inputs = Inputs.take(root, work);
        Report report = new Report(root, String.join(" ", args));
        report.machine(jdks(extraJdks));
        report.jars(root.resolve("functions/webhooks/target/webhooks-lambda.jar"),
                root.resolve("functions/admin/target/admin-lambda.jar"), JAR_LIMIT);

        if (parts.contains("jars") || parts.contains("cold") || parts.contains("warm") || parts.contains("burst")) {
            try (MotoServer moto = MotoServer.start(); DynamoDbClient dynamo = moto.dynamoDb()) {
                TemplateTables.createTable(dynamo, root.resolve("template.yaml"), "SyncTable", TABLE);
                moto.verifySender(BenchApp.SENDER);
                if (parts.contains("jars")) {
                    System.out.println("jar check: every path from the shaded jars");
                    report.jarCheck(new JarCheck(inputs, moto, dynamo, TABLE, work).run());
                }
                if (parts.contains("cold")) {
                    ColdStart harness = coldStart(inputs, moto, dynamo, work);
                    List<ColdStart.Result> results = new ArrayList<>();
                    for (ColdStart.Jdk jdk : jdks(extraJdks)) {
                        System.out.println("cold start: " + runs + " runs each on " + jdk.home());
                        results.add(harness.measure(jdk, ColdStart.LAMBDA_FLAGS, runs));
                    }
                    report.cold(harness, results, runs);
                }
                if (parts.contains("warm")) {
                    System.out.println("warm path: " + calls + " calls per path");
                    BenchApp.seed(dynamo, TABLE, "warm");
                    // The handlers log every webhook, as in Lambda; to a file here, off the console.
                    try (PrintStream handlerLog = new PrintStream(Files.newOutputStream(work.resolve("warm-handlers.log")),
                            false, StandardCharsets.UTF_8)) {
                        JsonLog.redirect(new JsonLog(handlerLog, Clock.systemUTC()));
                        report.warm(new WarmPath(moto, TABLE, "warm").measure(calls, Math.min(calls, 300)));
                    } finally {
                        JsonLog.redirect(new JsonLog(System.out, Clock.systemUTC()));
                    }
                }
                if (parts.contains("burst")) {
                    System.out.println("burst: " + burstSize + " webhooks, " + concurrency + " at a time");
                    Burst burst = new Burst(root, inputs.localJar(), moto.endpoint(), dynamo, work);
                    report.burst(burst.run("burst", burstSize, concurrency));
                }
            }
        }
        if (parts.contains("rules")) {
            report.rules(rules());
        }
        report.finish();
        Files.writeString(out, report.text(), StandardCharsets.UTF_8);
        System.out.println(report.summary());
        System.out.println("results written to " + out);
    }

    private static ColdStart coldStart(Inputs inputs, MotoServer moto, DynamoDbClient dynamo, Path work) {
        BenchApp.seed(dynamo, TABLE, "cold");
        Map<String, String> env = Map.of("TABLE_NAME", TABLE, "SENDER_EMAIL", BenchApp.SENDER,
                "AWS_ENDPOINT_URL", moto.endpoint().toString(), "AWS_REGION", AwsClients.region().id(),
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");
        return new ColdStart(inputs.webhookJar(), inputs.childClasses(), inputs.lambdaCore(), env, "cold", work);
    }

    private static Collection<RunResult> rules() throws Exception {
        System.out.println("rules: JMH");
        return new Runner(new OptionsBuilder().include(RulesBenchmark.class.getName() + ".*")
                .shouldFailOnError(true).build()).run();
    }

    /** The running JVM first, then Java 21 and 25 where installed, then the ones given. */
    static List<ColdStart.Jdk> jdks(List<Path> extra) {
        List<ColdStart.Jdk> jdks = new ArrayList<>();
        Path running = Path.of(System.getProperty("java.home"));
        jdks.add(new ColdStart.Jdk("running (" + Runtime.version().feature() + ")", running));
        Set<Path> seen = new LinkedHashSet<>();
        seen.add(real(running));
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> installed = Files.list(Path.of("/usr/lib/jvm"))) {
            installed.filter(p -> p.getFileName().toString().matches(".*-(21|25)-.*")).sorted().forEach(candidates::add);
        } catch (IOException noJvmFolder) {
            // only the running JVM and the ones given
        }
        candidates.addAll(extra);
        for (Path home : candidates) {
            if (Files.isExecutable(home.resolve("bin/java")) && seen.add(real(home))) {
                jdks.add(new ColdStart.Jdk(home.getFileName().toString(), home));
            }
        }
        return jdks;
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static Map<String, String> parse(String[] args, List<Path> extraJdks) {
        Map<String, String> options = new java.util.HashMap<>();
        Set<String> known = Set.of("only", "runs", "calls", "burst", "concurrency", "out");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                options.put("help", "");
                continue;
            }
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + arg);
            }
            String name = arg.substring(2);
            String value = args[++i];
            if (name.equals("jdk")) {
                extraJdks.add(Path.of(value));
            } else if (known.contains(name)) {
                options.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return options;
    }

    static String ms(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static <T> String join(List<T> items, Function<T, String> format) {
        return String.join(", ", items.stream().map(format).toList());
    }
}
