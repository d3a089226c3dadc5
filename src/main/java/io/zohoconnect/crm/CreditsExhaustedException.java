package io.zohoconnect.crm;

import java.time.Instant;

/**
 * The org's API credits for this kind of work are used up, so the call was not sent to Zoho: for
 * {@link CallPurpose#BACKGROUND} work its share of the allowance, for interactive work the whole
 * allowance. A 429 with code {@value #CODE}; {@link #retryAt} is when the rolling window
 * frees enough credits. Background work waits for it instead of failing.
 */
public final class CreditsExhaustedException extends ZohoCrmException {

    public static final String CODE = "CREDITS_EXHAUSTED";

    private final transient Instant retryAt;
    private final CallPurpose purpose;

    public CreditsExhaustedException(CallPurpose purpose, String orgId, Instant retryAt) {
        super(429, CODE, null, (purpose == CallPurpose.BACKGROUND
                ? "The background share of the API credits of org " + orgId + " is used up"
                : "The API credits of org " + orgId + " are used up")
                + "; not sent to Zoho; more credits free at " + retryAt);
        this.retryAt = retryAt;
        this.purpose = purpose;
    }

    public Instant retryAt() {
        return retryAt;
    }

    public CallPurpose purpose() {
        return purpose;
    }

    /** The exhausted credits behind a failure, however deep Camel wrapped it, or null. */
    public static CreditsExhaustedException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CreditsExhaustedException exhausted) {
                return exhausted;
            }
        }
        return null;
    }
}
