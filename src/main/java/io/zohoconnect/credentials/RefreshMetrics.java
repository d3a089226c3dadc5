package io.zohoconnect.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.zohoconnect.connection.ConnectionStatus;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.DatabaseReachability;

import org.springframework.stereotype.Component;

/**
 * Refresh metrics: {@code zoho.refresh.attempts} by outcome, {@code zoho.refresh.duration},
 * {@code zoho.connections} by status and {@code zoho.tokens.overdue.seconds} (how long the most
 * overdue token has been expired; 0 when none is). Gauges read the database at most every few
 * seconds, whatever the scrape rate; while it is unreachable they are NaN (unknown), at once.
 */
@Component
public class RefreshMetrics {

    private static final Duration SNAPSHOT_TTL = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final Timer duration;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final ConnectionStore connections;
    private final Clock clock;
    private final DatabaseReachability database;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

    public RefreshMetrics(MeterRegistry registry, ConnectionStore connections, Clock clock,
            DatabaseReachability database) {
        this.registry = registry;
        this.connections = connections;
        this.clock = clock;
        this.database = database;
        this.duration = Timer.builder("zoho.refresh.duration").description("Time of a refresh call to Zoho")
                .publishPercentiles(0.5, 0.99).register(registry);
        for (ConnectionStatus status : ConnectionStatus.values()) {
            Gauge.builder("zoho.connections", () -> snapshot().count(status))
                    .description("Connections by status").tag("status", status.name()).register(registry);
        }
        Gauge.builder("zoho.tokens.overdue.seconds", () -> snapshot().overdueSeconds())
                .description("How long the most overdue access token has been expired (0: none)").register(registry);
    }

    void refreshed(String outcome, long nanos) {
        duration.record(nanos, TimeUnit.NANOSECONDS);
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("zoho.refresh.attempts")
                .description("Refresh calls to Zoho by outcome").tag("outcome", o).register(registry)).increment();
    }

    private Snapshot snapshot() {
        Snapshot current = snapshot.get();
        Instant now = clock.instant();
        if (current == null || now.isAfter(current.takenAt().plus(SNAPSHOT_TTL)) || now.isBefore(current.takenAt())) {
            current = read(now);
            snapshot.set(current);
        }
        return current;
    }

    /** The numbers now; unknown (NaN) while the database is unreachable, without waiting for it when it just was. */
    private Snapshot read(Instant now) {
        if (database.recentOutage().isPresent()) {
            return Snapshot.unknown(now);
        }
        try {
            double overdue = connections.oldestExpiry().filter(now::isAfter)
                    .map(expiry -> Duration.between(expiry, now).toSeconds()).orElse(0L);
            return new Snapshot(now, connections.countByStatus(), overdue);
        } catch (RuntimeException e) {
            if (!DatabaseReachability.isOutage(e)) {
                throw e;
            }
            database.failed(e);
            return Snapshot.unknown(now);
        }
    }

    /** @param byStatus null when unknown */
    private record Snapshot(Instant takenAt, Map<ConnectionStatus, Long> byStatus, double overdueSeconds) {

        static Snapshot unknown(Instant at) {
            return new Snapshot(at, null, Double.NaN);
        }

        double count(ConnectionStatus status) {
            return byStatus == null ? Double.NaN : byStatus.getOrDefault(status, 0L);
        }
    }
}
