package dev.idloomsync.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The app's sync log: every webhook's outcome (applied, ignored and why, refused and why), kept
 * for 30 days. It holds ids and reasons, never a name or an email address.
 */
public final class SyncLog {
    public static final Duration KEEP = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;

    public SyncLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** One webhook outcome. */
    public record Entry(Instant at, String webhook, String outcome, int status, String reason, String eventUid,
                        String uid, String personId) {
    }

    public void write(String shortcode, Entry entry) {
        dynamo.putItem(r -> r.tableName(table).item(item(shortcode, entry)));
    }

    /** The newest entries first. */
    public List<Entry> recent(String shortcode, int limit) {
        List<Entry> entries = new ArrayList<>();
        dynamo.query(r -> r.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.log(shortcode))))
                        .scanIndexForward(false).limit(limit))
                .items().forEach(item -> entries.add(fromItem(item)));
        return entries;
    }

    static Map<String, AttributeValue> item(String shortcode, Entry entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        item.put(Keys.PK, AttributeValue.fromS(Keys.log(shortcode)));
        item.put(Keys.SK, AttributeValue.fromS(entry.at().toString() + "#" + suffix));
        item.put("at", AttributeValue.fromS(entry.at().toString()));
        item.put("webhook", AttributeValue.fromS(entry.webhook()));
        item.put("outcome", AttributeValue.fromS(entry.outcome()));
        item.put("status", AttributeValue.fromN(Integer.toString(entry.status())));
        putIfPresent(item, "reason", entry.reason());
        putIfPresent(item, "eventUid", entry.eventUid());
        putIfPresent(item, "uid", entry.uid());
        putIfPresent(item, "personId", entry.personId());
        item.put("expiresAt", AttributeValue.fromN(Long.toString(entry.at().plus(KEEP).getEpochSecond())));
        return item;
    }

    private static Entry fromItem(Map<String, AttributeValue> item) {
        return new Entry(Instant.parse(item.get("at").s()), item.get("webhook").s(), item.get("outcome").s(),
                Integer.parseInt(item.get("status").n()), text(item, "reason"), text(item, "eventUid"),
                text(item, "uid"), text(item, "personId"));
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
