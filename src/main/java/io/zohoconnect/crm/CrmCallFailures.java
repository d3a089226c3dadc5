package io.zohoconnect.crm;

import java.time.Duration;

/** Why one attempt of a CRM call failed, as the call path tells them apart. */
final class CrmCallFailures {

    private CrmCallFailures() {
    }

    /** Worth another attempt: 429, or 5xx / IO error / truncated body of a call that is safe to repeat. */
    static final class Retryable extends ZohoCrmException {

        private transient Duration retryAfter;

        Retryable(int status, String code, String zohoMessage, String message, String responseBody) {
            super(status, code, zohoMessage, message, responseBody);
        }

        Retryable(String message, Throwable cause) {
            super(message, cause);
        }

        /** With the wait Zoho asked for ({@code Retry-After}), null when it named none. */
        Retryable after(Duration wait) {
            this.retryAfter = wait;
            return this;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }

    /** Zoho rejected the token we sent (401 INVALID_TOKEN / AUTHENTICATION_FAILURE): refresh it and try once more. */
    static final class TokenRejected extends ZohoCrmException {
        TokenRejected(int status, String code, String zohoMessage, String message) {
            super(status, code, zohoMessage, message);
        }
    }
}
