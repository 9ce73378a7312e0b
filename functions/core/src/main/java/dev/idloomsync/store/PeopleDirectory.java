package dev.idloomsync.store;

import dev.idloomsync.mapping.PersonAttributes;
import dev.idloomsync.people.Origin;
import dev.idloomsync.people.Person;
import dev.idloomsync.sync.RegistrationKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin's side of an app's people: list, read, add by hand and delete, on the same items the
 * webhook sync writes ({@link DynamoPeopleStore}), with the same email uniqueness key.
 */
public final class PeopleDirectory {
    // A delete re-reads and tries again when the sync changed the person in between.
    private static final int DELETE_ATTEMPTS = 3;

    private final DynamoDbClient dynamo;
    private final String table;

    public PeopleDirectory(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A person as staff type it in; {@code custom} is keyed by custom field id. */
    public record NewPerson(String title, String firstName, String lastName, String email, String jobTitle,
                            String company, String phone, Map<String, String> profile, Map<String, String> custom,
                            List<String> groups, List<String> sessions) {

        public NewPerson {
            profile = Map.copyOf(profile);
            custom = Map.copyOf(custom);
            groups = List.copyOf(groups);
            sessions = List.copyOf(sessions);
        }
    }

    /** What adding a person did. */
    public sealed interface Created permits Added, EmailTaken {
    }

    /** The person was added. */
    public record Added(Person person) implements Created {
    }

    /** Another person of the app already has this email; nothing was written. */
    public record EmailTaken(String personId) implements Created {
    }

    /** Every person of the app, in id order. */
    public List<Person> list(String shortcode) {
        List<Person> people = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(r -> r.tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :person)")
                    .expressionAttributeValues(Map.of(":pk", Keys.s(Keys.people(shortcode)),
                            ":person", Keys.s(Keys.person(""))))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> people.add(PersonItems.toPerson(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return people;
    }

    public Optional<Person> get(String shortcode, String personId) {
        return item(shortcode, personId).map(PersonItems::toPerson);
    }

    /**
     * Adds a person of origin manual with a new random id. The person and its email key are written
     * in one transaction, so that two people of one app never share an email, whatever the sync
     * writes at the same time.
     */
    public Created createManual(String shortcode, NewPerson person, Instant createdAt) {
        String id = PersonIds.random("m-");
        Map<String, AttributeValue> item = personItem(shortcode, id, person, createdAt);
        String emailKey = PersonAttributes.emailKey(person.email());
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")).build());
        if (emailKey != null) {
            Map<String, AttributeValue> key = new HashMap<>(Keys.key(Keys.people(shortcode), Keys.email(emailKey)));
            key.put("personId", Keys.s(id));
            key.put("origin", Keys.s(Origin.MANUAL.wire()));
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(key)
                    .conditionExpression("attribute_not_exists(pk)")).build());
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException e) {
            if (emailKey != null && failedOnCondition(e, 1)) {
                return new EmailTaken(emailOwner(shortcode, emailKey));
            }
            throw e;
        }
        return new Added(PersonItems.toPerson(item));
    }

    /**
     * Deletes a person in one transaction with its email key and the registration items of its
     * links, so that idloom's next update of such a registration makes a person for it again.
     * False when the app has no person with this id.
     */
    public boolean delete(String shortcode, String personId) {
        for (int attempt = 1; ; attempt++) {
            Optional<Map<String, AttributeValue>> found = item(shortcode, personId);
            if (found.isEmpty()) {
                return false;
            }
            try {
                dynamo.transactWriteItems(r -> r.transactItems(deletion(shortcode, found.get())));
                return true;
            } catch (TransactionCanceledException e) {
                // The sync changed this person (email, links) after it was read: read it again.
                if (attempt >= DELETE_ATTEMPTS) {
                    throw new StoreBusyException("person " + personId + " kept changing while it was deleted; try again");
                }
            }
        }
    }

    private List<TransactWriteItem> deletion(String shortcode, Map<String, AttributeValue> person) {
        Person read = PersonItems.toPerson(person);
        String id = read.id();
        String people = Keys.people(shortcode);
        List<TransactWriteItem> writes = new ArrayList<>();

        Expression unchanged = new Expression();
        String condition = "attribute_exists(pk)";
        AttributeValue email = person.get(PersonAttributes.EMAIL);
        condition += email == null ? " AND attribute_not_exists(" + unchanged.name(PersonAttributes.EMAIL) + ")"
                : " AND " + unchanged.name(PersonAttributes.EMAIL) + " = " + unchanged.value(email);
        AttributeValue links = person.get(PersonItems.LINKS);
        condition += links == null ? " AND attribute_not_exists(" + unchanged.name(PersonItems.LINKS) + ")"
                : " AND " + unchanged.name(PersonItems.LINKS) + " = " + unchanged.value(links);
        unchanged.condition(condition);
        writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(Keys.key(people, Keys.person(id)))
                .conditionExpression(unchanged.condition())
                .expressionAttributeNames(unchanged.names())
                .expressionAttributeValues(unchanged.values())).build());

        String emailKey = PersonAttributes.emailKey(read.email());
        if (emailKey != null) {
            writes.add(deleteIfTheirs(people, Keys.email(emailKey), id));
        }
        for (String link : read.links()) {
            RegistrationKey key = RegistrationKey.fromLinkName(shortcode, link);
            if (key != null) {
                writes.add(deleteIfTheirs(people, Keys.registration(key), id));
            }
        }
        return writes;
    }

    /** Deletes an item that names this person, and leaves it when it has come to name another. */
    private TransactWriteItem deleteIfTheirs(String pk, String sk, String personId) {
        return TransactWriteItem.builder().delete(d -> d.tableName(table).key(Keys.key(pk, sk))
                .conditionExpression("attribute_not_exists(pk) OR personId = :pid")
                .expressionAttributeValues(Map.of(":pid", Keys.s(personId)))).build();
    }

    private Optional<Map<String, AttributeValue>> item(String shortcode, String personId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Keys.key(Keys.people(shortcode), Keys.person(personId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private String emailOwner(String shortcode, String emailKey) {
        Map<String, AttributeValue> key = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Keys.key(Keys.people(shortcode), Keys.email(emailKey)))).item();
        return key == null ? null : PersonItems.text(key, "personId");
    }

    private static boolean failedOnCondition(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static Map<String, AttributeValue> personItem(String shortcode, String id, NewPerson person,
                                                          Instant createdAt) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.people(shortcode), Keys.person(id)));
        item.put(PersonItems.ID, Keys.s(id));
        item.put(PersonItems.ORIGIN, Keys.s(Origin.MANUAL.wire()));
        putText(item, PersonAttributes.TITLE, person.title());
        putText(item, PersonAttributes.FIRST_NAME, person.firstName());
        putText(item, PersonAttributes.LAST_NAME, person.lastName());
        putText(item, PersonAttributes.EMAIL, person.email());
        putText(item, PersonAttributes.JOB_TITLE, person.jobTitle());
        putText(item, PersonAttributes.COMPANY, person.company());
        putText(item, PersonAttributes.PHONE, person.phone());
        person.profile().forEach((key, value) -> putText(item, PersonAttributes.profile(key), value));
        person.custom().forEach((fieldId, value) -> putText(item, PersonAttributes.custom(fieldId), value));
        item.put(PersonItems.GROUPS, PersonItems.list(person.groups()));
        item.put(PersonItems.SESSIONS, PersonItems.list(person.sessions()));
        item.put(PersonItems.CREATED_AT, Keys.s(createdAt.toString()));
        return item;
    }

    private static void putText(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, Keys.s(value));
        }
    }
}
