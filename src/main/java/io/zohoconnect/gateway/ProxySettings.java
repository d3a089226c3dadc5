package io.zohoconnect.gateway;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code zoho.proxy.*}: the gateway ({@code ANY /proxy/crm/…}).
 *
 * @param maxBody         Request bodies up to this size are kept in memory so the call can be sent again after a token
 *                        refresh or a short 429 wait; larger ones are streamed to Zoho and never repeated.
 * @param maxRetryWait    The longest {@code Retry-After} of a 429 the gateway waits out (then tries once more);
 *                        a longer one goes back to the caller as Zoho's 429 with its {@code Retry-After}.
 * @param slotWait        How long a call waits for one of its org's concurrency slots before the gateway answers 503.
 * @param connectTimeout  How long connecting to Zoho may take.
 * @param responseTimeout How long Zoho may stay silent (before its answer, or between two parts of a streamed body).
 */
@Validated
@ConfigurationProperties("zoho.proxy")
public record ProxySettings(
        @DefaultValue("10MB") @NotNull DataSize maxBody,
        @DefaultValue("10s") @NotNull Duration maxRetryWait,
        @DefaultValue("30s") @NotNull Duration slotWait,
        @DefaultValue("10s") @NotNull Duration connectTimeout,
        @DefaultValue("2m") @NotNull Duration responseTimeout) {
}
