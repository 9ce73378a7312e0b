package dev.idloomsync.bench;

import dev.idloomsync.sync.WebhookKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold starts: a fresh JVM per run ({@link ColdStartChild}) that builds the create-webhook handler
 * from the shaded Lambda jar and serves its first webhook against moto_server, and, interleaved with
 * it, the same for {@link TrivialHandler} on a class path of its own (the JVM's floor).
 */
final class ColdStart {
    /** As the Lambda Java runtime starts its JVM: serial GC, C1 only (also in template.yaml). */
    static final List<String> LAMBDA_FLAGS = List.of("-XX:+UseSerialGC", "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1");
    private static final Pattern CHILD_LINE =
            Pattern.compile("init_ns=(\\d+) call_ns=(\\d+) priming_ns=(\\d+) status=(\\S+)");

    /** One JVM to measure with. */
    record Jdk(String name, Path home) {
        Path java() {
            return home.resolve("bin").resolve("java");
        }
    }

    /** One process: whole time from start to exit, the constructor, the priming if any, and the first call, in ms. */
    record Run(double wholeMs, double initMs, double primingMs, double callMs) {
    }

    /**
     * @param primed our handler with the SnapStart priming run between constructor and first call:
     *               its first call is what a restored snapshot's first call does
     */
    record Result(Jdk jdk, String version, List<String> flags, List<Run> ours, List<Run> trivial, List<Run> primed) {
        double ratio() {
            return median(ours, Run::wholeMs) / median(trivial, Run::wholeMs);
        }
    }

    interface Metric {
        double of(Run run);
    }

    static double median(List<Run> runs, Metric metric) {
        return Stats.median(runs.stream().map(metric::of).toList());
    }

    private final Path webhookJar;
    private final Path benchClasses;
    private final Path lambdaCoreJar;
    private final Map<String, String> env;
    private final String shortcode;
    private final Path work;
    private int sequence;

    /**
     * @param env the function's environment: TABLE_NAME, SENDER_EMAIL, AWS_ENDPOINT_URL, AWS_REGION, keys
     */
    ColdStart(Path webhookJar, Path benchClasses, Path lambdaCoreJar, Map<String, String> env, String shortcode,
              Path work) {
        this.webhookJar = webhookJar;
        this.benchClasses = benchClasses;
        this.lambdaCoreJar = lambdaCoreJar;
        this.env = env;
        this.shortcode = shortcode;
        this.work = work;
    }

    Result measure(Jdk jdk, List<String> flags, int runs) {
        // One of each first, not counted: it brings the jars into the page cache.
        runOurs(jdk, flags, false);
        runTrivial(jdk, flags);
        List<Run> ours = new ArrayList<>();
        List<Run> trivial = new ArrayList<>();
        List<Run> primed = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ours.add(runOurs(jdk, flags, false));
            trivial.add(runTrivial(jdk, flags));
            primed.add(runOurs(jdk, flags, true));
        }
        return new Result(jdk, version(jdk), flags, ours, trivial, primed);
    }

    Run runOurs(Jdk jdk, List<String> flags, boolean primed) {
        String uid = "cold-" + ProcessHandle.current().pid() + "-" + (++sequence);
        String body = BenchApp.attendee(uid, uid + "@cold.example", "2024-05-01T10:00:00Z").toString();
        return run(jdk, flags, webhookJar + java.io.File.pathSeparator + benchClasses,
                "dev.idloomsync.webhooks.CreateWebhookHandler",
                BenchApp.apiGatewayEvent(WebhookKind.CREATE, shortcode, body), primed);
    }

    Run runTrivial(Jdk jdk, List<String> flags) {
        String body = BenchApp.attendee("trivial", "trivial@cold.example", "2024-05-01T10:00:00Z").toString();
        return run(jdk, flags, benchClasses + java.io.File.pathSeparator + lambdaCoreJar,
                TrivialHandler.class.getName(), BenchApp.apiGatewayEvent(WebhookKind.CREATE, shortcode, body), false);
    }

    /** The command line of one cold run, for the results file, with paths from the working directory. */
    String commandLine(Jdk jdk, List<String> flags, boolean trivial) {
        String cp = trivial ? shown(benchClasses) + java.io.File.pathSeparator + shown(lambdaCoreJar)
                : shown(webhookJar) + java.io.File.pathSeparator + shown(benchClasses);
        return jdk.java() + " " + String.join(" ", flags) + " -cp " + cp + " " + ColdStartChild.class.getName() + " "
                + (trivial ? TrivialHandler.class.getName() : "dev.idloomsync.webhooks.CreateWebhookHandler") + " EVENT_FILE";
    }

    private static String shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        return path.startsWith(here) ? here.relativize(path).toString() : path.toString();
    }

    private Run run(Jdk jdk, List<String> flags, String classPath, String handler, String event, boolean primed) {
        try {
            Path eventFile = work.resolve("event-" + sequence + ".json");
            Files.writeString(eventFile, event, StandardCharsets.UTF_8);
            Path out = work.resolve("child.out");
            Path err = work.resolve("child.err");
            List<String> command = new ArrayList<>();
            command.add(jdk.java().toString());
            command.addAll(flags);
            command.addAll(List.of("-cp", classPath, ColdStartChild.class.getName(), handler, eventFile.toString()));
            if (primed) {
                command.add("primed");
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            builder.environment().putAll(env);

            long start = System.nanoTime();
            Process process = builder.start();
            int exit = process.waitFor();
            long end = System.nanoTime();

            String printed = Files.readString(out, StandardCharsets.UTF_8);
            Matcher m = CHILD_LINE.matcher(printed);
            if (exit != 0 || !m.find()) {
                throw new IllegalStateException("the cold-start run of " + handler + " failed (exit " + exit + "): "
                        + printed + Files.readString(err, StandardCharsets.UTF_8));
            }
            if (!m.group(4).equals("200")) {
                throw new IllegalStateException("the cold-start run of " + handler + " answered " + m.group(4)
                        + ", not 200: " + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Run((end - start) / 1e6, Long.parseLong(m.group(1)) / 1e6, Long.parseLong(m.group(3)) / 1e6,
                    Long.parseLong(m.group(2)) / 1e6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String version(Jdk jdk) {
        try {
            Process p = new ProcessBuilder(jdk.java().toString(), "-version").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return text.lines().findFirst().orElse("?").strip();
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
