package io.zohoconnect.credits;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code zoho.credits.*}: the API-credit ledger and budgets.
 *
 * @param backgroundShare The share of an org's allowance background work (syncs, bulk exports, notification
 *                        reads, queue writes) may use in 24 hours; it then waits. Interactive calls (routes, the
 *                        gateway) may use the whole allowance.
 * @param costs           Credits per kind of call, over Zoho's published table: {@code default} (1),
 *                        {@code deleted-records} (2), {@code custom-view-records} (3), {@code convert-lead} (5),
 *                        {@code bulk-read} (50), {@code bulk-write} (500), {@code records-per-write-credit} (10),
 *                        {@code records-per-tag-credit} (50). Unknown kinds cost 1.
 * @param flushInterval   How often a node adds the credits it counted to the shared ledger and reads the others'.
 * @param bucket          The width of the ledger's time buckets; the 24-hour window moves by this much.
 */
@Validated
@ConfigurationProperties("zoho.credits")
public record CreditSettings(
        @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double backgroundShare,
        Map<String, Integer> costs,
        @DefaultValue("1s") @NotNull Duration flushInterval,
        @DefaultValue("1m") @NotNull Duration bucket) {

    public CreditSettings {
        costs = costs == null ? Map.of() : Map.copyOf(costs);
    }
}
