package io.zohoconnect.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A CRM org's edition and its concurrent-call limit per org and app (ZOHO-API.md §10). */
enum Edition {
    FREE(5), STANDARD(10), PROFESSIONAL(15), ENTERPRISE(20), ULTIMATE(25);

    private final int concurrencyLimit;

    Edition(int concurrencyLimit) {
        this.concurrencyLimit = concurrencyLimit;
    }

    int concurrencyLimit() {
        return concurrencyLimit;
    }

    static Edition parse(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("edition is required; one of " + names());
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown edition: " + name + "; one of " + names());
        }
    }

    private static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
