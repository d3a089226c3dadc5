package io.zohoconnect.audit;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code zoho.audit.*}: how long the audit trail and sync-run history are kept
 * ({@code retention}, default 90 days), when they are pruned ({@code prune-schedule}, a Quartz cron,
 * daily by default) and how often sync progress is sampled into the run history.
 *
 * @param retention          How long audit entries and the sync-run history are kept.
 * @param pruneSchedule      When entries older than the retention are deleted, a Quartz cron expression (daily by
 *                           default; on a cluster every node may prune, harmlessly).
 * @param syncSampleInterval How often finished sync runs are read into the history behind the sync charts (at least 1s).
 */
@Validated
@ConfigurationProperties("zoho.audit")
public record AuditProperties(
        @NotNull @DefaultValue("90d") Duration retention,
        @NotBlank @DefaultValue("0 17 3 * * ?") String pruneSchedule,
        @NotNull @DefaultValue("15s") Duration syncSampleInterval) {

    public AuditProperties {
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("zoho.audit.retention must be positive, e.g. 90d");
        }
        if (syncSampleInterval != null && syncSampleInterval.toMillis() < 1000) {
            throw new IllegalArgumentException("zoho.audit.sync-sample-interval must be at least 1s");
        }
    }
}
