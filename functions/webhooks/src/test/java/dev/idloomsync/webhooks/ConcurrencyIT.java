package dev.idloomsync.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idloomsync.sync.WebhookKind;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.idloomsync.webhooks.SyncTestBed.attendee;
import static dev.idloomsync.webhooks.SyncTestBed.list;
import static dev.idloomsync.webhooks.SyncTestBed.s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule 7 under real threads, each delivery in its own Lambda instance (own clients and cache):
 * never a second person for one registration or one email, never a second owner email.
 */
class ConcurrencyIT {
    private static final String T1 = "2024-05-01T10:00:00Z";
    private static final String T2 = "2024-05-01T11:00:00Z";

    /** Runs the deliveries at once (released together by a latch) and returns their answers. */
    private static List<SyncTestBed.Response> race(List<Callable<SyncTestBed.Response>> deliveries) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(deliveries.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<SyncTestBed.Response>> futures = new ArrayList<>();
            for (Callable<SyncTestBed.Response> delivery : deliveries) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return delivery.call();
                }));
            }
            start.countDown();
            List<SyncTestBed.Response> responses = new ArrayList<>();
            for (Future<SyncTestBed.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Callable<SyncTestBed.Response> delivery(SyncTestBed bed, WebhookKind kind, ObjectNode body) {
        Map<WebhookKind, WebhookHandler> lambda = bed.anotherLambda();
        String event = bed.event(kind, body);
        return () -> SyncTestBed.invoke(lambda.get(kind), event);
    }

    @RepeatedTest(3)
    void fiveParallelDeliveriesOfOneCreateGiveOnePerson() throws Exception {
        SyncTestBed bed = new SyncTestBed().withStandardSetup();
        List<Callable<SyncTestBed.Response>> deliveries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            deliveries.add(delivery(bed, WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1)));
        }

        List<SyncTestBed.Response> responses = race(deliveries);

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(responses).filteredOn(r -> "applied".equals(r.text("outcome"))).hasSize(1);
        assertThat(bed.people()).hasSize(1);
        assertThat(bed.peoplePartition().keySet()).filteredOn(k -> k.startsWith("EMAIL#")).hasSize(1);
    }

    @RepeatedTest(3)
    void fiveParallelDeletesOfAManualPersonSendOneEmail() throws Exception {
        SyncTestBed bed = new SyncTestBed().withStandardSetup();
        bed.manualPerson("grace@example.com", List.of());
        bed.send(WebhookKind.CREATE, attendee("att-1", "grace@example.com", T1));
        List<Callable<SyncTestBed.Response>> deliveries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            deliveries.add(delivery(bed, WebhookKind.DELETE, attendee("att-1", "grace@example.com", T2)));
        }

        List<SyncTestBed.Response> responses = race(deliveries);

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(responses).filteredOn(r -> "unlinked".equals(r.text("action"))).hasSize(1);
        assertThat(bed.people()).hasSize(1);
        assertThat(bed.emailsToOwner()).hasSize(1);
        assertThat(bed.pendingEmails()).isEmpty();
    }

    @RepeatedTest(5)
    void aCreateAndAnUpdateRacingEndWithTheNewestState() throws Exception {
        SyncTestBed bed = new SyncTestBed().withStandardSetup();
        ObjectNode newer = attendee("att-1", "ada@example.com", T2);
        newer.put("job_title", "Newest");

        race(List.of(delivery(bed, WebhookKind.CREATE, attendee("att-1", "ada@example.com", T1)),
                delivery(bed, WebhookKind.UPDATE, newer)));

        assertThat(s(bed.onlyPerson(), "jobTitle")).isEqualTo("Newest");
    }

    @RepeatedTest(5)
    void twoRegistrationsWithTheSameEmailRacingGiveOnePerson() throws Exception {
        SyncTestBed bed = new SyncTestBed().withStandardSetup();

        List<SyncTestBed.Response> responses = race(List.of(
                delivery(bed, WebhookKind.CREATE, attendee("att-1", "same@example.com", T1)),
                delivery(bed, WebhookKind.CREATE, attendee("att-2", "SAME@example.com", T1))));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(list(bed.onlyPerson(), "links")).hasSize(2);
    }

    @Test
    void manyRegistrationsAtOnceAreAllAdded() throws Exception {
        SyncTestBed bed = new SyncTestBed().withStandardSetup();
        List<Callable<SyncTestBed.Response>> deliveries = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            deliveries.add(delivery(bed, WebhookKind.CREATE, attendee("att-" + i, "p" + i + "@example.com", T1)));
        }

        List<SyncTestBed.Response> responses = race(deliveries);

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(bed.people()).hasSize(16);
    }
}
