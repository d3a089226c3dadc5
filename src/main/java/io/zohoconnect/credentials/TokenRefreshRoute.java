package io.zohoconnect.credentials;

import io.zohoconnect.connection.DatabaseReachability;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The refresh timer: a camel-quartz route on {@code zoho.refresh.schedule}. In profile
 * {@code cluster} Quartz keeps its triggers in the database, so one node runs each tick; the
 * refresh leases make any overlap harmless anyway. Stateful: a slow pass is not overlapped by
 * the next tick. While the database is unreachable a pass ends quietly (the outage is said once);
 * the first pass after it refreshes what fell due meanwhile.
 */
@Component
class TokenRefreshRoute extends RouteBuilder {

    static final String ROUTE_ID = "zoho-token-refresh";

    private final RefreshSweep sweep;
    private final RefreshSettings settings;
    private final DatabaseReachability database;

    TokenRefreshRoute(RefreshSweep sweep, CredentialsSettings properties, DatabaseReachability database) {
        this.sweep = sweep;
        this.settings = properties.refresh();
        this.database = database;
    }

    @Override
    public void configure() {
        if (!settings.schedulerEnabled()) {
            // no timer at all (tests drive RefreshSweep themselves); a stopped quartz route would still schedule its job
            return;
        }
        from("quartz://zoho/token-refresh?stateful=true&usingFixedCamelContextName=true&deleteJob=false"
                + "&cron=" + settings.schedule().trim().replace(' ', '+'))
                .routeId(ROUTE_ID)
                .process(exchange -> database.attempt(() -> exchange.getMessage().setBody(sweep.run().toString())));
    }
}
