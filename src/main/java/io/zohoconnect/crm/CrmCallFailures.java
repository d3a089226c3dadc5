package io.zohoconnect.crm;

/** Why one attempt of a CRM call failed, as the call route's {@code onException} clauses tell them apart. */
final class CrmCallFailures {

    private CrmCallFailures() {
    }

    /** Worth another attempt: 429, or 5xx / IO error / truncated body of a call that is safe to repeat. */
    static final class Retryable extends ZohoCrmException {
        Retryable(int status, String code, String zohoMessage, String message, String responseBody) {
            super(status, code, zohoMessage, message, responseBody);
        }

        Retryable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Zoho rejected the token we sent (401 INVALID_TOKEN / AUTHENTICATION_FAILURE); it has been refreshed: try once more. */
    static final class TokenRejected extends ZohoCrmException {
        TokenRejected(int status, String code, String zohoMessage, String message) {
            super(status, code, zohoMessage, message);
        }
    }
}
