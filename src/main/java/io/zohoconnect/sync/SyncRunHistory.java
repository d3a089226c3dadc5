package io.zohoconnect.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.zohoconnect.audit.AuditProperties;
import io.zohoconnect.audit.AuditTrail;
import io.zohoconnect.connection.DatabaseReachability;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The history behind the sync charts: each finished run (records, API credits spent, lag of its checkpoint, error),
 * taken from the sync's stored state every {@code zoho.audit.sync-sample-interval} and whenever the
 * syncs page is shown. Sampling the stored state keeps the sync engine unaware of the dashboard, and
 * sees runs of every node; the cost is that a sync scheduled more often than the interval has only
 * its latest run recorded per interval. A run is stored once, whichever node sees it first. While the
 * database is unreachable the sampling pauses quietly; a run that failed meanwhile is recorded by the
 * sync engine once it is back, and sampled then.
 */
@Component
public class SyncRunHistory extends RouteBuilder {

    static final String ROUTE_ID = "zoho-sync-history";
    static final String INSERT = "INSERT INTO zoho_sync_run (sync_id, finished_at, started_at, records, credits, lag_seconds, error)"
            + " VALUES (:syncId, :finishedAt, :startedAt, :records, :credits, :lag, :error)";
    static final String RECENT = "SELECT sync_id, started_at, finished_at, records, credits, lag_seconds, error FROM zoho_sync_run"
            + " WHERE sync_id = :syncId ORDER BY finished_at DESC LIMIT :limit";

    private final SyncStateStore states;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditProperties settings;
    private final DatabaseReachability database;
    /** The last finish time stored per sync by this node: an unchanged state costs no write. */
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    SyncRunHistory(SyncStateStore states, JdbcClient jdbc, Clock clock, AuditProperties settings,
            DatabaseReachability database) {
        this.states = states;
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.database = database;
    }

    @Override
    public void configure() {
        from("timer:zoho-sync-history?delay=" + settings.syncSampleInterval().toMillis()
                + "&period=" + settings.syncSampleInterval().toMillis())
                .routeId(ROUTE_ID)
                .process(exchange -> database.attempt(this::sample));
    }

    /** Stores the last run of every sync that finished one since it was last seen. */
    public void sample() {
        for (SyncState state : states.findAll()) {
            Instant finished = state.lastRunFinishedAt();
            if (finished == null || finished.equals(seen.get(state.syncId()))) {
                continue;
            }
            Long lag = state.cursorTime() == null ? null : Math.max(0, Duration.between(state.cursorTime(), finished).toSeconds());
            boolean failed = state.lastSuccessAt() == null || !state.lastSuccessAt().equals(finished);
            try {
                jdbc.sql(INSERT).param("syncId", state.syncId()).param("finishedAt", at(finished))
                        .param("startedAt", state.lastRunStartedAt() == null ? null : at(state.lastRunStartedAt()))
                        .param("records", state.lastRunRecords()).param("credits", state.lastRunCredits()).param("lag", lag)
                        .param("error", failed ? AuditTrail.scrub(state.lastError()) : null)
                        .update();
            } catch (DuplicateKeyException stored) {
                // already stored: by another node, or by this one before a restart
            }
            seen.put(state.syncId(), finished);
        }
    }

    /** The latest runs of a sync, oldest first (the order charts draw them in). */
    public List<SyncRun> recent(String syncId, int limit) {
        List<SyncRun> newestFirst = jdbc.sql(RECENT).param("syncId", syncId).param("limit", limit)
                .query((rs, n) -> new SyncRun(rs.getString("sync_id"), instant(rs.getObject("started_at", OffsetDateTime.class)),
                        instant(rs.getObject("finished_at", OffsetDateTime.class)), rs.getLong("records"), rs.getLong("credits"),
                        rs.getObject("lag_seconds") == null ? null : rs.getLong("lag_seconds"), rs.getString("error")))
                .list();
        List<SyncRun> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** The lag of a sync's checkpoint now (null without a checkpoint). */
    public Long lagNow(SyncState state) {
        return state == null || state.cursorTime() == null ? null
                : Math.max(0, Duration.between(state.cursorTime(), clock.instant()).toSeconds());
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
