package io.zohoconnect.connection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;

/**
 * Refuses to start on an in-memory database: every connection (and its refresh token) would be lost
 * at the next restart, silently. H2 itself says whether it keeps files: {@code DATABASE_PATH()} is
 * null for {@code jdbc:h2:mem:…}, also behind a TCP server. Tests, which want a throwaway database,
 * set {@code zoho.allow-in-memory-database=true}.
 */
@Component
public final class InMemoryDatabaseCheck implements SmartInitializingSingleton {

    static final String ALLOW = "zoho.allow-in-memory-database";

    private final DataSource dataSource;
    private final Environment environment;

    public InMemoryDatabaseCheck(DataSource dataSource, Environment environment) {
        this.dataSource = dataSource;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!environment.getProperty(ALLOW, Boolean.class, false) && inMemory(dataSource)) {
            throw new IllegalStateException("Refusing to start on an in-memory database ("
                    + withoutOptions(environment.getProperty("spring.datasource.url", "?"))
                    + "): every connection would be lost at the next restart. Use the default embedded database"
                    + " file under zoho.data-dir (ZOHO_DATA_DIR; leave spring.datasource.url unset), or PostgreSQL"
                    + " with profile postgres (SPRING_PROFILES_ACTIVE=postgres, DATABASE_URL, DATABASE_USER,"
                    + " DATABASE_PASSWORD).");
        }
    }

    static boolean inMemory(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
                return false;
            }
            try (Statement statement = connection.createStatement();
                    ResultSet path = statement.executeQuery("SELECT DATABASE_PATH()")) {
                return path.next() && path.getString(1) == null;
            }
        } catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("cannot check whether the database is in memory", e);
        }
    }

    /** The URL up to its options: H2 options may carry a password. */
    private static String withoutOptions(String url) {
        int options = url.indexOf(';');
        return options < 0 ? url : url.substring(0, options);
    }
}
