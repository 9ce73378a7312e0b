package dev.idloomsync.bench;

import org.openjdk.jmh.results.RunResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import static dev.idloomsync.bench.RunAll.ms;

/** Builds {@code bench/results.md}: every figure with the command that produced it, and the targets. */
final class Report {
    private final Path root;
    private final String args;
    private final StringBuilder body = new StringBuilder();
    private final List<String[]> targets = new ArrayList<>();
    private final String startedAt = RunAll.now();
    private final String loadAtStart = loadAverage();
    private String machine = "";

    Report(Path root, String args) {
        this.root = root;
        this.args = args;
    }

    void machine(List<ColdStart.Jdk> jdks) {
        StringBuilder m = new StringBuilder();
        m.append("## Machine\n\n```\n$ nproc\n").append(shell("nproc").strip()).append('\n');
        m.append("$ lscpu | head -n 15\n").append(shell("lscpu | head -n 15").strip()).append('\n');
        m.append("$ free -g | head -n 2\n").append(shell("free -g | head -n 2").strip()).append('\n');
        for (ColdStart.Jdk jdk : jdks) {
            m.append("$ ").append(jdk.java()).append(" -version\n")
                    .append(shell(jdk.java() + " -version 2>&1").strip()).append('\n');
        }
        m.append("```\n\n");
        machine = m.toString();
    }

    void jars(Path webhooks, Path admin, long limit) {
        body.append("## Lambda jars\n\nCommand: `mvn -q -DskipTests package`, then the size of each shaded jar.\n\n");
        body.append("| jar | bytes | MiB | limit |\n| --- | ---: | ---: | --- |\n");
        for (Path jar : List.of(webhooks, admin)) {
            long size = size(jar);
            String name = root.relativize(jar).toString();
            body.append("| `").append(name).append("` | ").append(size < 0 ? "missing" : size).append(" | ")
                    .append(size < 0 ? "-" : String.format(Locale.ROOT, "%.2f", size / 1048576.0)).append(" | ≤ 8 MiB |\n");
            targets.add(new String[]{"`" + jar.getFileName() + "` at most 8 MiB",
                    size < 0 ? "missing" : String.format(Locale.ROOT, "%.2f MiB", size / 1048576.0),
                    size >= 0 && size <= limit ? "met" : "not met"});
        }
        body.append('\n');
    }

    void jarCheck(List<JarCheck.Result> results) {
        body.append("## Do the trimmed jars work?\n\n");
        body.append("Every webhook path, the SnapStart priming, the pending-email sender and the admin API's routes, ")
                .append("run from the shaded jars in a fresh JVM each (handlers built with their no-argument ")
                .append("constructors from the environment), against moto_server and a fake idloom.\n\n");
        body.append("Command: `java -jar bench/target/bench.jar --only jars`.\n\n");
        for (JarCheck.Result r : results) {
            body.append("`").append(r.command()).append("`\n\n| call | expected | answered |\n| --- | ---: | ---: |\n");
            for (JarCheck.Outcome o : r.outcomes()) {
                body.append("| ").append(o.name()).append(" | ").append(o.expected() == 0 ? "sent/failed counts" : o.expected())
                        .append(" | ").append(o.ok() ? (o.got() == 0 ? "sent/failed counts" : Integer.toString(o.got()))
                                : "**" + o.got() + "**: `" + oneLine(o.answer()) + "`").append(" |\n");
            }
            body.append('\n');
            long failed = r.outcomes().stream().filter(o -> !o.ok()).count();
            targets.add(new String[]{"`" + Path.of(r.jar()).getFileName() + "` runs every path",
                    (r.outcomes().size() - failed) + " of " + r.outcomes().size() + " calls as expected",
                    r.ok() ? "met" : "not met"});
        }
    }

