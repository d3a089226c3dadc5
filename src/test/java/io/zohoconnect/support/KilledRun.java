package io.zohoconnect.support;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.sync.ModuleSync;
import io.zohoconnect.sync.SyncReport;
import io.zohoconnect.sync.SyncSpec;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sync run that a second node ({@link OtherNode}) never finishes: it delivers until a given record, hangs
 * there in the middle of a page, and the node is closed with the run unfinished, as a node killed mid-run.
 * The tests of crash recovery then {@link #resumeHere resume} it on this node.
 */
public final class KilledRun {

    private KilledRun() {
    }

    /** What a sync's sink received on either node: the distinct record ids, and how many messages carried them. */
    public static final class Deliveries {

        private final Set<String> ids = ConcurrentHashMap.newKeySet();
        private final AtomicLong messages = new AtomicLong();

        public Set<String> ids() {
            return ids;
        }

        public long messages() {
            return messages.get();
        }

        /** A route {@code routeId} that follows {@code spec} on this node and records what it delivers. */
        public RouteBuilder route(SyncSpec spec, String routeId) {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from(FollowedSync.uri(spec)).routeId(routeId).process(Deliveries.this::record);
                }
            };
        }

        private void record(Exchange exchange) {
            messages.incrementAndGet();
            ids.add(exchange.getMessage().getHeader(ZohoHeaders.RECORD_ID, String.class));
        }
    }

    /**
     * Runs {@code spec} on {@code other}, its route recording into {@code deliveries}, until {@code crashAt}
     * distinct records have been delivered; that delivery hangs, and {@code other} is closed under it.
     */
    public static void killMidRun(ConfigurableApplicationContext other, SyncSpec spec, Deliveries deliveries, int crashAt,
            Duration within) throws Exception {
        CountDownLatch midPage = new CountDownLatch(1);
        try {
            other.getBean(CamelContext.class).addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(FollowedSync.uri(spec)).process(e -> {
                        deliveries.record(e);
                        if (deliveries.ids().size() == crashAt) {
                            midPage.countDown();
                            new CountDownLatch(1).await(); // hang here, mid-page, until the node dies
                        }
                    });
                }
            });
            ModuleSync otherSync = other.getBean(ModuleSync.class);
            Thread run = new Thread(() -> otherSync.run(spec));
            run.setDaemon(true);
            run.start();
            assertThat(midPage.await(within.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the other node delivered %d records", crashAt).isTrue();
        } finally {
            other.close(); // the node goes away with its run unfinished
        }
    }

    /**
     * Runs {@code spec} on this node until a run completes: until the killed run's lease expires by itself,
     * a run here finds the sync taken.
     */
    public static SyncReport resumeHere(ModuleSync sync, SyncSpec spec, Duration within) {
        SyncReport[] resumed = new SyncReport[1];
        await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> {
            resumed[0] = sync.run(spec);
            return resumed[0].outcome() == SyncReport.Outcome.COMPLETED;
        });
        return resumed[0];
    }
}
