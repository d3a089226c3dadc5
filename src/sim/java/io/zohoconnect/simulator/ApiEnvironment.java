package io.zohoconnect.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A DC's CRM orgs, one per environment, each under its own base path like Zoho's own hosts. */
enum ApiEnvironment {
    PRODUCTION("api"), SANDBOX("sandbox-api"), DEVELOPER("developer-api");

    private final String pathSegment;

    ApiEnvironment(String pathSegment) {
        this.pathSegment = pathSegment;
    }

    String pathSegment() {
        return pathSegment;
    }

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code production}, {@code sandbox} or {@code developer} — or the path segment ({@code sandbox-api}). */
    static Optional<ApiEnvironment> byName(String name) {
        return Arrays.stream(values()).filter(e -> e.code().equals(name) || e.pathSegment.equals(name)).findFirst();
    }

    static Optional<ApiEnvironment> bySegment(String segment) {
        return Arrays.stream(values()).filter(e -> e.pathSegment.equals(segment)).findFirst();
    }
}
