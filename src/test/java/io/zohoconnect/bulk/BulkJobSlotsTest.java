package io.zohoconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Exports beyond an org's bulk sub-limit wait in line instead of failing. */
class BulkJobSlotsTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    /** Connections a1 and a2 belong to org A; b1 to org B. */
    private final BulkJobSlots slots = new BulkJobSlots(2, connection -> connection.substring(0, 1),
            Duration.ofMillis(50));

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aThirdJobOfAnOrgWaitsUntilOneOfTwoSlotsIsFree() throws Exception {
        BulkJobSlots.Slot first = slots.take("a1", () -> { });
        BulkJobSlots.Slot second = slots.take("a2", () -> { });
        CompletableFuture<BulkJobSlots.Slot> third = CompletableFuture.supplyAsync(() -> take("a1"), threads);

        assertThat(slots.take("b1", () -> { })).as("another org has slots of its own").isNotNull();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !third.isDone());
        assertThat(slots.inUse("a1")).isEqualTo(2);

        first.close();
        BulkJobSlots.Slot got = third.get();
        assertThat(slots.inUse("a1")).isEqualTo(2);
        second.close();
        got.close();
        got.close(); // given back once only
        assertThat(slots.inUse("a1")).isZero();
    }

    @Test
    void aWaitingExportKeepsItsSyncAlive() throws Exception {
        slots.take("a1", () -> { });
        slots.take("a2", () -> { });
        AtomicInteger keptAlive = new AtomicInteger();
        CompletableFuture.runAsync(() -> {
            try {
                slots.take("a1", keptAlive::incrementAndGet);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threads);

        await().atMost(Duration.ofSeconds(5)).until(() -> keptAlive.get() >= 3);
    }

    private BulkJobSlots.Slot take(String connection) {
        try {
            return slots.take(connection, () -> { });
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
