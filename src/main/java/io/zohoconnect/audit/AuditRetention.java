package io.zohoconnect.audit;

import java.time.Clock;
import java.time.Instant;

import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the audit trail and the sync-run history to {@code zoho.audit.retention}: a Quartz route on
 * {@code zoho.audit.prune-schedule} deletes what is older. Deleting is idempotent, so several nodes
 * pruning at once do no harm.
 */
@Component
public class AuditRetention extends RouteBuilder {

    static final String ROUTE_ID = "zoho-audit-prune";
    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);
    static final String PRUNE_SYNC_RUNS = "DELETE FROM zoho_sync_run WHERE finished_at < :cutoff";

    private final AuditTrail trail;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditProperties settings;

    AuditRetention(AuditTrail trail, JdbcClient jdbc, Clock clock, AuditProperties settings) {
        this.trail = trail;
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public void configure() {
        from("quartz://zoho/audit-prune?stateful=true&usingFixedCamelContextName=true&deleteJob=false"
                + "&cron=" + settings.pruneSchedule().trim().replace(' ', '+'))
                .routeId(ROUTE_ID)
                .process(exchange -> exchange.getMessage().setBody(prune()));
    }

    /** Deletes entries and sync runs older than the retention; returns how many entries went. */
    public int prune() {
        Instant cutoff = clock.instant().minus(settings.retention());
        int entries = trail.deleteBefore(cutoff);
        int runs = jdbc.sql(PRUNE_SYNC_RUNS).param("cutoff", AuditTrail.at(cutoff)).update();
        if (entries + runs > 0) {
            log.info("Audit retention: {} entries and {} sync runs older than {} deleted", entries, runs, cutoff);
        }
        return entries;
    }
}
