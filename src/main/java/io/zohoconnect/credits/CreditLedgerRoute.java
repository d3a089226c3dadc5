package io.zohoconnect.credits;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Flushes the ledger every {@code zoho.credits.flush-interval}: this node's counts out, every node's back in. */
@Component
class CreditLedgerRoute extends RouteBuilder {

    private final CreditLedger ledger;
    private final OrgAllowances allowances;
    private final CreditMetrics metrics;
    private final CreditSettings settings;

    CreditLedgerRoute(CreditLedger ledger, OrgAllowances allowances, CreditMetrics metrics, CreditSettings settings) {
        this.ledger = ledger;
        this.allowances = allowances;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    public void configure() {
        fromF("timer:zoho-credits-flush?period=%d&delay=%d", settings.flushInterval().toMillis(),
                settings.flushInterval().toMillis())
                .routeId("zoho-credits-flush")
                .process(exchange -> {
                    ledger.flush();
                    allowances.reload();
                    metrics.registerNew();
                });
    }
}
