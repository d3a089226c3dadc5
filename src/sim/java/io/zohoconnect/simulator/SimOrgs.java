package io.zohoconnect.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every simulated CRM org, created on first use, keyed by (DC, environment). */
final class SimOrgs {

    private final Map<Key, SimOrg> orgs = new ConcurrentHashMap<>();

    SimOrg get(String dc, ApiEnvironment environment) {
        return get(dc, environment, null);
    }

    /** {@code name} null: the DC's own org; else another org of that DC and environment, by company name. */
    SimOrg get(String dc, ApiEnvironment environment, String name) {
        return orgs.computeIfAbsent(new Key(dc, environment, name == null ? "" : name),
                k -> new SimOrg(k.dc(), k.environment(), name));
    }

    /** {@code /_sim/data/reset}: every org's modules and edition back to the defaults. */
    void resetData() {
        orgs.values().forEach(SimOrg::resetData);
    }

    /** {@code /_sim/reset}: every org's credit window and allowance back to the start. */
    void resetCredits() {
        orgs.values().forEach(org -> org.credits().reset());
    }

    private record Key(String dc, ApiEnvironment environment, String name) {
    }
}
