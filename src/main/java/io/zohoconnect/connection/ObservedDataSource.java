package io.zohoconnect.connection;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The service's pool as everything uses it, telling {@link DatabaseReachability} how each request for a
 * connection went: the one place that sees the database go away and come back.
 */
final class ObservedDataSource extends DelegatingDataSource {

    private final DatabaseReachability reachability;

    ObservedDataSource(DataSource pool, DatabaseReachability reachability) {
        super(pool);
        this.reachability = reachability;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            Connection connection = obtainTargetDataSource().getConnection();
            reachability.reached();
            return connection;
        } catch (SQLException e) {
            reachability.unreachable(e);
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        try {
            Connection connection = obtainTargetDataSource().getConnection(username, password);
            reachability.reached();
            return connection;
        } catch (SQLException e) {
            reachability.unreachable(e);
            throw e;
        }
    }
}
