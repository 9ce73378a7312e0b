package dev.idloomsync.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import dev.idloomsync.testkit.TemplateTables;

/**
 * The local runner's settings: its ports, the AWS endpoint to use instead of starting moto_server,
 * and the checkout it reads {@code template.yaml} and {@code events/} from. Port 0 means any free port.
 */
public record LocalOptions(int port, int motoPort, int idloomPort, URI awsEndpoint, Path projectRoot) {

    public static final int DEFAULT_PORT = 3000;
    public static final int DEFAULT_MOTO_PORT = 4566;
    public static final int DEFAULT_IDLOOM_PORT = 8099;

    static final String USAGE = """
            Runs idloom-sync on this machine: moto_server (DynamoDB, KMS, SES), a fake idloom with demo
            data, and the routes of template.yaml served through the Lambda handler classes.

            usage: java -jar local/target/idloom-sync-local.jar [options]
              --port N          HTTP port of the API (default 3000)
              --moto-port N     port moto_server is started on (default 4566); unused when
                                AWS_ENDPOINT_URL is set, which points at an emulator already running
              --idloom-port N   port of the fake idloom (default 8099)
              --help            this text
            Port 0 picks a free port. MOTO_SERVER names the moto_server executable if it is not on the PATH.
            """;

    /** The options of a command line, with {@code AWS_ENDPOINT_URL} taken from {@code env}. */
    public static LocalOptions parse(String[] args, Map<String, String> env) {
        int port = DEFAULT_PORT;
        int motoPort = DEFAULT_MOTO_PORT;
        int idloomPort = DEFAULT_IDLOOM_PORT;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--port" -> port = portValue(option, args, ++i);
                case "--moto-port" -> motoPort = portValue(option, args, ++i);
                case "--idloom-port" -> idloomPort = portValue(option, args, ++i);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        String endpoint = env.get("AWS_ENDPOINT_URL");
        URI awsEndpoint = endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.strip());
        return new LocalOptions(port, motoPort, idloomPort, awsEndpoint, findProjectRoot());
    }

    /** The checkout: the folder of template.yaml, found by walking up from the working directory. */
    public static Path findProjectRoot() {
        try {
            return TemplateTables.findTemplate().getParent();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Run it from inside the idloom-sync checkout: it reads template.yaml and"
                    + " events/ there, and none was found above " + Path.of("").toAbsolutePath() + ".", e);
        }
    }

    public Path template() {
        return projectRoot.resolve("template.yaml");
    }

    private static int portValue(String option, String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a port number");
        }
        try {
            int port = Integer.parseInt(args[index]);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a port number from 0 to 65535, not '" + args[index] + "'");
        }
    }
}
