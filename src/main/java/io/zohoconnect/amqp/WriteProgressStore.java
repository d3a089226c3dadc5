package io.zohoconnect.amqp;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the database knows about each write message ({@code zoho_amqp_write*}): how often it was
 * delivered, which batches Zoho already answered (with their per-record results) and whether it is
 * done. This is what makes a redelivery after kill -9 resume instead of writing the same records again.
 */
@Repository
public class WriteProgressStore {

    static final String INSERT = "INSERT INTO zoho_amqp_write (message_key, deliveries, updated_at) VALUES (:key, 1, :now)";
    static final String COUNT_DELIVERY = "UPDATE zoho_amqp_write SET deliveries = deliveries + 1, updated_at = :now"
            + " WHERE message_key = :key";
    static final String SELECT = "SELECT deliveries, done_at, last_error FROM zoho_amqp_write WHERE message_key = :key";
    static final String BATCHES = "SELECT batch_index, results FROM zoho_amqp_write_batch WHERE message_key = :key";
    static final String SAVE_BATCH = "INSERT INTO zoho_amqp_write_batch (message_key, batch_index, results)"
            + " VALUES (:key, :index, :results)";
    static final String DONE = "UPDATE zoho_amqp_write SET done_at = :now, updated_at = :now WHERE message_key = :key";
    /** A hold is a deliberate wait, not a failed delivery: it does not count towards the poison limit. */
    static final String HELD = "UPDATE zoho_amqp_write SET deliveries = 0, updated_at = :now WHERE message_key = :key";
    static final String FAILED = "UPDATE zoho_amqp_write SET last_error = :error, updated_at = :now WHERE message_key = :key";
    static final String FORGET_BATCHES = "DELETE FROM zoho_amqp_write_batch WHERE message_key IN"
            + " (SELECT message_key FROM zoho_amqp_write WHERE updated_at < :before)";
    static final String FORGET = "DELETE FROM zoho_amqp_write WHERE updated_at < :before";

    private final JdbcClient jdbc;
    private final Clock clock;

    public WriteProgressStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Counts this delivery of the message and returns what earlier deliveries achieved. */
    public Progress deliver(String key) {
        if (jdbc.sql(COUNT_DELIVERY).param("key", key).param("now", now()).update() == 0) {
            try {
                jdbc.sql(INSERT).param("key", key).param("now", now()).update();
            } catch (DuplicateKeyException raced) {
                // the same message on two consumers at once (a republished copy): count it all the same
                jdbc.sql(COUNT_DELIVERY).param("key", key).param("now", now()).update();
            }
        }
        Map<String, Object> row = jdbc.sql(SELECT).param("key", key).query().singleRow();
        Map<Integer, String> batches = new TreeMap<>();
        jdbc.sql(BATCHES).param("key", key).query((rs, n) -> batches.put(rs.getInt(1), rs.getString(2))).list();
        return new Progress(((Number) row.get("deliveries")).intValue(), row.get("done_at") != null,
                (String) row.get("last_error"), batches);
    }

    /** The per-record results (JSON array) of one batch Zoho answered. */
    public void saveBatch(String key, int batchIndex, String resultsJson) {
        try {
            jdbc.sql(SAVE_BATCH).param("key", key).param("index", batchIndex).param("results", resultsJson).update();
        } catch (DuplicateKeyException raced) {
            // a concurrent copy of the message stored it first; its results stand
        }
    }

    public void markDone(String key) {
        jdbc.sql(DONE).param("key", key).param("now", now()).update();
    }

    /** The delivery ended without an outcome (it will be delivered again): remember why. */
    public void markFailed(String key, String error) {
        String shortened = error == null ? "unknown error" : error.length() > 1000 ? error.substring(0, 1000) : error;
        jdbc.sql(FAILED).param("key", key).param("error", shortened).param("now", now()).update();
    }

    public void markHeld(String key) {
        jdbc.sql(HELD).param("key", key).param("now", now()).update();
    }

    /** Forgets messages untouched for longer than the replay window. */
    @Transactional
    public int forgetOlderThan(Duration window) {
        OffsetDateTime before = now().minus(window);
        jdbc.sql(FORGET_BATCHES).param("before", before).update();
        return jdbc.sql(FORGET).param("before", before).update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * @param deliveries how many times the message was delivered, this one included (holds reset it)
     * @param done       every record had an outcome and the result was published
     * @param lastError  why the previous delivery ended without an outcome, if it did
     * @param batches    per-record results (JSON arrays) of the batches Zoho already answered, by index
     */
    public record Progress(int deliveries, boolean done, String lastError, Map<Integer, String> batches) {
    }
}
