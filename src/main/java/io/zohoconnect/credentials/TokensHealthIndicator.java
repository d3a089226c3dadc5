package io.zohoconnect.credentials;

import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.DatabaseReachability;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code tokens}: DOWN when an ACTIVE connection holds an expired access token — the refresh
 * engine is not keeping up (scheduler stopped, database or Zoho unreachable for long). DOWN with the
 * reason while the database is unreachable: nothing can be refreshed then.
 */
@Component("tokens")
class TokensHealthIndicator implements HealthIndicator {

    private final ConnectionStore connections;
    private final DatabaseReachability database;

    TokensHealthIndicator(ConnectionStore connections, DatabaseReachability database) {
        this.connections = connections;
        this.database = database;
    }

    @Override
    public Health health() {
        return database.check(() -> {
            long expired = connections.countActiveWithExpiredToken();
            return expired == 0 ? Health.up().build()
                    : Health.down().withDetail("activeConnectionsWithExpiredToken", expired).build();
        });
    }
}
