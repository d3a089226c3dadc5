package io.zohoconnect.credits;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** Gauges {@code zoho.credits.used} and {@code zoho.credits.allowance} (tag {@code org}) for every org the ledger saw. */
@Component
public final class CreditMetrics {

    private final MeterRegistry registry;
    private final CreditLedger ledger;
    private final OrgAllowances allowances;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public CreditMetrics(MeterRegistry registry, CreditLedger ledger, OrgAllowances allowances) {
        this.registry = registry;
        this.ledger = ledger;
        this.allowances = allowances;
    }

    /** Registers the gauges of orgs seen since the last call (called after each flush). */
    void registerNew() {
        for (String org : ledger.orgs()) {
            if (registered.add(org)) {
                Gauge.builder("zoho.credits.used", () -> ledger.usage(org).used()).tag("org", org)
                        .description("API credits the org used in the last 24 hours").register(registry);
                Gauge.builder("zoho.credits.allowance", () -> allowances.allowanceOf(org)).tag("org", org)
                        .description("API credits the org may use in 24 hours").register(registry);
            }
        }
    }
}
