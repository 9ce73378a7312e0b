package dev.idloomsync.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The settings every function reads once at start-up from its environment. A missing required
 * variable stops the start with its name. {@code publicBaseUrl} (optional) is the API's address as
 * idloom reaches it, for the webhook URLs; without it they are made from the request's host.
 */
public record Settings(String tableName, String senderEmail, String kmsKeyId, String region, URI endpoint,
                       Duration setupCache, String publicBaseUrl) {

    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    public static Settings from(Map<String, String> env) {
        String endpoint = optional(env, "AWS_ENDPOINT_URL");
        String region = optional(env, "AWS_REGION");
        String cache = optional(env, "SETUP_CACHE_SECONDS");
        return new Settings(required(env, "TABLE_NAME"), optional(env, "SENDER_EMAIL"), optional(env, "KMS_KEY_ID"),
                region == null ? "us-east-1" : region, endpoint == null ? null : URI.create(endpoint),
                Duration.ofSeconds(cache == null ? 30 : Long.parseLong(cache)), optional(env, "PUBLIC_BASE_URL"));
    }

    /** The sender address, which functions that send email cannot do without. */
    public String requireSenderEmail() {
        if (senderEmail == null) {
            throw new IllegalStateException("environment variable SENDER_EMAIL is not set: "
                    + "set it to an SES-verified sender address (template parameter SenderEmail)");
        }
        return senderEmail;
    }

    private static String required(Map<String, String> env, String name) {
        String value = optional(env, name);
        if (value == null) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    private static String optional(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
