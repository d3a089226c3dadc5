package io.zohoconnect.audit;

import java.time.Duration;
import java.time.Instant;

import io.zohoconnect.support.IntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class AuditRetentionTest extends IntegrationTest {

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditRetention retention;

    @Autowired
    AuditProperties settings;

    @Autowired
    JdbcClient jdbc;

    @Test
    void entriesAndSyncRunsOlderThanTheRetentionArePrunedAndNewerOnesKept() {
        assertThat(settings.retention()).isEqualTo(Duration.ofDays(90));
        trail.record("connection.refreshed", "keep-old", Actor.timer("refresh timer"), "success", null);
        runFinishedAt("retention-sync", clock.instant());
        clock.advance(Duration.ofDays(60));
        trail.record("connection.refreshed", "keep-new", Actor.timer("refresh timer"), "success", null);
        runFinishedAt("retention-sync", clock.instant());

        clock.advance(Duration.ofDays(31)); // the first entry is now 91 days old, the second 31
        retention.prune();

        assertThat(trail.page(AuditQuery.ofConnection("keep-old", 10))).isEmpty();
        assertThat(trail.page(AuditQuery.ofConnection("keep-new", 10))).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM zoho_sync_run WHERE sync_id = 'retention-sync'").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void pruningTwiceIsHarmless() {
        trail.record("connection.created", "prune-twice", Actor.apiKey(), "success", null);
        clock.advance(Duration.ofDays(91));
        retention.prune();
        assertThat(retention.prune()).isZero();
        assertThat(trail.page(AuditQuery.ofConnection("prune-twice", 10))).isEmpty();
    }

    private void runFinishedAt(String syncId, Instant at) {
        jdbc.sql("INSERT INTO zoho_sync_run (sync_id, finished_at, started_at, records, lag_seconds, error)"
                + " VALUES (:id, :at, :at, 10, 5, NULL)").param("id", syncId).param("at", AuditTrail.at(at)).update();
    }
}
