package io.zohoconnect.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.zohoconnect.connection.DatabaseReachability;

import org.springframework.stereotype.Component;

/**
 * Sync metrics, tagged by sync and module: {@code zoho.sync.records} (records delivered),
 * {@code zoho.sync.tombstones}, {@code zoho.sync.failures}, {@code zoho.sync.lag.seconds} (how far the
 * checkpoint is behind now) and {@code zoho.sync.last.success.seconds} (epoch seconds). Gauges read the
 * stored state (any node's progress), at most every few seconds; while the database is unreachable they
 * are NaN (unknown), at once. {@code zoho.sync.failures} is counted in memory, outage or not.
 */
@Component
class SyncMetrics {

    private static final Duration SNAPSHOT_TTL = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final SyncStateStore store;
    private final Clock clock;
    private final DatabaseReachability database;
    private final Map<String, Boolean> registered = new ConcurrentHashMap<>();
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

    SyncMetrics(MeterRegistry registry, SyncStateStore store, Clock clock, DatabaseReachability database) {
        this.registry = registry;
        this.store = store;
        this.clock = clock;
        this.database = database;
    }

    void register(SyncSpec spec) {
        if (registered.putIfAbsent(spec.id(), true) != null) {
            return;
        }
        gauge("zoho.sync.lag.seconds", spec, state -> state.cursorTime() == null ? Double.NaN
                : Duration.between(state.cursorTime(), clock.instant()).toSeconds());
        gauge("zoho.sync.last.success.seconds", spec, state -> state.lastSuccessAt() == null ? Double.NaN
                : state.lastSuccessAt().getEpochSecond());
    }

    void delivered(SyncSpec spec, long records) {
        counter("zoho.sync.records", spec).increment(records);
    }

    void tombstones(SyncSpec spec, long tombstones) {
        counter("zoho.sync.tombstones", spec).increment(tombstones);
    }

    void succeeded(SyncSpec spec) {
        register(spec);
    }

    void failed(SyncSpec spec) {
        counter("zoho.sync.failures", spec).increment();
    }

    private Counter counter(String name, SyncSpec spec) {
        return Counter.builder(name).tag("sync", spec.id()).tag("module", spec.module()).register(registry);
    }

    private void gauge(String name, SyncSpec spec, ToDoubleFunction<SyncState> value) {
        Gauge.builder(name, () -> {
            SyncState state = snapshot().states().get(spec.id());
            return state == null ? Double.NaN : value.applyAsDouble(state);
        }).tag("sync", spec.id()).tag("module", spec.module()).register(registry);
    }

    private Snapshot snapshot() {
        Snapshot current = snapshot.get();
        Instant now = clock.instant();
        if (current == null || now.isAfter(current.takenAt().plus(SNAPSHOT_TTL)) || now.isBefore(current.takenAt())) {
            current = new Snapshot(now, read());
            snapshot.set(current);
        }
        return current;
    }

    /** Every sync's state; none (the gauges say NaN) while the database is unreachable. */
    private Map<String, SyncState> read() {
        Map<String, SyncState> states = new ConcurrentHashMap<>();
        if (database.recentOutage().isPresent()) {
            return states;
        }
        try {
            store.findAll().forEach(s -> states.put(s.syncId(), s));
        } catch (RuntimeException e) {
            if (!DatabaseReachability.isOutage(e)) {
                throw e;
            }
            database.failed(e);
        }
        return states;
    }

    private record Snapshot(Instant takenAt, Map<String, SyncState> states) {
    }
}
