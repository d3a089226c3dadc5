package io.zohoconnect.credentials;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.zohoconnect.audit.Actor;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.lifecycle.GracefulShutdown;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ExecutorServiceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One pass of the refresh timer: every connection whose token expires within the margin, whose
 * retry is due or that was not refreshed for a day, in batches, at most
 * {@code zoho.refresh.concurrency} refreshes at a time. A pass pages through the due connections in
 * id order, so each is handled at most once per pass. Revocations Zoho has not confirmed yet are
 * retried at the start of each pass.
 */
@Component
public class RefreshSweep implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RefreshSweep.class);
    /** Who the audit trail credits with what a pass does. */
    private static final Actor TIMER = Actor.timer("refresh timer");

    private final ConnectionStore connections;
    private final TokenRefresher refresher;
    private final PendingRevocations revocations;
    private final Clock clock;
    private final RefreshSettings settings;
    private final GracefulShutdown shutdown;
    private final ExecutorServiceManager pools;
    private final ExecutorService workers;

    public RefreshSweep(ConnectionStore connections, TokenRefresher refresher, PendingRevocations revocations,
            Clock clock, CredentialsSettings properties, GracefulShutdown shutdown, CamelContext camel) {
        this.connections = connections;
        this.refresher = refresher;
        this.revocations = revocations;
        this.clock = clock;
        this.settings = properties.refresh();
        this.shutdown = shutdown;
        // a Camel-managed pool of zoho.refresh.concurrency threads (named, daemon, shut down with the Camel
        // context); its queue is unbounded, as a pass queues up to two batches of zoho.refresh.batch-size
        this.pools = camel.getExecutorServiceManager();
        this.workers = pools.newThreadPool(this, "ZohoRefresh", new ThreadPoolProfileBuilder("ZohoRefresh")
                .poolSize(settings.concurrency()).maxPoolSize(settings.concurrency()).maxQueueSize(-1).build());
    }

    /** Runs one pass; returns what it did. */
    public SweepReport run() {
        if (shutdown.stopping()) {
            return new SweepReport();
        }
        TIMER.as(this::retryRevocations);
        int failingMarked = connections.markExpiredAsFailing();
        SweepReport report = new SweepReport();
        // the next batch is fetched while the current one runs, so workers never idle between batches
        Deque<Submitted> inFlight = new ArrayDeque<>();
        String after = "";
        try {
            // at shutdown no further batch is fetched and queued refreshes do not start; running ones finish
            while (!shutdown.stopping()) {
                Instant now = clock.instant();
                List<String> due = connections.findDue(now.plus(settings.margin()),
                        now.minus(settings.maxTokenAge()), after, settings.batchSize());
                if (due.isEmpty()) {
                    break;
                }
                after = due.get(due.size() - 1);
                for (String id : due) {
                    inFlight.add(new Submitted(id, workers.submit(TIMER.bind(
                            () -> shutdown.stopping() ? null : refresher.refresh(id, RefreshRequest.SCHEDULED)))));
                }
                while (inFlight.size() > settings.batchSize()) {
                    collect(inFlight.poll(), report);
                }
            }
            while (!inFlight.isEmpty()) {
                collect(inFlight.poll(), report);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inFlight.forEach(s -> s.result().cancel(true));
        }
        if (report.total() > 0 || failingMarked > 0) {
            log.info("Refresh pass: {}", report);
        }
        return report;
    }

    /** Revocations Zoho has not confirmed yet are retried on the same timer; a failure here never stops refreshes. */
    private void retryRevocations() {
        try {
            int confirmed = revocations.retryDue();
            if (confirmed > 0) {
                log.info("Refresh pass: {} pending revocation(s) confirmed by Zoho", confirmed);
            }
        } catch (RuntimeException e) {
            log.warn("Refresh pass: retrying pending revocations failed: {}", e.toString());
        }
    }

    private static void collect(Submitted submitted, SweepReport report) throws InterruptedException {
        try {
            RefreshResult result = submitted.result().get();
            if (result != null) {
                report.count(result.outcome());
            }
        } catch (ExecutionException e) {
            report.errors++;
            log.warn("Connection {}: refresh pass failed: {}", submitted.connectionId(), e.getCause().toString());
        }
    }

    private record Submitted(String connectionId, Future<RefreshResult> result) {
    }

    @Override
    public void destroy() {
        pools.shutdownNow(workers);
    }

    /** Counts of outcomes of one pass. */
    public static final class SweepReport {
        private final java.util.EnumMap<RefreshResult.Outcome, Integer> outcomes =
                new java.util.EnumMap<>(RefreshResult.Outcome.class);
        private int errors;

        void count(RefreshResult.Outcome outcome) {
            outcomes.merge(outcome, 1, Integer::sum);
        }

        public int get(RefreshResult.Outcome outcome) {
            return outcomes.getOrDefault(outcome, 0);
        }

        public int errors() {
            return errors;
        }

        public int total() {
            return outcomes.values().stream().mapToInt(Integer::intValue).sum() + errors;
        }

        @Override
        public String toString() {
            return outcomes + (errors > 0 ? ", errors=" + errors : "");
        }
    }
}
