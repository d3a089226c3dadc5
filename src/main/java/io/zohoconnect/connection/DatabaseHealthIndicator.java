package io.zohoconnect.connection;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * {@code db} (in place of Spring Boot's): UP when a pooled connection answers {@code isValid}; DOWN when
 * none comes within the pool's connection timeout ({@code spring.datasource.hikari.connection-timeout},
 * 3 s), or at once while {@link DatabaseReachability} has just seen the database unreachable — so a
 * probe never waits long, and logs nothing per probe (the outage is said once).
 */
@Component("dbHealthIndicator")
final class DatabaseHealthIndicator implements HealthIndicator {

    /** Seconds a pooled connection may take to prove it is alive. */
    private static final int VALIDATION_SECONDS = 1;

    private final DataSource dataSource;
    private final DatabaseReachability reachability;

    DatabaseHealthIndicator(DataSource dataSource, DatabaseReachability reachability) {
        this.dataSource = dataSource;
        this.reachability = reachability;
    }

    @Override
    public Health health() {
        return reachability.check(() -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.isValid(VALIDATION_SECONDS)) {
                    throw new SQLException("the connection did not answer within " + VALIDATION_SECONDS + " s", "08006");
                }
                return Health.up().withDetail("database", connection.getMetaData().getDatabaseProductName())
                        .withDetail("validationQuery", "isValid()").build();
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException(e.getMessage(), e);
            }
        });
    }
}
