package io.zohoconnect.crm;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * CRM calls: the per-org concurrency limit (by edition, or per connection), retries with backoff
 * for 429/5xx/IO (Retry-After honoured up to {@code max-retry-after}), and where failed records of
 * batched writes go.
 *
 * @param defaultEdition     Zoho edition whose concurrent-call limit applies to an org whose edition is not known
 *                           (FREE 5, STANDARD 10, PROFESSIONAL 15, ENTERPRISE 20, ULTIMATE 25 calls at once).
 * @param connections        Per connection id: its org's edition (edition), or an explicit concurrent-call limit
 *                           (max-concurrency; with several nodes, give each node its share).
 * @param maxRetries         Retries of a CRM call after a 429, a 5xx, an I/O error or a truncated answer (5xx and
 *                           I/O only for calls that are safe to repeat).
 * @param initialBackoff     First retry delay of a CRM call; it doubles, with jitter, up to max-backoff.
 * @param maxBackoff         Longest retry delay of a CRM call.
 * @param maxRetryAfter      Longest Retry-After of a 429 that is waited out.
 * @param writeDeadLetterUri Where batched writes send the records Zoho refused (any Camel endpoint URI), unless the
 *                           endpoint or the component names another.
 */
public record CrmSettings(
        @DefaultValue("ENTERPRISE") @NotNull ZohoEdition defaultEdition,
        Map<String, @Valid CrmConnectionSettings> connections,
        @DefaultValue("3") @Min(0) int maxRetries,
        @DefaultValue("500ms") @NotNull Duration initialBackoff,
        @DefaultValue("20s") @NotNull Duration maxBackoff,
        @DefaultValue("60s") @NotNull Duration maxRetryAfter,
        @DefaultValue("log:zoho-write-dead-letter?level=WARN") @NotBlank String writeDeadLetterUri) {

    public CrmSettings {
        connections = connections == null ? Map.of() : Map.copyOf(connections);
    }
}
