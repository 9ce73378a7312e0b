package dev.idloomsync.bench;

import dev.idloomsync.testkit.MotoServer;
import dev.idloomsync.testkit.TemplateTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

public final class RunAll {
    public static void main(String[] args) throws Exception {
        Path root = TemplateTables.findTemplate().getParent();
        try (MotoServer moto = MotoServer.start(); DynamoDbClient ddb = moto.dynamoDb()) {
            TemplateTables.createTable(ddb, root.resolve("template.yaml"), "SyncTable", "bench");
            moto.verifySender(BenchApp.SENDER);
            BenchApp.seed(ddb, "bench", "cold");
            Path work = Files.createDirectories(root.resolve("bench/target/work"));
            Path core;
            try (var s = Files.list(root.resolve("bench/target/lib"))) {
                core = s.filter(f -> f.getFileName().toString().startsWith("aws-lambda-java-core")).findFirst().orElseThrow();
            }
            Map<String, String> env = Map.of("TABLE_NAME", "bench", "SENDER_EMAIL", BenchApp.SENDER,
                    "AWS_ENDPOINT_URL", moto.endpoint().toString(), "AWS_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");
            ColdStart cold = new ColdStart(root.resolve("functions/webhooks/target/webhooks-lambda.jar"),
                    root.resolve("bench/target/classes"), core, env, "cold", work);
            if (args[0].equals("serve")) { System.out.println(moto.endpoint()); System.out.flush(); Thread.sleep(3_600_000); }
            List<String> flags = args.length > 1 ? List.of(args[1].split(" ")) : ColdStart.LAMBDA_FLAGS;
            ColdStart.Jdk jdk = new ColdStart.Jdk("17", Path.of(System.getProperty("java.home")));
            ColdStart.Result r = cold.measure(jdk, flags.get(0).isEmpty() ? List.of() : flags, Integer.parseInt(args[0]));
            for (int i = 0; i < r.ours().size(); i++) {
                System.out.println(r.ours().get(i) + "   " + r.trivial().get(i));
            }
            System.out.printf("ours %.1f (init %.1f call %.1f) trivial %.1f ratio %.2f%n",
                    ColdStart.median(r.ours(), ColdStart.Run::wholeMs), ColdStart.median(r.ours(), ColdStart.Run::initMs),
                    ColdStart.median(r.ours(), ColdStart.Run::callMs), ColdStart.median(r.trivial(), ColdStart.Run::wholeMs), r.ratio());
        }
    }
}
