package io.zohoconnect.crm;

/**
 * Sees every outbound attempt of a CRM call — each retry is an attempt of its own, as Zoho counts it —
 * from the one place the call path makes them. The service's default does nothing; a bean of this type
 * replaces it (for instance to keep a ledger of API credits per connection).
 */
public interface CallAccounting {

    /**
     * Just before an attempt goes to Zoho. Throwing a {@link RuntimeException} refuses the call: it never
     * reaches Zoho, is not retried, and the caller gets this exception.
     */
    void beforeAttempt(CrmRequest request);

    /** Just after the attempt's answer: Zoho's HTTP status, 0 when no answer came (connection refused, timeout). */
    void afterAttempt(CrmRequest request, int status);

    /** Counts nothing. */
    CallAccounting NONE = new CallAccounting() {
        @Override
        public void beforeAttempt(CrmRequest request) {
        }

        @Override
        public void afterAttempt(CrmRequest request, int status) {
        }
    };
}
