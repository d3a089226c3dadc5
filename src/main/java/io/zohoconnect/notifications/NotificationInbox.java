package io.zohoconnect.notifications;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notified ids not yet delivered ({@code zoho_notification_inbox}) and what notifications did
 * deliver ({@code zoho_notification_delivered}). A callback is answered only after its ids are here, so
 * whichever node holds the sync's lease next works them off, even if the node that took the callback
 * died; the delivered list lets the gap fill skip what notifications already sent.
 */
@Repository
class NotificationInbox {

    /** {@code modified_at} of a delivered deletion: deletions have no Modified_Time, and happen once. */
    static final long DELETION = -1;

    static final String ADD = "INSERT INTO zoho_notification_inbox (sync_id, record_id, operation, server_time, received_at)"
            + " VALUES (:syncId, :recordId, :operation, :serverTime, :now)";
    static final String AGAIN = "UPDATE zoho_notification_inbox SET notified = notified + 1 WHERE sync_id = :syncId"
            + " AND record_id = :recordId AND operation = :operation";
    static final String PENDING = "SELECT record_id, operation, server_time, notified FROM zoho_notification_inbox"
            + " WHERE sync_id = :syncId ORDER BY received_at, record_id FETCH FIRST :limit ROWS ONLY";
    static final String REMOVE = "DELETE FROM zoho_notification_inbox WHERE sync_id = :syncId AND record_id = :recordId"
            + " AND operation = :operation AND notified = :notified";
    static final String HAS_PENDING = "SELECT COUNT(*) FROM zoho_notification_inbox WHERE sync_id = :syncId";
    static final String CLEAR = "DELETE FROM zoho_notification_inbox WHERE sync_id = :syncId";
    static final String DELIVERED = "INSERT INTO zoho_notification_delivered (sync_id, record_id, modified_at, delivered_at)"
            + " VALUES (:syncId, :recordId, :modifiedAt, :now)";
    static final String WAS_DELIVERED = "SELECT COUNT(*) FROM zoho_notification_delivered WHERE sync_id = :syncId"
            + " AND record_id = :recordId AND modified_at = :modifiedAt";
    static final String PRUNE_RECORDS = "DELETE FROM zoho_notification_delivered WHERE sync_id = :syncId"
            + " AND modified_at >= 0 AND modified_at < :before";
    static final String PRUNE_DELETIONS = "DELETE FROM zoho_notification_delivered WHERE sync_id = :syncId"
            + " AND modified_at = " + DELETION + " AND delivered_at < :before";
    static final String FORGET = "DELETE FROM zoho_notification_delivered WHERE sync_id = :syncId";

    /** One notified id of one operation (insert, update, delete). */
    record Notified(String recordId, String operation, Long serverTime, int notified) {

        boolean deletion() {
            return "delete".equals(operation);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    NotificationInbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores the ids of one callback; an id already waiting for the same operation is not added twice. @return how many were new */
    int add(String syncId, Collection<String> recordIds, String operation, Long serverTime) {
        OffsetDateTime now = utc(clock.instant());
        int added = 0;
        for (String id : recordIds) {
            try {
                added += jdbc.sql(ADD).param("syncId", syncId).param("recordId", id).param("operation", operation)
                        .param("serverTime", serverTime).param("now", now).update();
            } catch (DuplicateKeyException repeated) {
                // Zoho repeats callbacks, and one record changes many times: one pending row covers them,
                // counted up so that a read already under way does not take the row with it
                jdbc.sql(AGAIN).param("syncId", syncId).param("recordId", id).param("operation", operation).update();
            }
        }
        return added;
    }

    List<Notified> pending(String syncId, int limit) {
        return jdbc.sql(PENDING).param("syncId", syncId).param("limit", limit)
                .query((rs, n) -> new Notified(rs.getString("record_id"), rs.getString("operation"),
                        rs.getObject("server_time") == null ? null : rs.getLong("server_time"), rs.getInt("notified")))
                .list();
    }

    boolean hasPending(String syncId) {
        return jdbc.sql(HAS_PENDING).param("syncId", syncId).query(Long.class).single() > 0;
    }

    /** @return false when the id was notified again meanwhile: it stays for one more read */
    boolean done(String syncId, Notified notified) {
        return jdbc.sql(REMOVE).param("syncId", syncId).param("recordId", notified.recordId())
                .param("operation", notified.operation()).param("notified", notified.notified()).update() == 1;
    }

    /** A record (at its Modified_Time) or a deletion ({@link #DELETION}) that a notification delivered. */
    void delivered(String syncId, String recordId, long modifiedAt) {
        try {
            jdbc.sql(DELIVERED).param("syncId", syncId).param("recordId", recordId).param("modifiedAt", modifiedAt)
                    .param("now", utc(clock.instant())).update();
        } catch (DuplicateKeyException again) {
            // delivered twice (at-least-once): once is what the gap fill needs to know
        }
    }

    boolean wasDelivered(String syncId, String recordId, long modifiedAt) {
        return jdbc.sql(WAS_DELIVERED).param("syncId", syncId).param("recordId", recordId)
                .param("modifiedAt", modifiedAt).query(Long.class).single() > 0;
    }

    /**
     * Forgets deliveries the gap fill can no longer meet: records modified before its cursor (it asks
     * Zoho only for later ones) and deletions delivered before its deletions cursor.
     */
    void prune(String syncId, Instant cursor, Instant deletionsCursor) {
        if (cursor != null) {
            jdbc.sql(PRUNE_RECORDS).param("syncId", syncId).param("before", cursor.minusSeconds(1).toEpochMilli()).update();
        }
        if (deletionsCursor != null) {
            jdbc.sql(PRUNE_DELETIONS).param("syncId", syncId).param("before", utc(deletionsCursor.minusSeconds(60))).update();
        }
    }

    /** The sync stopped for good: nothing of it is kept (a new start gap-fills from its checkpoint). */
    void forget(String syncId) {
        jdbc.sql(CLEAR).param("syncId", syncId).update();
        jdbc.sql(FORGET).param("syncId", syncId).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
