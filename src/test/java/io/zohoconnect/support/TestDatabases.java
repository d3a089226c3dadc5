package io.zohoconnect.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Databases for store tests, migrated by the project's own Flyway scripts: an in-memory H2 in
 * PostgreSQL mode, and a fresh schema on the local PostgreSQL. Where no PostgreSQL is reachable
 * the PostgreSQL tests are skipped with a message — unless {@value #REQUIRE_POSTGRES} is true (CI),
 * where they fail.
 */
public final class TestDatabases {

    public static final String REQUIRE_POSTGRES = "ZOHO_CONNECT_REQUIRE_POSTGRES";
    public static final String POSTGRES_URL = System.getenv().getOrDefault("ZOHO_CONNECT_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRES_USER = System.getenv().getOrDefault("ZOHO_CONNECT_TEST_POSTGRES_USER", "postgres");

    private TestDatabases() {
    }

    public static DataSource h2() {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
        migrate(ds, null);
        return ds;
    }

    /** A new, migrated schema on the local PostgreSQL (skips or fails the test when none is reachable). */
    public static DataSource postgres() {
        requirePostgres();
        String schema = "zc_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        DriverManagerDataSource ds = new DriverManagerDataSource(POSTGRES_URL + "?currentSchema=" + schema, POSTGRES_USER, "");
        migrate(ds, schema);
        return ds;
    }

    /** Skips (locally) or fails (CI) when PostgreSQL cannot be reached. */
    public static void requirePostgres() {
        try (Connection c = new SingleConnectionDataSource(POSTGRES_URL, POSTGRES_USER, "", true).getConnection()) {
            c.isValid(2);
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + POSTGRES_URL + " (" + e.getMessage() + ")";
            if (Boolean.parseBoolean(System.getenv(REQUIRE_POSTGRES))) {
                throw new AssertionError(message + " and " + REQUIRE_POSTGRES + "=true makes PostgreSQL tests mandatory");
            }
            Assumptions.abort(message + ": skipping the PostgreSQL test (set " + REQUIRE_POSTGRES + "=true to require it)");
        }
    }

    private static void migrate(DataSource ds, String schema) {
        var config = Flyway.configure().dataSource(ds).locations("classpath:db/migration");
        if (schema != null) {
            config.schemas(schema).createSchemas(true);
        }
        config.load().migrate();
    }
}
