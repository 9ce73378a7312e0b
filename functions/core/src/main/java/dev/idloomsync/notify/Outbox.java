package dev.idloomsync.notify;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Owner emails that are written in the same transaction as the removal and sent after it. An email
 * is claimed for a short lease before it is sent and deleted once SES took it, so that the webhook
 * and the scheduled sender never both send it; if SES fails it stays, and is tried again later.
 */
public final class Outbox {
    /** How long a sender owns an email before another may try it. */
    public static final Duration LEASE = Duration.ofSeconds(60);
    static final String PK_VALUE = "OUTBOX";
    static final String SK_PREFIX = "PENDING#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final EmailSender sender;

    public Outbox(DynamoDbClient dynamo, String table, EmailSender sender) {
        this.dynamo = dynamo;
        this.table = table;
        this.sender = sender;
    }

    /** The item to put in the removal's transaction; the webhook that writes it holds the first lease. */
    public static Map<String, AttributeValue> item(PendingEmail email, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(PK_VALUE));
        item.put("sk", AttributeValue.fromS(SK_PREFIX + email.id()));
        item.put("shortcode", AttributeValue.fromS(email.shortcode()));
        item.put("to", AttributeValue.fromS(email.to()));
        item.put("subject", AttributeValue.fromS(email.subject()));
        item.put("html", AttributeValue.fromS(email.html()));
        item.put("text", AttributeValue.fromS(email.text()));
        item.put("createdAt", AttributeValue.fromS(now.toString()));
        item.put("claimedUntil", AttributeValue.fromN(Long.toString(now.plus(LEASE).toEpochMilli())));
        item.put("attempts", AttributeValue.fromN("0"));
        return item;
    }

    /** Sends an email that the caller holds the lease of; false when SES refused it (it stays pending). */
    public boolean sendClaimed(PendingEmail email) {
        try {
            sender.send(email);
        } catch (RuntimeException e) {
            recordFailure(email.id(), e);
            return false;
        }
        dynamo.deleteItem(r -> r.tableName(table).key(key(email.id())));
        return true;
    }

    /** Sends every pending email whose lease has run out; returns how many were sent and failed. */
    public Result sendDue(Instant now) {
        int sent = 0;
        int failed = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(r -> r.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PK_VALUE),
                            ":prefix", AttributeValue.fromS(SK_PREFIX)))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                PendingEmail email = fromItem(item);
                if (!claim(email.id(), now)) {
                    continue;
                }
                if (sendClaimed(email)) {
                    sent++;
                } else {
                    failed++;
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new Result(sent, failed);
    }

    /** What one run of the scheduled sender did. */
    public record Result(int sent, int failed) {
    }

    private boolean claim(String id, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(id))
                    .updateExpression("SET claimedUntil = :until")
                    .conditionExpression("attribute_exists(pk) AND claimedUntil < :now")
                    .expressionAttributeValues(Map.of(
                            ":until", AttributeValue.fromN(Long.toString(now.plus(LEASE).toEpochMilli())),
                            ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private void recordFailure(String id, RuntimeException e) {
        String why = e.getClass().getSimpleName();
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(id))
                    .updateExpression("SET attempts = attempts + :one, lastError = :why")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                            ":why", AttributeValue.fromS(why))));
        } catch (RuntimeException ignored) {
            // The email stays pending either way; the count is only for the operator.
        }
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("pk", AttributeValue.fromS(PK_VALUE), "sk", AttributeValue.fromS(SK_PREFIX + id));
    }

    private static PendingEmail fromItem(Map<String, AttributeValue> item) {
        return new PendingEmail(item.get("sk").s().substring(SK_PREFIX.length()), item.get("shortcode").s(),
                item.get("to").s(), item.get("subject").s(), item.get("html").s(), item.get("text").s());
    }
}
