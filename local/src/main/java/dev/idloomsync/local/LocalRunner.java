package dev.idloomsync.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import dev.idloomsync.admin.AdminService;
import dev.idloomsync.config.AwsClients;
import dev.idloomsync.config.Settings;
import dev.idloomsync.http.Json;
import dev.idloomsync.idloom.IdloomClient;
import dev.idloomsync.store.KmsApiKeyCipher;
import dev.idloomsync.store.SetupStore;
import dev.idloomsync.testkit.FakeIdloom;
import dev.idloomsync.testkit.MotoServer;
import dev.idloomsync.testkit.TemplateTables;
import dev.idloomsync.webhooks.WebhookParts;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;

/**
 * Runs idloom-sync on a laptop, without Docker or an AWS account: moto_server (or the emulator at
 * {@code AWS_ENDPOINT_URL}) with the template's table, a KMS key and a verified SES sender; a fake
 * idloom with demo data; the demo app; and the template's routes on {@code http://127.0.0.1:3000},
 * served through the Lambda handler classes, as {@code sam local start-api} would.
 *
 * <pre>mvn -q -DskipTests package &amp;&amp; java -jar local/target/idloom-sync-local.jar</pre>
 */
public final class LocalRunner implements AutoCloseable {
    static final String TABLE_NAME = "idloom-sync-local";
    static final String SENDER_EMAIL = "sync@idloom-sync.local";
    static final String KMS_ALIAS = "alias/idloom-sync-local";
    static final List<String> WEBHOOKS = List.of("create", "update", "delete");
    /** The burst benchmark sends from 32 clients at once; each gets a thread. */
    static final int HTTP_THREADS = 32;
    static final Duration SCHEDULE_EVERY = Duration.ofSeconds(60);

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final LocalOptions options;
    private MotoServer moto;
    private boolean emulatorIsMoto;
    private URI awsEndpoint;
    private Settings settings;
    private DynamoDbClient dynamo;
    private FakeIdloom idloom;
    private HttpServer server;
    private TemplateRoutes template;
    private Path bodies;

