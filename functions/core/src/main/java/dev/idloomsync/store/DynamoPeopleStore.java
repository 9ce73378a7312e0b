package dev.idloomsync.store;

import dev.idloomsync.mapping.PersonAttributes;
import dev.idloomsync.mapping.PersonPatch;
import dev.idloomsync.notify.OwnerEmail;
import dev.idloomsync.notify.Outbox;
import dev.idloomsync.notify.PendingEmail;
import dev.idloomsync.notify.RemovalNotice;
import dev.idloomsync.people.Origin;
import dev.idloomsync.sync.Intent;
import dev.idloomsync.sync.LinkState;
import dev.idloomsync.sync.Plan;
import dev.idloomsync.sync.Planner;
import dev.idloomsync.sync.RegistrationKey;
import dev.idloomsync.sync.RegistrationState;
import dev.idloomsync.sync.SyncOutcome;
import dev.idloomsync.sync.WebhookKind;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Applies webhooks to the people list, each in one conditional DynamoDB transaction.
 *
 * <p>The common cases go first without a read: a registration the sync owns (new, or linked to the
 * person made for it with the same email) is written straight away, with conditions that hold only
 * if that assumption is true. When DynamoDB cancels it, the registration's real state is read,
 * {@link Planner} decides, and the exact plan is written with conditions on what was read; a race
 * lost there is read and planned again.
 */
public final class DynamoPeopleStore {
    static final int MAX_ATTEMPTS = 8;
    private static final String REG_PERSON = "personId";
    private static final String REG_ORIGIN = "origin";
    private static final String REG_STATE = "state";
    private static final String REG_APPLIED_AT = "appliedAt";
    private static final String REG_EMAIL_KEY = "emailKey";
    private static final String REG_EMAIL = "email";
    private static final String REG_FIRST_NAME = "firstName";
    private static final String REG_LAST_NAME = "lastName";
    private static final String REG_VERSION = "version";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final SyncLog syncLog;

