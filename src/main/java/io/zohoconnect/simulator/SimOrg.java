package io.zohoconnect.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated CRM org: a (DC, environment) pair. Its identity is derived from the pair, so every
 * run sees the same ids. Records, credits and the like belong here when the CRM part grows.
 */
final class SimOrg {

    private static final Map<String, String> COUNTRIES = Map.of("us", "US", "eu", "DE", "in", "IN", "au", "AU",
            "cn", "CN", "jp", "JP", "ca", "CA", "sa", "SA");

    private final String dc;
    private final ApiEnvironment environment;
    private final String id;
    /** Requests being served right now, for the concurrency counter and limit. */
    private final AtomicInteger inFlight = new AtomicInteger();

    SimOrg(String dc, ApiEnvironment environment) {
        this.dc = dc;
        this.environment = environment;
        this.id = zohoId("org/" + dc + "/" + environment.code());
    }

    /** "eu/production": how counters name the org. */
    String key() {
        return dc + "/" + environment.code();
    }

    String id() {
        return id;
    }

    String companyName() {
        return "Simulated org (" + dc.toUpperCase(Locale.ROOT) + " " + environment.code() + ")";
    }

    String countryCode() {
        return COUNTRIES.getOrDefault(dc, dc.toUpperCase(Locale.ROOT));
    }

    /** The id a user has in this org: same e-mail, same org, same id. */
    String userId(String email) {
        return zohoId("user/" + dc + "/" + environment.code() + "/" + email.toLowerCase(Locale.ROOT));
    }

    int enter() {
        return inFlight.incrementAndGet();
    }

    void leave() {
        inFlight.decrementAndGet();
    }

    /** Zoho ids are 19-digit numbers; these are derived from a hash of the name. */
    static String zohoId(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (hash[i] & 0xff);
            }
            // 19 digits, like Zoho's: 1e18 <= id < 9e18
            return String.valueOf(1_000_000_000_000_000_000L + Math.floorMod(value, 8_000_000_000_000_000_000L));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
