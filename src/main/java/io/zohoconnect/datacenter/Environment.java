package io.zohoconnect.datacenter;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The Zoho org a connection talks to: tokens of one environment do not work in another. */
public enum Environment {
    PRODUCTION, SANDBOX, DEVELOPER;

    /** The lower-case name used in URLs, properties and JSON. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Environment> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(e -> e.code().equalsIgnoreCase(code.trim())).findFirst();
    }
}
