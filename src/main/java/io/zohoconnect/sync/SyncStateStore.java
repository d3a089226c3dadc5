package io.zohoconnect.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Sync checkpoints and leases in {@code zoho_sync_state}. A node runs a sync only while it holds
 * the row's lease (set and compared with database time, renewed at every checkpoint), so two nodes
 * never run the same sync at once.
 */
@Repository
public class SyncStateStore {

    static final String COLUMNS = "sync_id, connection_id, module, cursor_time, cursor_ids, run_complete,"
            + " deletions_cursor_time, deletions_cursor_ids, records_total, tombstones_total, last_run_started_at,"
            + " last_run_finished_at, last_run_records, last_run_credits, last_success_at, last_error, failures_total, waiting_for_credits_until,"
            + " CASE WHEN lease_owner IS NOT NULL AND lease_until >= CURRENT_TIMESTAMP THEN 1 ELSE 0 END AS running";
    static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM zoho_sync_state WHERE sync_id = :id";
    static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM zoho_sync_state ORDER BY sync_id";
    static final String INSERT = "INSERT INTO zoho_sync_state (sync_id, connection_id, module, run_complete, updated_at)"
            + " VALUES (:id, :connectionId, :module, TRUE, :now)";
    static final String TRY_LEASE = "UPDATE zoho_sync_state SET lease_owner = :owner,"
            + " lease_until = CURRENT_TIMESTAMP + CAST(:seconds AS INTEGER) * INTERVAL '1' SECOND"
            + " WHERE sync_id = :id AND (lease_owner IS NULL OR lease_until < CURRENT_TIMESTAMP OR lease_owner = :owner)";
    static final String RELEASE = "UPDATE zoho_sync_state SET lease_owner = NULL, lease_until = NULL"
            + " WHERE sync_id = :id AND lease_owner = :owner";
    static final String START_RUN = "UPDATE zoho_sync_state SET last_run_started_at = :now, last_run_records = 0, last_run_credits = 0,"
            + " updated_at = :now WHERE sync_id = :id AND lease_owner = :owner";
    static final String START_FRESH_RUN = "UPDATE zoho_sync_state SET last_run_started_at = :now, last_run_records = 0, last_run_credits = 0,"
            + " run_complete = FALSE, cursor_time = NULL, cursor_ids = NULL, updated_at = :now"
            + " WHERE sync_id = :id AND lease_owner = :owner";
    /** After a page the sink accepted: move the cursor and renew the lease, in one statement. */
    static final String CHECKPOINT = "UPDATE zoho_sync_state SET cursor_time = :cursorTime, cursor_ids = :cursorIds,"
            + " run_complete = FALSE, records_total = records_total + :delivered, last_run_records = last_run_records + :delivered,"
            + " lease_until = CURRENT_TIMESTAMP + CAST(:seconds AS INTEGER) * INTERVAL '1' SECOND, updated_at = :now"
            + " WHERE sync_id = :id AND lease_owner = :owner";
    /** After records of a bulk export the sink accepted: count them and renew the lease (no cursor: a bulk run is whole). */
    static final String PROGRESS = "UPDATE zoho_sync_state SET run_complete = FALSE, records_total = records_total + :delivered,"
            + " last_run_records = last_run_records + :delivered,"
            + " lease_until = CURRENT_TIMESTAMP + CAST(:seconds AS INTEGER) * INTERVAL '1' SECOND, updated_at = :now"
            + " WHERE sync_id = :id AND lease_owner = :owner";
    static final String DELETIONS_CHECKPOINT = "UPDATE zoho_sync_state SET deletions_cursor_time = :cursorTime,"
            + " deletions_cursor_ids = :cursorIds, tombstones_total = tombstones_total + :delivered, updated_at = :now"
            + " WHERE sync_id = :id AND lease_owner = :owner";
    /** The credits the run spent so far, written before its end is (so the history samples them with it). */
    static final String RUN_CREDITS = "UPDATE zoho_sync_state SET last_run_credits = :credits WHERE sync_id = :id";
    static final String SUCCEED = "UPDATE zoho_sync_state SET run_complete = TRUE, last_run_finished_at = :now,"
            + " last_success_at = :now, last_error = NULL, waiting_for_credits_until = NULL, updated_at = :now"
            + " WHERE sync_id = :id AND lease_owner = :owner";
    /** A run that met its credit budget: not a failure; it says until when it waits. */
    static final String WAIT_FOR_CREDITS = "UPDATE zoho_sync_state SET waiting_for_credits_until = :until,"
            + " last_run_finished_at = :now, updated_at = :now WHERE sync_id = :id";
    /** Work of the sync went through again (a notification read): it no longer waits for credits. */
    static final String CREDITS_BACK = "UPDATE zoho_sync_state SET waiting_for_credits_until = NULL, updated_at = :now"
            + " WHERE sync_id = :id AND waiting_for_credits_until IS NOT NULL";
    static final String FAIL = "UPDATE zoho_sync_state SET last_run_finished_at = :now, last_error = :error,"
            + " updated_at = :now WHERE sync_id = :id";
    /**
     * Failed runs, counted; the error and finish time are the last run's unless a run that finished later was
     * written first (a failure written late, after a database outage, does not hide a success that followed it).
     */
    static final String FAIL_RUNS = "UPDATE zoho_sync_state SET failures_total = failures_total + :runs,"
            + " waiting_for_credits_until = NULL,"
            + " last_error = CASE WHEN last_run_finished_at IS NULL OR last_run_finished_at <= :at THEN :error"
            + " ELSE last_error END,"
            + " last_run_finished_at = CASE WHEN last_run_finished_at IS NULL OR last_run_finished_at <= :at THEN :at"
            + " ELSE last_run_finished_at END, updated_at = :now WHERE sync_id = :id";

