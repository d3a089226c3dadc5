package io.zohoconnect.sync;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code zoho.sync.*}: how syncs run, and syncs declared by properties
 * ({@code zoho.syncs[n].*} — see {@link Declared}).
 *
 * @param recordRetry how often a run's outcome the database could not take (it was unreachable) is tried
 *                    again: its failure and its lease ({@link SyncBacklog})
 */
@Validated
@ConfigurationProperties("zoho.sync")
public record SyncSettings(
        @DefaultValue("2m") @NotNull Duration leaseDuration,
        @DefaultValue("1h") @NotNull Duration fieldCacheTtl,
        @DefaultValue("3") @Min(0) int maxRestarts,
        @DefaultValue("5s") @NotNull Duration recordRetry) {

    /** A sync declared in configuration under {@code zoho.syncs[n]}. */
    public record Declared(String id, String connectionId, String module, String fields, String sink, String schedule,
            String mode, Boolean deletions, String batch) {
    }
}