    private LocalRunner(LocalOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(LocalOptions.USAGE);
            return;
        }
        LocalRunner runner;
        LocalOptions options = null;
        try {
            options = LocalOptions.parse(args, System.getenv());
            runner = start(options);
        } catch (IllegalArgumentException badOption) {
            System.err.println("The local runner did not start: " + badOption.getMessage());
            System.err.print(LocalOptions.USAGE);
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            // Our own failures say what to do; an AWS SDK or I/O one is named by its type.
            System.err.println("The local runner did not start: "
                    + (e instanceof IllegalStateException ? e.getMessage() : e.toString()));
            if (options != null && options.awsEndpoint() != null) {
                System.err.println("AWS_ENDPOINT_URL is " + options.awsEndpoint()
                        + ": is the emulator running there? Unset it to have the runner start moto_server.");
            }
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runner::close, "local-runner-stop"));
        System.out.println(runner.banner());
        runner.awaitStop();
    }

    /** Starts everything and returns once the API answers; {@link #close()} stops it all. */
    public static LocalRunner start(LocalOptions options) {
        LocalRunner runner = new LocalRunner(options);
        try {
            runner.startAll();
            return runner;
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    private void startAll() {
        Path target = options.projectRoot().resolve("local").resolve("target");
        template = TemplateRoutes.read(options.template());

        // The API's port first: when it is taken, another runner is most likely up.
        server = bindHttp(options.port());
        String apiBase = "http://127.0.0.1:" + server.getAddress().getPort();
        idloom = closing(startIdloom(options.idloomPort()));
        awsEndpoint = options.awsEndpoint();
        if (awsEndpoint == null) {
            moto = closing(options.motoPort() == 0 ? MotoServer.start() : MotoServer.startOn(options.motoPort(), target));
            awsEndpoint = moto.endpoint();
        }
        emulatorIsMoto = moto != null || MotoServer.answersAt(awsEndpoint);

        // Region and credentials as a Lambda gets them; AwsClients uses test keys for an emulator.
        String region = dev.idloomsync.testkit.AwsClients.region().id();
        Settings bootstrap = new Settings(TABLE_NAME, SENDER_EMAIL, null, region, awsEndpoint, Duration.ZERO, apiBase);
        AwsClients clients = new AwsClients(bootstrap);
        dynamo = closing(clients.dynamo());
        KmsClient kms = closing(clients.kms());
        SesV2Client ses = closing(clients.ses());

        TemplateTables.createTable(dynamo, options.template(), "SyncTable", TABLE_NAME);
        verifySender(ses);
        // Setup changes apply at once locally (no 30 s cache), so that the admin walk-through shows them.
        settings = new Settings(TABLE_NAME, SENDER_EMAIL, kmsKey(kms), bootstrap.region(), awsEndpoint,
                Duration.ZERO, apiBase);
        DemoSeed.seed(new SetupStore(dynamo, TABLE_NAME), new KmsApiKeyCipher(kms, settings.kmsKeyId()),
                idloom.baseUrl());
        bodies = writeBodies(target.resolve("bodies"));

        Clock clock = Clock.systemUTC();
        WebhookParts webhooks = WebhookParts.build(settings, dynamo, ses, kms, clock);
        AdminService admin = AdminService.build(settings, dynamo, kms, IdloomClient::new, clock);
        Map<String, RequestStreamHandler> handlers = new LocalHandlers(webhooks, admin, clock).forFunctions(template);
        serve(handlers, "127.0.0.1:" + server.getAddress().getPort());
        schedule(handlers);
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:3000}. */
    public URI apiUrl() {
        return URI.create(settings.publicBaseUrl());
    }

    /** The AWS endpoint in use: the moto_server started here, or {@code AWS_ENDPOINT_URL}. */
    public URI awsEndpoint() {
        return awsEndpoint;
    }

    /** The settings the handlers run with (table name, KMS key, sender). */
    public Settings settings() {
        return settings;
    }

    /** The folder the demo webhook bodies were written to ({@code create.json}, ...). */
    public Path bodies() {
        return bodies;
    }

    /** Waits until {@link #close()} runs (Ctrl-C). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops the servers, the schedule and moto_server, last started first. */
    @Override
    public synchronized void close() {
        while (!toClose.isEmpty()) {
            try {
                toClose.pop().close();
            } catch (Exception e) {
                System.err.println("while stopping the local runner: " + e);
            }
        }
        stopped.countDown();
    }

    // ---------------------------------------------------------------- parts

    private HttpServer bindHttp(int port) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
            toClose.push(() -> http.stop(0));
            return http;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serve the API on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "). Is another runner up? Stop it, or choose another port with --port.", e);
        }
    }

    private static FakeIdloom startIdloom(int port) {
        try {
            return FakeIdloom.demo(port);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("Cannot start the fake idloom on 127.0.0.1:" + port + " ("
                    + e.getCause().getMessage() + "). Choose another port with --idloom-port.", e);
        }
    }

    private void serve(Map<String, RequestStreamHandler> handlers, String domainName) {
        ExecutorService pool = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads("local-api"));
        toClose.push(pool::shutdownNow);
        server.createContext("/", new LambdaHttpBridge(template, handlers, domainName));
        server.setExecutor(pool);
        server.start();
    }

    /** Scheduled functions run every minute here (AWS runs them at the template's rate). */
    private void schedule(Map<String, RequestStreamHandler> handlers) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("local-schedule"));
        toClose.push(scheduler::shutdownNow);
        for (TemplateRoutes.Function function : template.functions()) {
            if (!function.scheduled()) {
                continue;
            }
            RequestStreamHandler handler = handlers.get(function.logicalId());
            scheduler.scheduleAtFixedRate(() -> runScheduled(function, handler),
                    SCHEDULE_EVERY.toSeconds(), SCHEDULE_EVERY.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private void runScheduled(TemplateRoutes.Function function, RequestStreamHandler handler) {
        String requestId = UUID.randomUUID().toString();
        ObjectNode event = Json.object();
        event.put("version", "0");
        event.put("id", requestId);
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("time", Instant.now().toString());
        event.put("region", settings.region());
        event.putArray("resources");
        event.putObject("detail");
        try {
            handler.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), new LocalContext(function, requestId));
        } catch (IOException | RuntimeException e) {
            // Keep the schedule going, as EventBridge would call again next time.
            System.err.println(function.logicalId() + " failed on its scheduled run: " + e);
        }
    }

    private static void verifySender(SesV2Client ses) {
        try {
            ses.createEmailIdentity(r -> r.emailIdentity(SENDER_EMAIL));
        } catch (AlreadyExistsException alreadyVerified) {
            // an emulator that kept its data
        }
    }

    /** The runner's key, found by its alias, so that API keys saved on an earlier run still decrypt. */
    private static String kmsKey(KmsClient kms) {
        try {
            return kms.describeKey(r -> r.keyId(KMS_ALIAS)).keyMetadata().keyId();
        } catch (NotFoundException firstRun) {
            String keyId = kms.createKey(r -> r.description("idloom-sync local: encrypts idloom API keys"))
                    .keyMetadata().keyId();
            kms.createAlias(r -> r.aliasName(KMS_ALIAS).targetKeyId(keyId));
            return keyId;
        }
    }

    /** The bodies of events/{create,update,delete}.json, for curl's --data @file. */
    private Path writeBodies(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String webhook : WEBHOOKS) {
                JsonNode event = Json.MAPPER.readTree(options.projectRoot().resolve("events").resolve(webhook + ".json").toFile());
                String body = event.path("body").asText();
                byte[] bytes = event.path("isBase64Encoded").asBoolean(false)
                        ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
                Files.write(dir.resolve(webhook + ".json"), bytes);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo bodies from events/ to " + dir, e);
        }
    }

    private <T extends AutoCloseable> T closing(T part) {
        toClose.push(part);
        return part;
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    // ---------------------------------------------------------------- what to type next

    String banner() {
        String api = settings.publicBaseUrl();
        Path root = options.projectRoot();
        Path cwd = Path.of("").toAbsolutePath();
        String bodyDir = cwd.equals(root) ? root.relativize(bodies).toString() : bodies.toString();
        StringBuilder text = new StringBuilder();
        text.append("\nidloom-sync runs locally. Ctrl-C stops it.\n\n");
        text.append("API, the routes of template.yaml:  ").append(api).append('\n');
        for (Route route : template.routes()) {
            text.append(String.format("  %-34s %s%n", route.routeKey(), route.functionId()));
        }
        for (TemplateRoutes.Function function : template.functions()) {
            if (function.scheduled()) {
                text.append(String.format("  %-34s %s%n", "every " + SCHEDULE_EVERY.toSeconds() + " s", function.logicalId()));
            }
        }
        text.append("AWS emulator:  ").append(awsEndpoint)
                .append(moto == null ? " (AWS_ENDPOINT_URL)" : " (moto_server, log " + moto.logFile() + ")").append('\n');
        text.append("  table ").append(TABLE_NAME).append(", KMS key ").append(settings.kmsKeyId())
                .append(", SES sender ").append(SENDER_EMAIL).append('\n');
        text.append("fake idloom:   ").append(idloom.baseUrl())
                .append(" (account ").append(DemoSeed.ACCOUNT).append(", API key ").append(DemoSeed.API_KEY).append(")\n");
        text.append("demo app:      ").append(DemoSeed.SHORTCODE).append(" \"").append(DemoSeed.APP_NAME)
                .append("\", event ").append(DemoSeed.EVENT_UID).append(", webhook secret ").append(DemoSeed.WEBHOOK_SECRET)
                .append("\n\n");

        text.append("Send the webhooks of events/ (create, then update, then delete):\n");
        for (String webhook : WEBHOOKS) {
            text.append("  curl -s -X POST '").append(api).append("/idloom/").append(DemoSeed.SHORTCODE).append('/')
                    .append(webhook).append("?secret=").append(DemoSeed.WEBHOOK_SECRET)
                    .append("' -H 'content-type: application/json' --data @").append(bodyDir).append('/')
                    .append(webhook).append(".json\n");
        }
        text.append("List the people, then the sync log:\n");
        text.append("  curl -s ").append(api).append("/apps/").append(DemoSeed.SHORTCODE).append("/people\n");
        text.append("  curl -s ").append(api).append("/apps/").append(DemoSeed.SHORTCODE).append("/idloom/log\n");
        text.append("See what SES sent (ses -> Message):\n");
        if (emulatorIsMoto) {
            text.append("  curl -s ").append(awsEndpoint).append("/moto-api/data.json\n");
        } else {
            text.append("  moto: curl -s ").append(awsEndpoint).append("/moto-api/data.json")
                    .append("   LocalStack: curl -s ").append(awsEndpoint).append("/_aws/ses\n");
        }
        return text.toString();
    }
}
