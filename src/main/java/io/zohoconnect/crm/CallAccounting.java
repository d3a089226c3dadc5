package io.zohoconnect.crm;

/**
 * Told about every attempt of a CRM call, before it goes to Zoho and after Zoho answered: the hook the
 * API-credit ledger hangs on. {@link #beforeAttempt} may refuse the attempt by throwing (a
 * {@link CreditsExhaustedException}); nothing is sent then.
 */
public interface CallAccounting {

    /** Does nothing: the call path without a ledger. */
    CallAccounting NONE = new CallAccounting() {
        @Override
        public void beforeAttempt(CrmRequest r) {
        }

        @Override
        public void afterAttempt(CrmRequest r, int status) {
        }
    };

    void beforeAttempt(CrmRequest r);

    /** @param status Zoho's HTTP status, 0 when no answer came */
    void afterAttempt(CrmRequest r, int status);
}
