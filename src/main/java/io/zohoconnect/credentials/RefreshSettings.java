package io.zohoconnect.credentials;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The refresh engine: refresh tokens expiring within {@code margin}, on {@code schedule}, at most
 * {@code concurrency} at a time; failures back off from {@code min-backoff} (throttling: at least
 * {@code throttle-backoff}) up to {@code max-backoff}; one refresh per connection per
 * {@code min-interval} unless Zoho rejected the token. A client-configuration error from Zoho
 * ({@code invalid_client}, …) is retried every {@code client-error-backoff}.
 *
 * @param margin             Tokens that expire within this are refreshed.
 * @param schedule           The refresh timer, a Quartz cron expression (seconds first).
 * @param concurrency        Refreshes in parallel per node.
 * @param batchSize          Due connections a refresh pass reads from the database at a time.
 * @param minBackoff         First retry delay after a failed refresh; it doubles, with jitter, up to max-backoff.
 * @param throttleBackoff    Shortest retry delay after Zoho throttled a refresh (Access Denied).
 * @param maxBackoff         Longest retry delay after failed refreshes.
 * @param minInterval        At most one refresh per connection per interval, unless Zoho rejected the token.
 * @param maxTokenAge        A token not refreshed for this long is refreshed even when it is not due.
 * @param leaseDuration      How long a node may hold a connection's refresh lease before another node may take it.
 * @param clientErrorBackoff Retry delay while Zoho refuses this service's client configuration for a data center
 *                           (CLIENT_MISCONFIGURED).
 * @param schedulerEnabled   Tests only: whether the refresh timer runs at all.
 */
public record RefreshSettings(
        @DefaultValue("10m") @NotNull Duration margin,
        @DefaultValue("0/30 * * * * ?") @NotBlank String schedule,
        @DefaultValue("8") @Min(1) int concurrency,
        @DefaultValue("200") @Min(1) int batchSize,
        @DefaultValue("30s") @NotNull Duration minBackoff,
        @DefaultValue("2m") @NotNull Duration throttleBackoff,
        @DefaultValue("30m") @NotNull Duration maxBackoff,
        @DefaultValue("1m") @NotNull Duration minInterval,
        @DefaultValue("1d") @NotNull Duration maxTokenAge,
        @DefaultValue("60s") @NotNull Duration leaseDuration,
        @DefaultValue("15m") @NotNull Duration clientErrorBackoff,
        @DefaultValue("true") boolean schedulerEnabled) {
}