    void cold(ColdStart harness, List<ColdStart.Result> results, int runs) {
        body.append("## 1. Cold start\n\n");
        body.append("A fresh JVM per run builds the handler with its no-argument constructor (as the Lambda runtime does) ")
                .append("and serves one API Gateway event, against moto_server; the parent times the whole process, ")
                .append("from start to exit after the response, and the child prints its constructor (init) and first-call ")
                .append("times. The create webhook is a new registration: one setup Query and one TransactWriteItems. ")
                .append("Our handler, the trivial handler and our handler with the SnapStart priming run one after the ")
                .append("other, ").append(runs).append(" times each, after one unmeasured run of each. Medians, in ms.\n\n");
        body.append("Command: `java -jar bench/target/bench.jar --only cold` (runs the children below).\n\n");
        for (ColdStart.Result r : results) {
            body.append("### ").append(r.version()).append("\n\n");
            body.append("| handler | whole process | min–max | init (constructor) | priming | first call |\n")
                    .append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
            row("create webhook (`CreateWebhookHandler`)", r.ours(), false);
            row("trivial (`TrivialHandler`, 200 only)", r.trivial(), false);
            row("create webhook, primed as for a SnapStart snapshot", r.primed(), true);
            double ratio = r.ratio();
            body.append('\n').append("Whole process, ours ÷ trivial: **")
                    .append(String.format(Locale.ROOT, "%.1fx", ratio)).append("** (target ≤ 10x).\n\n");
            body.append("```\n").append(harness.commandLine(r.jdk(), r.flags(), false)).append('\n')
                    .append(harness.commandLine(r.jdk(), r.flags(), true)).append('\n')
                    .append(harness.commandLine(r.jdk(), r.flags(), false)).append(" primed\n```\n\n");
            targets.add(new String[]{"cold start ≤ 10x trivial (" + r.version() + ")",
                    String.format(Locale.ROOT, "%.1fx (%s ms vs %s ms)", ratio,
                            ms(ColdStart.median(r.ours(), ColdStart.Run::wholeMs)),
                            ms(ColdStart.median(r.trivial(), ColdStart.Run::wholeMs))),
                    ratio <= 10 ? "met" : "not met"});
        }
    }

    private void row(String name, List<ColdStart.Run> runs, boolean primed) {
        List<Double> whole = runs.stream().map(ColdStart.Run::wholeMs).toList();
        body.append("| ").append(name).append(" | ").append(ms(Stats.median(whole))).append(" | ")
                .append(ms(Stats.min(whole))).append("–").append(ms(Stats.max(whole))).append(" | ")
                .append(ms(ColdStart.median(runs, ColdStart.Run::initMs))).append(" | ")
                .append(primed ? ms(ColdStart.median(runs, ColdStart.Run::primingMs)) : "-").append(" | ")
                .append(ms(ColdStart.median(runs, ColdStart.Run::callMs))).append(" |\n");
    }

    void warm(WarmPath.Result r) {
        body.append("## 2. Warm path\n\n");
        body.append("One JVM, the handler classes called with API Gateway events after ").append(r.warmups())
                .append(" unmeasured calls per path (the app's setup cached, as after the first webhook); ")
                .append("each path timed over ").append(r.calls()).append(" calls. DynamoDB requests are counted by an ")
                .append("interceptor on the handlers' client; \"on the wire\" is the time from sending each request to ")
                .append("its response, summed per call. The emulator's own latency for one request: a GetItem of an ")
                .append("existing item, same client, median of ").append(r.calls()).append(" calls: **")
                .append(ms(r.getItemMedianMs())).append(" ms** (p90 ").append(ms(r.getItemP90Ms())).append(" ms).\n\n");
        body.append("Command: `java -jar bench/target/bench.jar --only warm`.\n\n");
        body.append("| path | DynamoDB requests | median latency (ms) | p90 | median on the wire ")
                .append("| median handler's own time | limit: 1.5 × GetItem × requests | outcome |\n")
                .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (WarmPath.PathResult p : r.paths()) {
            double limit = 1.5 * r.getItemMedianMs() * p.maxRequests();
            String count = p.minRequests() == p.maxRequests() ? Integer.toString(p.maxRequests())
                    : p.minRequests() + "–" + p.maxRequests();
            body.append("| ").append(p.name()).append(" | ").append(count).append(" (")
                    .append(String.join(", ", p.operations())).append(") | ").append(ms(p.median())).append(" | ")
                    .append(ms(Stats.percentile(p.latencyMs(), 90))).append(" | ").append(ms(p.medianWire()))
                    .append(" | ").append(ms(p.medianOwn())).append(" | ").append(ms(limit))
                    .append(p.median() <= limit ? " met" : " **not met**").append(" | ")
                    .append(p.outcome()).append(" |\n");
            targets.add(new String[]{"warm latency ≤ 1.5 × GetItem round trip × requests: " + p.name(),
                    ms(p.median()) + " ms vs " + ms(limit) + " ms (of which on the wire " + ms(p.medianWire()) + " ms)",
                    p.median() <= limit ? "met" : "not met"});
        }
        int[] expected = {1, 1, 1, 3, 3};
        boolean[] exact = {true, true, true, true, false};
        for (int i = 0; i < r.paths().size(); i++) {
            WarmPath.PathResult p = r.paths().get(i);
            boolean ok = exact[i] ? p.maxRequests() == expected[i] && p.minRequests() == expected[i]
                    : p.maxRequests() <= expected[i];
            targets.add(new String[]{"DynamoDB requests " + (exact[i] ? "= " : "≤ ") + expected[i] + ": " + p.name(),
                    Integer.toString(p.maxRequests()), ok ? "met" : "not met"});
        }
        body.append("\nThe manual person's delete also sends the owner email through SES (moto), which is in its ")
                .append("latency but is not a DynamoDB request.\n\n");
    }

