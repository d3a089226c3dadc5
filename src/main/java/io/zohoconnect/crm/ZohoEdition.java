package io.zohoconnect.crm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

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

    /** The edition Zoho names ({@code license_details.paid_type}, e.g. "enterprise"), if it is one of these. */
    public static Optional<ZohoEdition> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(e -> e.name().equals(upper)).findFirst();
    }
}
