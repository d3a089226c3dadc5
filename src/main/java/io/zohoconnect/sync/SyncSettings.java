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
 * @param leaseDuration How long a sync run's lease lasts without renewal (it is renewed every page): the time after
 *                      which another node takes over the run of a node that died.
 * @param fieldCacheTtl How long the fields discovered for a module (when a sync names none) are cached.
 * @param maxRestarts   How often a run restarts from its checkpoint after Zoho refused its page token, before it fails.
 * @param recordRetry   How often a run's outcome the database could not take (it was unreachable) is tried
 *                    again: its failure and its lease ({@link SyncBacklog})
 */
@Validated
@ConfigurationProperties("zoho.sync")
public record SyncSettings(
        @DefaultValue("2m") @NotNull Duration leaseDuration,
        @DefaultValue("1h") @NotNull Duration fieldCacheTtl,
        @DefaultValue("3") @Min(0) int maxRestarts,
        @DefaultValue("5s") @NotNull Duration recordRetry) {

    /**
     * A sync declared in configuration under {@code zoho.syncs[n]}: a shorthand of the route
     * {@code from("zoho-crm:changes/{module}?…").convertBodyTo(String).to(sink)}; each value but {@code sink} is the
     * {@code zoho-crm:changes} option of that name ({@code id} is its {@code syncId}).
     */
    public record Declared(String id, String connectionId, String module, String fields, String sink, String schedule,
            String mode, Boolean deletions, String batch, String bulkCriteria) {
    }
}
