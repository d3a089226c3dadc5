package io.zohoconnect.bulk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code zoho_bulk_jobs}: per sync, the Bulk Read job its export is on and the rows delivered of it, so a
 * stopped run resumes that job; and the SHA-256 of the job's callback token, by which a callback finds it.
 */
@Repository
class BulkJobStore {

    static final String COLUMNS = "sync_id, connection_id, module, fields_key, job_id, job_page, rows_delivered, created_at";
    static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM zoho_bulk_jobs WHERE sync_id = :id";
    static final String SELECT_BY_CALLBACK = "SELECT " + COLUMNS + " FROM zoho_bulk_jobs WHERE callback_token_hash = :hash";
    static final String DELETE = "DELETE FROM zoho_bulk_jobs WHERE sync_id = :id";
    static final String INSERT = "INSERT INTO zoho_bulk_jobs (sync_id, connection_id, module, fields_key, job_id, job_page,"
            + " rows_delivered, callback_token_hash, created_at, updated_at) VALUES (:id, :connectionId, :module, :fieldsKey,"
            + " :jobId, :page, 0, :hash, :now, :now)";
    static final String DELIVERED = "UPDATE zoho_bulk_jobs SET rows_delivered = :rows, updated_at = :now"
            + " WHERE sync_id = :id AND job_id = :jobId";
    static final String CALLED_BACK = "UPDATE zoho_bulk_jobs SET callback_state = :state, callback_at = :now, updated_at = :now"
            + " WHERE sync_id = :id AND job_id = :jobId";

    private final JdbcClient jdbc;
    private final Clock clock;

    BulkJobStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<BulkJob> find(String syncId) {
        return jdbc.sql(SELECT_ONE).param("id", syncId).query((rs, n) -> map(rs)).optional();
    }

    /** The job whose callback token hashes to {@code tokenHash}: an index lookup, no comparison of the token itself. */
    Optional<BulkJob> findByCallback(String tokenHash) {
        return jdbc.sql(SELECT_BY_CALLBACK).param("hash", tokenHash).query((rs, n) -> map(rs)).optional();
    }

    /** From now on the sync's export is on this job (a job it was on before is forgotten). */
    @Transactional
    BulkJob start(String syncId, String connectionId, String module, String fieldsKey, String jobId, int page,
            String callbackTokenHash) {
        // as the database keeps it (microseconds at best), so the job returned equals the job found later
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        jdbc.sql(DELETE).param("id", syncId).update();
        jdbc.sql(INSERT).param("id", syncId).param("connectionId", connectionId).param("module", module)
                .param("fieldsKey", fieldsKey).param("jobId", jobId).param("page", page).param("hash", callbackTokenHash)
                .param("now", utc(now)).update();
        return new BulkJob(syncId, connectionId, module, fieldsKey, jobId, page, 0, now);
    }

    void delivered(BulkJob job, long rows) {
        jdbc.sql(DELIVERED).param("rows", rows).param("now", utc(clock.instant())).param("id", job.syncId())
                .param("jobId", job.jobId()).update();
    }

    void calledBack(BulkJob job, String state) {
        jdbc.sql(CALLED_BACK).param("state", state.length() > 32 ? state.substring(0, 32) : state)
                .param("now", utc(clock.instant())).param("id", job.syncId()).param("jobId", job.jobId()).update();
    }

    /** The export finished (or must start over): nothing to resume. */
    void forget(String syncId) {
        jdbc.sql(DELETE).param("id", syncId).update();
    }

    private static BulkJob map(ResultSet rs) throws SQLException {
        return new BulkJob(rs.getString("sync_id"), rs.getString("connection_id"), rs.getString("module"),
                rs.getString("fields_key"), rs.getString("job_id"), rs.getInt("job_page"), rs.getLong("rows_delivered"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
