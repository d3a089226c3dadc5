package io.zohoconnect.crm;

/** Zoho CRM editions and the concurrent API calls each allows per org (ZOHO-API.md §10). */
public enum ZohoEdition {
    FREE(5), STANDARD(10), PROFESSIONAL(15), ENTERPRISE(20), ULTIMATE(25);

    private final int concurrentCalls;

    ZohoEdition(int concurrentCalls) {
        this.concurrentCalls = concurrentCalls;
    }

    public int concurrentCalls() {
        return concurrentCalls;
    }
}
