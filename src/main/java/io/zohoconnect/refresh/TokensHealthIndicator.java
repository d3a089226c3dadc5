package io.zohoconnect.refresh;

import io.zohoconnect.connection.ConnectionStore;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code tokens}: DOWN when an ACTIVE connection holds an expired access token — the refresh
 * engine is not keeping up (scheduler stopped, database or Zoho unreachable for long).
 */
@Component("tokens")
class TokensHealthIndicator implements HealthIndicator {

    private final ConnectionStore connections;

    TokensHealthIndicator(ConnectionStore connections) {
        this.connections = connections;
    }

    @Override
    public Health health() {
        long expired = connections.countActiveWithExpiredToken();
        return expired == 0 ? Health.up().build()
                : Health.down().withDetail("activeConnectionsWithExpiredToken", expired).build();
    }
}