    public DynamoPeopleStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.syncLog = new SyncLog(dynamo, table);
    }

    /** Applies one webhook's intent; throws {@link StoreBusyException} when races do not settle. */
    public SyncOutcome apply(WebhookKind kind, Intent intent, RemovalNotice notice) {
        String ownId = PersonIds.forRegistration(intent.key());
        Written fast = intent instanceof Intent.Upsert upsert ? fastUpsert(kind, upsert, ownId)
                : fastRemove(kind, (Intent.Remove) intent, ownId);
        if (fast.outcome != null) {
            return fast.outcome;
        }
        RegistrationState known = fast.learned;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Read read = known != null ? new Read(known, ownId) : read(intent, ownId);
            known = null;
            Plan plan = Planner.plan(intent, read.state, read.newPersonId);
            if (plan instanceof Plan.Ignore ignore) {
                String personId = read.state.link() == null ? null : read.state.link().personId();
                syncLog.write(intent.key().shortcode(), logEntry(kind, intent, "ignored", ignore.reason(), personId));
                return new SyncOutcome("ignored", ignore.reason(), personId, null);
            }
            Written written = writeExact(kind, intent, read.state, plan, notice);
            if (written.outcome != null) {
                return written.outcome;
            }
            pause(attempt);
        }
        throw new StoreBusyException("registration " + intent.key().linkName()
                + " kept changing while it was written; idloom's retry will apply it");
    }

    // ---- the fast path ------------------------------------------------------------------------

    private Written fastUpsert(WebhookKind kind, Intent.Upsert upsert, String personId) {
        RegistrationKey key = upsert.key();
        PersonPatch patch = upsert.patch();
        String emailKey = PersonAttributes.emailKey(patch.email());
        List<TransactWriteItem> items = new ArrayList<>();

        Expression reg = registrationLinked(key, upsert.updatedAt(), personId, null, patch);
        String emailCondition = "";
        if (patch.setsEmail()) {
            emailCondition = emailKey == null ? " AND attribute_not_exists(" + reg.name(REG_EMAIL_KEY) + ")"
                    : " AND " + reg.name(REG_EMAIL_KEY) + " = " + reg.value(emailKey);
        }
        reg.condition("attribute_not_exists(pk) OR (" + reg.name(REG_PERSON) + " = " + reg.value(personId)
                + " AND " + reg.name(REG_STATE) + " = " + reg.value(LinkState.LINKED.name())
                + " AND " + reg.name(REG_APPLIED_AT) + " < " + reg.value(upsert.updatedAt()) + emailCondition + ")");
        items.add(update(Keys.registration(key), key.shortcode(), reg));
        if (emailKey != null) {
            items.add(putEmailKey(key.shortcode(), emailKey, personId, Origin.IDLOOM, true));
        }
        items.add(update(Keys.person(personId), key.shortcode(), personUpsert(personId, upsert, Origin.IDLOOM, true)));
        items.add(logItem(kind, upsert, "applied", "person brought up to date", personId));
        Cancelled cancelled = transact(items);
        if (cancelled == null) {
            return Written.done(new SyncOutcome("upserted", "person brought up to date", personId, null));
        }
        return Written.retry(null);
    }

    private Written fastRemove(WebhookKind kind, Intent.Remove remove, String personId) {
        if (remove.emailKey() == null) {
            return Written.retry(null);
        }
        RegistrationKey key = remove.key();
        Expression reg = registrationLeaving(key, remove, null);
        String condition = reg.name(REG_PERSON) + " = " + reg.value(personId)
                + " AND " + reg.name(REG_STATE) + " = " + reg.value(LinkState.LINKED.name())
                + " AND " + reg.name(REG_EMAIL_KEY) + " = " + reg.value(remove.emailKey());
        if (remove.becomes() == LinkState.EXCLUDED) {
            condition += " AND " + reg.name(REG_APPLIED_AT) + " < " + reg.value(remove.updatedAt());
        }
        reg.condition(condition);
        Expression person = new Expression();
        person.condition(person.name(PersonItems.ORIGIN) + " = " + person.value(Origin.IDLOOM.wire())
                + " AND size(" + person.name(PersonItems.LINKS) + ") = " + person.value(1)
                + " AND contains(" + person.name(PersonItems.LINKS) + ", " + person.value(key.linkName()) + ")");
        List<TransactWriteItem> items = List.of(
                update(Keys.registration(key), key.shortcode(), reg),
                delete(Keys.person(personId), key.shortcode(), person),
                deleteEmailKey(key.shortcode(), remove.emailKey(), personId),
                logItem(kind, remove, "applied", "removed: " + remove.reason(), personId));
        Cancelled cancelled = transact(items);
        if (cancelled == null) {
            return Written.done(new SyncOutcome("removed", remove.reason(), personId, null));
        }
        return Written.retry(stateFromCancelledRemoval(cancelled, personId, key));
    }

    /**
     * The registration's state when the cancellation itself tells it: absent, or linked to a person
     * added by hand (never deleted, so its other links do not matter). Null when a read is needed.
     */
    private static RegistrationState stateFromCancelledRemoval(Cancelled cancelled, String ownId, RegistrationKey key) {
        CancellationReason regReason = cancelled.reasons.get(0);
        if (!"ConditionalCheckFailed".equals(regReason.code())) {
            return null;
        }
        if (!regReason.hasItem() || regReason.item().isEmpty()) {
            return new RegistrationState(null, null, null, null);
        }
        RegistrationState.Link link = link(regReason.item());
        if (link.state() == LinkState.LINKED && link.origin() == Origin.MANUAL && !ownId.equals(link.personId())) {
            return new RegistrationState(link, null, null,
                    new RegistrationState.LinkedPerson(link.personId(), Origin.MANUAL, Set.of(key.linkName())));
        }
        if (link.state() != LinkState.LINKED) {
            return new RegistrationState(link, null, null, null);
        }
        return null;
    }

    // ---- the exact path -----------------------------------------------------------------------

    private record Read(RegistrationState state, String newPersonId) {
    }

    private Read read(Intent intent, String ownId) {
        RegistrationKey key = intent.key();
        String people = Keys.people(key.shortcode());
        String emailKey = intent instanceof Intent.Upsert upsert ? PersonAttributes.emailKey(upsert.patch().email()) : null;
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        keys.add(Keys.key(people, Keys.registration(key)));
        keys.add(Keys.key(people, Keys.person(ownId)));
        if (emailKey != null) {
            keys.add(Keys.key(people, Keys.email(emailKey)));
        }
        Map<String, Map<String, AttributeValue>> found = batchGet(keys);

        Map<String, AttributeValue> regItem = found.get(Keys.registration(key));
        Map<String, AttributeValue> ownItem = found.get(Keys.person(ownId));
        Map<String, AttributeValue> emailItem = emailKey == null ? null : found.get(Keys.email(emailKey));
        RegistrationState.Link link = regItem == null ? null : link(regItem);

        RegistrationState.LinkedPerson person = null;
        if (link != null && link.personId() != null && link.state() == LinkState.LINKED) {
            if (link.personId().equals(ownId)) {
                person = ownItem == null ? null : linkedPerson(ownItem);
            } else if (intent instanceof Intent.Remove && link.origin() == Origin.IDLOOM) {
                Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                        .key(Keys.key(people, Keys.person(link.personId())))).item();
                person = item == null || item.isEmpty() ? null : linkedPerson(item);
            } else {
                // Staff never delete a linked person without its links going too, so it is there.
                person = new RegistrationState.LinkedPerson(link.personId(), link.origin(), Set.of(key.linkName()));
            }
        }
        String ownerId = emailItem == null ? null : PersonItems.text(emailItem, REG_PERSON);
        Origin ownerOrigin = emailItem == null ? null : Origin.fromWire(PersonItems.text(emailItem, "origin"));
        boolean ownIdTaken = ownItem != null && (link == null || !ownId.equals(link.personId())
                || link.state() != LinkState.LINKED);
        String newPersonId = ownIdTaken ? PersonIds.random("p-") : ownId;
        return new Read(new RegistrationState(link, ownerId, ownerOrigin, person), newPersonId);
    }

    private Map<String, Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        Map<String, KeysAndAttributes> request = Map.of(table,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> ask = request;
            BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(ask));
            response.responses().getOrDefault(table, List.of()).forEach(item -> found.put(item.get(Keys.SK).s(), item));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return found;
    }

    /** Writes a plan with conditions on the state it was made from; retry when the state moved on. */
    private Written writeExact(WebhookKind kind, Intent intent, RegistrationState state, Plan plan,
                               RemovalNotice notice) {
        List<TransactWriteItem> items = new ArrayList<>();
        SyncOutcome outcome;
        if (plan instanceof Plan.CreatePerson create) {
            outcome = createPerson((Intent.Upsert) intent, state, create, items);
        } else if (plan instanceof Plan.UpdatePerson change) {
            outcome = updatePerson((Intent.Upsert) intent, state, change, items);
        } else if (plan instanceof Plan.DeletePerson removal) {
            outcome = deletePerson((Intent.Remove) intent, state, removal, items);
        } else if (plan instanceof Plan.UnlinkPerson unlink) {
            outcome = unlinkPerson((Intent.Remove) intent, state, unlink, notice, items);
        } else {
            outcome = recordAbsence((Intent.Remove) intent, state, (Plan.RecordAbsence) plan, items);
        }
        items.add(logItem(kind, intent, "applied", outcome.action() + ": " + outcome.reason(), outcome.personId()));
        return transact(items) == null ? Written.done(outcome) : Written.retry(null);
    }

    private SyncOutcome createPerson(Intent.Upsert upsert, RegistrationState state, Plan.CreatePerson create,
                                     List<TransactWriteItem> items) {
        RegistrationKey key = upsert.key();
        String shortcode = key.shortcode();
        items.add(update(Keys.registration(key), shortcode, expectVersion(
                registrationLinked(key, upsert.updatedAt(), create.personId(), Origin.IDLOOM, upsert.patch()),
                state.link())));
        String emailKey = PersonAttributes.emailKey(upsert.patch().email());
        if (emailKey != null) {
            items.add(putEmailKey(shortcode, emailKey, create.personId(), Origin.IDLOOM, false));
        }
        Expression person = personUpsert(create.personId(), upsert, Origin.IDLOOM, true);
        person.condition("attribute_not_exists(pk)");
        items.add(update(Keys.person(create.personId()), shortcode, person));
        return new SyncOutcome("created", "new person of origin idloom", create.personId(), null);
    }

    private SyncOutcome updatePerson(Intent.Upsert upsert, RegistrationState state, Plan.UpdatePerson change,
                                     List<TransactWriteItem> items) {
        RegistrationKey key = upsert.key();
        String shortcode = key.shortcode();
        PersonPatch patch = change.email().conflict() ? upsert.patch().withoutEmail() : upsert.patch();
        Origin origin = change.newLink() ? state.emailOwnerOrigin() : null;
        items.add(update(Keys.registration(key), shortcode, expectVersion(
                registrationLinked(key, upsert.updatedAt(), change.personId(), origin, patch), state.link())));
        Intent.Upsert applied = new Intent.Upsert(key, upsert.updatedAt(), patch, upsert.groupForNewPeople());
        Expression person = personUpsert(change.personId(), applied, null, false);
        person.condition("attribute_exists(pk)");
        items.add(update(Keys.person(change.personId()), shortcode, person));
        if (change.newLink()) {
            // The email still belongs to the person it is linked to by.
            Expression owner = new Expression();
            owner.condition(owner.name(REG_PERSON) + " = " + owner.value(change.personId()));
            items.add(TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                    .key(Keys.key(Keys.people(shortcode), Keys.email(PersonAttributes.emailKey(patch.email()))))
                    .conditionExpression(owner.condition()).expressionAttributeNames(owner.names())
                    .expressionAttributeValues(owner.values())).build());
        }
        if (change.email().removeKey() != null) {
            items.add(deleteEmailKey(shortcode, change.email().removeKey(), change.personId()));
        }
        if (change.email().addKey() != null) {
            Origin keyOrigin = state.link() != null && state.link().origin() != null ? state.link().origin() : Origin.IDLOOM;
            items.add(putEmailKey(shortcode, change.email().addKey(), change.personId(), keyOrigin, true));
        }
        if (change.newLink()) {
            return new SyncOutcome("linked", "linked by email to an existing person, who keeps its origin",
                    change.personId(), null);
        }
        return new SyncOutcome("updated", change.email().conflict()
                ? "person brought up to date; the new email belongs to another person, so the email was not changed"
                : "person brought up to date", change.personId(), null);
    }

    private SyncOutcome deletePerson(Intent.Remove remove, RegistrationState state, Plan.DeletePerson removal,
                                     List<TransactWriteItem> items) {
        RegistrationKey key = remove.key();
        String shortcode = key.shortcode();
        items.add(update(Keys.registration(key), shortcode,
                expectVersion(registrationLeaving(key, remove, state.link()), state.link())));
        Expression person = new Expression();
        person.condition("attribute_exists(pk) AND size(" + person.name(PersonItems.LINKS) + ") = " + person.value(1));
        items.add(delete(Keys.person(removal.personId()), shortcode, person));
        if (state.link().emailKey() != null) {
            items.add(deleteEmailKey(shortcode, state.link().emailKey(), removal.personId()));
        }
        return new SyncOutcome("removed", remove.reason(), removal.personId(), null);
    }

    private SyncOutcome unlinkPerson(Intent.Remove remove, RegistrationState state, Plan.UnlinkPerson unlink,
                                     RemovalNotice notice, List<TransactWriteItem> items) {
        RegistrationKey key = remove.key();
        String shortcode = key.shortcode();
        items.add(update(Keys.registration(key), shortcode,
                expectVersion(registrationLeaving(key, remove, state.link()), state.link())));
        Expression person = new Expression()
                .deleteFromSet(PersonItems.LINKS, key.linkName())
                .remove(PersonItems.syncGroups(key.linkName()))
                .remove(PersonItems.syncSessions(key.linkName()));
        person.condition("attribute_exists(pk)");
        items.add(update(Keys.person(unlink.personId()), shortcode, person));
        if (!unlink.notifyOwner() || notice == null || notice.ownerEmail() == null) {
            return new SyncOutcome("unlinked", unlink.reason(), unlink.personId(), null);
        }
        RegistrationState.Link link = state.link();
        Instant now = clock.instant();
        PendingEmail email = OwnerEmail.compose(now + "#" + shortcode + "#" + key.linkName(), shortcode,
                notice, link.firstName(), link.lastName(), link.email(), remove.reason());
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(Outbox.item(email, now))
                .conditionExpression("attribute_not_exists(pk)")).build());
        return new SyncOutcome("unlinked", unlink.reason(), unlink.personId(), email);
    }

    private SyncOutcome recordAbsence(Intent.Remove remove, RegistrationState state, Plan.RecordAbsence absence,
                                      List<TransactWriteItem> items) {
        RegistrationKey key = remove.key();
        items.add(update(Keys.registration(key), key.shortcode(),
                expectVersion(registrationLeaving(key, remove, state.link()), state.link())));
        return new SyncOutcome("recorded", absence.reason(), null, null);
    }

    // ---- item builders ------------------------------------------------------------------------

    /** The registration's item as linked to a person; {@code origin} null keeps the one it has. */
    private static Expression registrationLinked(RegistrationKey key, long updatedAt, String personId, Origin origin,
                                                 PersonPatch patch) {
        Expression e = new Expression()
                .set(REG_PERSON, personId)
                .set(REG_STATE, LinkState.LINKED.name())
                .set(REG_APPLIED_AT, AttributeValue.fromN(Long.toString(updatedAt)))
                .set("eventUid", key.eventUid())
                .set("uid", key.uid())
                .increment(REG_VERSION);
        if (origin != null) {
            e.set(REG_ORIGIN, origin.wire());
        } else {
            e.setIfAbsent(REG_ORIGIN, AttributeValue.fromS(Origin.IDLOOM.wire()));
        }
        // A snapshot of who the registration is, for the owner email when it leaves.
        if (patch.setsEmail()) {
            e.setOrRemove(REG_EMAIL_KEY, PersonAttributes.emailKey(patch.email()));
            e.setOrRemove(REG_EMAIL, patch.email());
        }
        if (patch.values().containsKey(PersonAttributes.FIRST_NAME)) {
            e.setOrRemove(REG_FIRST_NAME, patch.values().get(PersonAttributes.FIRST_NAME));
        }
        if (patch.values().containsKey(PersonAttributes.LAST_NAME)) {
            e.setOrRemove(REG_LAST_NAME, patch.values().get(PersonAttributes.LAST_NAME));
        }
        return e;
    }

    /** The registration's item once it leaves the app; its time never goes backwards. */
    private static Expression registrationLeaving(RegistrationKey key, Intent.Remove remove, RegistrationState.Link link) {
        long at = link == null ? remove.updatedAt() : Math.max(link.appliedAt(), remove.updatedAt());
        return new Expression()
                .set(REG_STATE, remove.becomes().name())
                .set(REG_APPLIED_AT, AttributeValue.fromN(Long.toString(at)))
                .set("eventUid", key.eventUid())
                .set("uid", key.uid())
                .increment(REG_VERSION);
    }

    private static Expression expectVersion(Expression e, RegistrationState.Link link) {
        if (link == null) {
            return e.condition("attribute_not_exists(pk)");
        }
        return e.condition(e.name(REG_VERSION) + " = " + e.value(link.version()));
    }

    /**
     * The person's update: default and mapped fields, the sync's memberships for this registration,
     * the link. A new person gets its origin, creation time and the group for new people.
     */
    private static Expression personUpsert(String personId, Intent.Upsert upsert, Origin origin, boolean mayBeNew) {
        Expression e = new Expression().set(PersonItems.ID, personId);
        if (mayBeNew) {
            e.setIfAbsent(PersonItems.ORIGIN, AttributeValue.fromS(origin.wire()));
            e.setIfAbsent(PersonItems.CREATED_AT, AttributeValue.fromS(Instant.ofEpochMilli(upsert.updatedAt()).toString()));
            e.setIfAbsent(PersonItems.GROUPS, PersonItems.list(List.of(upsert.groupForNewPeople())));
            e.setIfAbsent(PersonItems.SESSIONS, PersonItems.list(List.of()));
        }
        upsert.patch().values().forEach(e::setOrRemove);
        String link = upsert.key().linkName();
        if (upsert.patch().groups() != null) {
            e.set(PersonItems.syncGroups(link), PersonItems.list(upsert.patch().groups()));
        }
        if (upsert.patch().sessions() != null) {
            e.set(PersonItems.syncSessions(link), PersonItems.list(upsert.patch().sessions()));
        }
        e.addToSet(PersonItems.LINKS, link);
        return e;
    }

    private TransactWriteItem update(String sk, String shortcode, Expression e) {
        return TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(Keys.key(Keys.people(shortcode), sk))
                .updateExpression(e.update())
                .conditionExpression(e.condition())
                .expressionAttributeNames(e.names())
                .expressionAttributeValues(e.values())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build();
    }

    private TransactWriteItem delete(String sk, String shortcode, Expression e) {
        return TransactWriteItem.builder().delete(d -> d.tableName(table)
                .key(Keys.key(Keys.people(shortcode), sk))
                .conditionExpression(e.condition())
                .expressionAttributeNames(e.names())
                .expressionAttributeValues(e.values())).build();
    }

    private TransactWriteItem putEmailKey(String shortcode, String emailKey, String personId, Origin origin,
                                          boolean mayBeTheirs) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.people(shortcode), Keys.email(emailKey)));
        item.put(REG_PERSON, AttributeValue.fromS(personId));
        item.put("origin", AttributeValue.fromS(origin.wire()));
        String condition = mayBeTheirs ? "attribute_not_exists(pk) OR personId = :pid" : "attribute_not_exists(pk)";
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression(condition)
                .expressionAttributeValues(mayBeTheirs ? Map.of(":pid", AttributeValue.fromS(personId)) : null)).build();
    }

    private TransactWriteItem deleteEmailKey(String shortcode, String emailKey, String personId) {
        return TransactWriteItem.builder().delete(d -> d.tableName(table)
                .key(Keys.key(Keys.people(shortcode), Keys.email(emailKey)))
                .conditionExpression("personId = :pid")
                .expressionAttributeValues(Map.of(":pid", AttributeValue.fromS(personId)))).build();
    }

    private TransactWriteItem logItem(WebhookKind kind, Intent intent, String outcome, String reason, String personId) {
        return TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(SyncLog.item(intent.key().shortcode(), logEntry(kind, intent, outcome, reason, personId)))).build();
    }

    private SyncLog.Entry logEntry(WebhookKind kind, Intent intent, String outcome, String reason, String personId) {
        return new SyncLog.Entry(clock.instant(), kind.wire(), outcome, 200, reason, intent.key().eventUid(),
                intent.key().uid(), personId);
    }

    // ---- reading items back -------------------------------------------------------------------

    private static RegistrationState.Link link(Map<String, AttributeValue> item) {
        AttributeValue applied = item.get(REG_APPLIED_AT);
        AttributeValue version = item.get(REG_VERSION);
        String state = PersonItems.text(item, REG_STATE);
        return new RegistrationState.Link(PersonItems.text(item, REG_PERSON),
                Origin.fromWire(PersonItems.text(item, REG_ORIGIN)),
                state == null ? LinkState.LINKED : LinkState.valueOf(state),
                applied == null ? 0 : Long.parseLong(applied.n()),
                PersonItems.text(item, REG_EMAIL_KEY), PersonItems.text(item, REG_EMAIL),
                PersonItems.text(item, REG_FIRST_NAME), PersonItems.text(item, REG_LAST_NAME),
                version == null ? 0 : Long.parseLong(version.n()));
    }

    private static RegistrationState.LinkedPerson linkedPerson(Map<String, AttributeValue> item) {
        return new RegistrationState.LinkedPerson(PersonItems.text(item, PersonItems.ID),
                Origin.fromWire(PersonItems.text(item, PersonItems.ORIGIN)),
                Set.copyOf(PersonItems.strings(item.get(PersonItems.LINKS))));
    }

    // ---- transactions -------------------------------------------------------------------------

    private record Cancelled(List<CancellationReason> reasons) {
    }

    private record Written(SyncOutcome outcome, RegistrationState learned) {
        static Written done(SyncOutcome outcome) {
            return new Written(outcome, null);
        }

        static Written retry(RegistrationState learned) {
            return new Written(null, learned);
        }
    }

    /** Writes the items in one transaction; null when it committed, the reasons when a condition or a race cancelled it. */
    private Cancelled transact(List<TransactWriteItem> items) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
            return null;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            boolean settles = reasons.stream().map(CancellationReason::code)
                    .allMatch(code -> code == null || "None".equals(code) || "ConditionalCheckFailed".equals(code)
                            || "TransactionConflict".equals(code));
            if (!settles || reasons.isEmpty()) {
                throw e;
            }
            return new Cancelled(reasons);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreBusyException("interrupted while waiting to retry");
        }
    }
}
