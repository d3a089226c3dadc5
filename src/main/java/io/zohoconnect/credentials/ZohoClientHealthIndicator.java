package io.zohoconnect.credentials;

import java.util.List;

import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.DatabaseReachability;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code zohoClient}: DOWN while any connection is CLIENT_MISCONFIGURED — Zoho refused this service's
 * client configuration (client id, the DC's client secret, redirect URI) in those data centers. An
 * operator must fix it; the connections then recover by themselves at their next retry. DOWN with the
 * reason while the database is unreachable (it cannot be told then).
 */
@Component("zohoClient")
class ZohoClientHealthIndicator implements HealthIndicator {

    private final ConnectionStore connections;
    private final DatabaseReachability database;

    ZohoClientHealthIndicator(ConnectionStore connections, DatabaseReachability database) {
        this.connections = connections;
        this.database = database;
    }

    @Override
    public Health health() {
        return database.check(this::reading);
    }

    private Health reading() {
        List<String> dcs = connections.clientMisconfiguredDataCenters();
        if (dcs.isEmpty()) {
            return Health.up().build();
        }
        return Health.down()
                .withDetail("clientMisconfiguredDataCenters", dcs)
                .withDetail("message", "Zoho refused this service's client configuration in data center(s) "
                        + String.join(", ", dcs) + ": check zoho.client-id, the client secret of those data centers"
                        + " and zoho.redirect-uri. Connections recover by themselves once it is fixed.")
                .build();
    }
}
