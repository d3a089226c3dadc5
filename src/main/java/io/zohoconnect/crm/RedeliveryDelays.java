package io.zohoconnect.crm;

import java.time.Duration;

/**
 * How long a CRM call's redelivery really waits for the delay Camel's error handler decided
 * (Retry-After or backoff). The service waits as asked; tests record the asked delay and wait a
 * moment, so a 7-second Retry-After is checked without a 7-second test.
 */
@FunctionalInterface
public interface RedeliveryDelays {

    /** The service's own: wait as long as asked. */
    RedeliveryDelays AS_ASKED = asked -> asked;

    Duration actual(Duration asked);
}