    private final JdbcClient jdbc;
    private final Clock clock;

    public SyncStateStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The sync's row, created empty the first time. */
    public SyncState ensure(SyncSpec spec) {
        Optional<SyncState> existing = find(spec.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            jdbc.sql(INSERT).param("id", spec.id()).param("connectionId", spec.connectionId())
                    .param("module", spec.module()).param("now", utc(clock.instant())).update();
        } catch (DuplicateKeyException raced) {
            // another node created it first
        }
        return find(spec.id()).orElseThrow();
    }

    public Optional<SyncState> find(String syncId) {
        return jdbc.sql(SELECT_ONE).param("id", syncId).query((rs, n) -> map(rs)).optional();
    }

    public List<SyncState> findAll() {
        return jdbc.sql(SELECT_ALL).query((rs, n) -> map(rs)).list();
    }

    public boolean tryLease(String syncId, String owner, Duration duration) {
        return jdbc.sql(TRY_LEASE).param("owner", owner).param("seconds", Math.max(1, duration.toSeconds()))
                .param("id", syncId).update() == 1;
    }

    public void release(String syncId, String owner) {
        jdbc.sql(RELEASE).param("id", syncId).param("owner", owner).update();
    }

    /** Marks a run started; a fresh full run forgets the cursor so it reads the module from the start. */
    public void startRun(String syncId, String owner, boolean fresh) {
        jdbc.sql(fresh ? START_FRESH_RUN : START_RUN).param("now", utc(clock.instant())).param("id", syncId)
                .param("owner", owner).update();
    }

    /** @return false when the lease was lost: the caller must stop */
    public boolean checkpoint(String syncId, String owner, Instant cursorTime, Set<String> cursorIds, long delivered,
            Duration lease) {
        return jdbc.sql(CHECKPOINT).param("cursorTime", utc(cursorTime)).param("cursorIds", join(cursorIds))
                .param("delivered", delivered).param("seconds", Math.max(1, lease.toSeconds()))
                .param("now", utc(clock.instant())).param("id", syncId).param("owner", owner).update() == 1;
    }

    /** @return false when the lease was lost: the caller must stop */
    public boolean progress(String syncId, String owner, long delivered, Duration lease) {
        return jdbc.sql(PROGRESS).param("delivered", delivered).param("seconds", Math.max(1, lease.toSeconds()))
                .param("now", utc(clock.instant())).param("id", syncId).param("owner", owner).update() == 1;
    }

    public boolean deletionsCheckpoint(String syncId, String owner, Instant cursorTime, Set<String> cursorIds,
            long delivered) {
        return jdbc.sql(DELETIONS_CHECKPOINT).param("cursorTime", utc(cursorTime)).param("cursorIds", join(cursorIds))
                .param("delivered", delivered).param("now", utc(clock.instant())).param("id", syncId)
                .param("owner", owner).update() == 1;
    }

    /** The API credits the sync's current run spent (the ledger's figure for the run's calls). */
    public void runCredits(String syncId, long credits) {
        jdbc.sql(RUN_CREDITS).param("credits", credits).param("id", syncId).update();
    }

    public void succeed(String syncId, String owner) {
        jdbc.sql(SUCCEED).param("now", utc(clock.instant())).param("id", syncId).param("owner", owner).update();
    }

    /** The run stopped at its checkpoint because the org's API credits ran out for it; it goes on after {@code until}. */
    public void waitForCredits(String syncId, Instant until) {
        jdbc.sql(WAIT_FOR_CREDITS).param("until", utc(until)).param("now", utc(clock.instant())).param("id", syncId).update();
    }

    /** The sync's work goes on: it no longer shows {@code waiting for credits until …}. */
    public void creditsBack(String syncId) {
        jdbc.sql(CREDITS_BACK).param("now", utc(clock.instant())).param("id", syncId).update();
    }

    /** Records a problem that is not a failed run (e.g. no watch channel): the error, not counted. */
    public void fail(String syncId, String error) {
        jdbc.sql(FAIL).param("now", utc(clock.instant())).param("error", shortened(error)).param("id", syncId).update();
    }

    /** Records {@code runs} failed runs, the last of which failed at {@code at} with {@code error}. */
    public void failRuns(String syncId, String error, Instant at, int runs) {
        jdbc.sql(FAIL_RUNS).param("runs", runs).param("error", shortened(error)).param("at", utc(at))
                .param("now", utc(clock.instant())).param("id", syncId).update();
    }

    private static String shortened(String error) {
        return error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
    }

    private static SyncState map(ResultSet rs) throws SQLException {
        return new SyncState(rs.getString("sync_id"), rs.getString("connection_id"), rs.getString("module"),
                instant(rs, "cursor_time"), split(rs.getString("cursor_ids")), rs.getBoolean("run_complete"),
                instant(rs, "deletions_cursor_time"), split(rs.getString("deletions_cursor_ids")),
                rs.getLong("records_total"), rs.getLong("tombstones_total"), instant(rs, "last_run_started_at"),
                instant(rs, "last_run_finished_at"), rs.getLong("last_run_records"), rs.getLong("last_run_credits"), instant(rs, "last_success_at"),
                rs.getString("last_error"), rs.getLong("failures_total"), rs.getInt("running") == 1,
                instant(rs, "waiting_for_credits_until"));
    }

    private static Set<String> split(String ids) {
        return ids == null || ids.isEmpty() ? Set.of() : Arrays.stream(ids.split(",")).collect(Collectors.toSet());
    }

    private static String join(Set<String> ids) {
        return ids == null || ids.isEmpty() ? null : String.join(",", ids);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