    void burst(Burst.Result r) {
        body.append("## 3. Burst\n\n");
        body.append(r.sent()).append(" distinct create webhooks (new registrations) over loopback HTTP to the local runner, ")
                .append(r.concurrency()).append(" in flight at a time (java.net.http, HTTP/1.1), after 300 unmeasured ")
                .append("webhooks to another app. The local runner reads the setup on every webhook (no setup cache ")
                .append("there), so each webhook is a Query and a TransactWriteItems; moto_server answers one request ")
                .append("at a time.\n\n");
        body.append("Command: `java -jar bench/target/bench.jar --only burst`; the runner is started as `")
                .append(r.runnerCommand()).append("`.\n\n");
        body.append("| figure | value |\n| --- | ---: |\n");
        body.append("| webhooks | ").append(r.sent()).append(" |\n");
        body.append("| time | ").append(String.format(Locale.ROOT, "%.1f s", r.seconds())).append(" |\n");
        body.append("| throughput | ").append(String.format(Locale.ROOT, "%.0f webhooks/s", r.perSecond())).append(" |\n");
        body.append("| latency p50 | ").append(ms(r.p50Ms())).append(" ms |\n");
        body.append("| latency p99 | ").append(ms(r.p99Ms())).append(" ms |\n");
        body.append("| latency max | ").append(ms(r.maxMs())).append(" ms |\n");
        body.append("| answers by status | ").append(r.statuses()).append(" |\n");
        body.append("| transport errors | ").append(r.transportErrors()).append(" |\n");
        body.append("| people in the app afterwards | ").append(r.people()).append(" |\n");
        body.append("| distinct emails among them | ").append(r.distinctPersonEmails()).append(" |\n");
        body.append("| registration links | ").append(r.registrations()).append(" |\n");
        body.append("| distinct people linked | ").append(r.distinctRegisteredPeople()).append(" |\n");
        body.append("| email keys | ").append(r.emailKeys()).append(" |\n\n");
        targets.add(new String[]{"burst: exactly " + r.sent() + " people, no duplicates, only 200",
                r.people() + " people, " + r.distinctPersonEmails() + " emails, " + r.statuses(),
                r.proven() ? "met" : "not met"});
    }

    void rules(Collection<RunResult> results) {
        body.append("## 4. Rules (JMH)\n\n");
        body.append("`AttendeeParser.parse` + `Decider.decide` on the same webhook body as above (eight mapping rules), ")
                .append("average time per call; JMH 1.37, 1 fork, 5 warm-up and 5 measured iterations of 2 s.\n\n");
        body.append("Command: `java -jar bench/target/bench.jar --only rules` (or JMH directly: ")
                .append("`java -cp bench/target/bench.jar org.openjdk.jmh.Main RulesBenchmark`).\n\n");
        body.append("| benchmark | per call | error (99.9%) |\n| --- | ---: | ---: |\n");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            body.append("| ").append(name).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f %s", r.getPrimaryResult().getScore(),
                            r.getPrimaryResult().getScoreUnit()))
                    .append(" | ").append(String.format(Locale.ROOT, "± %.2f", r.getPrimaryResult().getScoreError()))
                    .append(" |\n");
        }
        body.append('\n');
    }

    void finish() {
        body.append("## Load\n\nThe machine is shared with other work; its load average (1, 5, 15 min) was `")
                .append(loadAtStart).append("` at the start and `").append(loadAverage()).append("` at the end.\n");
    }

    String text() {
        StringBuilder t = new StringBuilder();
        t.append("# Benchmark results\n\n");
        t.append("Run ").append(startedAt).append(" with `java -jar bench/target/bench.jar")
                .append(args.isBlank() ? "" : " " + args).append("` after `mvn -q -DskipTests package`. ")
                .append("What each figure means: [README.md](README.md).\n\n");
        t.append("## Targets\n\n| target | measured | |\n| --- | --- | --- |\n");
        for (String[] target : targets) {
            t.append("| ").append(target[0]).append(" | ").append(target[1]).append(" | ").append(target[2]).append(" |\n");
        }
        t.append('\n').append(machine).append(body);
        return t.toString();
    }

    String summary() {
        StringBuilder s = new StringBuilder("\ntargets:\n");
        for (String[] target : targets) {
            s.append("  ").append(target[2].equals("met") ? "met      " : "NOT MET  ").append(target[0]).append(": ")
                    .append(target[1]).append('\n');
        }
        return s.toString();
    }

    private static String oneLine(String text) {
        String line = text.replace('|', '/').replace('`', '\'').replaceAll("\\s+", " ");
        return line.length() > 400 ? line.substring(0, 400) + " ..." : line;
    }

    private static long size(Path jar) {
        try {
            return Files.size(jar);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String shell(String command) {
        try {
            Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return text;
        } catch (IOException e) {
            return "(" + command + " failed: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }
}
