package dev.idloomsync.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Copies of what the child processes run (the Lambda jars, the local runner, the child classes and
 * aws-lambda-java-core), taken once at the start, so that a build running meanwhile cannot change
 * them halfway through a run.
 */
record Inputs(Path webhookJar, Path adminJar, Path localJar, Path childClasses, Path lambdaCore) {
    static final String WEBHOOK_JAR = "functions/webhooks/target/webhooks-lambda.jar";
    static final String ADMIN_JAR = "functions/admin/target/admin-lambda.jar";
    static final String LOCAL_JAR = "local/target/idloom-sync-local.jar";
    private static final List<Class<?>> CHILD_CLASSES = List.of(ColdStartChild.class, JarCheckChild.class,
            TrivialHandler.class);

    static Inputs take(Path root, Path work) throws IOException {
        Path dir = Files.createDirectories(work.resolve("inputs"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        for (Class<?> type : CHILD_CLASSES) {
            String name = type.getName().replace('.', '/') + ".class";
            Path target = classes.resolve(name);
            Files.createDirectories(target.getParent());
            try (InputStream in = type.getClassLoader().getResourceAsStream(name)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path lambdaCore;
        try {
            lambdaCore = Path.of(RequestStreamHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot find aws-lambda-java-core", e);
        }
        return new Inputs(copy(root.resolve(WEBHOOK_JAR), dir), copy(root.resolve(ADMIN_JAR), dir),
                copy(root.resolve(LOCAL_JAR), dir), classes, copy(lambdaCore, dir));
    }

    private static Path copy(Path file, Path dir) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build first with mvn -q -DskipTests package");
        }
        return Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
}
