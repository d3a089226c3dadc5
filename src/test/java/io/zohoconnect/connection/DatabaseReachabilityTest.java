package io.zohoconnect.connection;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule for "the database is unreachable", and what it says about it. */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseReachabilityTest {

    static Stream<Arguments> failures() {
        SQLException refused = new SQLException("Connection to db:5432 refused.", "08001");
        return Stream.of(
                Arguments.of(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", refused), true),
                Arguments.of(new SQLTransientConnectionException("HikariPool-1 - Connection is not available"), true),
                Arguments.of(new RuntimeException("wrapped by a route", new SQLException("I/O error", "08006")), true),
                Arguments.of(new DuplicateKeyException("duplicate key"), false),
                Arguments.of(new DataIntegrityViolationException("value too long", new SQLException("too long", "22001")), false),
                Arguments.of(new IllegalStateException("no such thing"), false));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void anOutageIsAConnectionFailureNotAnyDatabaseError(Exception failure, boolean outage) {
        assertThat(DatabaseReachability.isOutage(failure)).as(failure.toString()).isEqualTo(outage);
    }

    @Test
    void theDatabaseIsNamedWithoutCredentialsOrOptions() {
        assertThat(DatabaseReachability.printable("jdbc:postgresql://db.internal:5432/zoho?user=zoho&password=s3cret"))
                .isEqualTo("jdbc:postgresql://db.internal:5432/zoho");
        assertThat(DatabaseReachability.printable("jdbc:postgresql://zoho:s3cret@db.internal/zoho"))
                .isEqualTo("jdbc:postgresql://db.internal/zoho");
        assertThat(DatabaseReachability.printable("jdbc:h2:file:./data/zoho;PASSWORD=s3cret;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:./data/zoho");
    }

    @Test
    void aCauseIsOneLineWithTheDriversWordsAndNoStatement() {
        Exception failure = new CannotGetJdbcConnectionException("PreparedStatementCallback; SQL [UPDATE x SET y = ?]",
                new SQLException("The connection attempt failed.\nretry", "08001", new java.net.SocketException("Connection reset")));
        assertThat(DatabaseReachability.describe(failure))
                .isEqualTo("The connection attempt failed. retry (java.net.SocketException: Connection reset)");
    }

    @Test
    void anOutageIsSaidOnceWhenItBeginsAndOnceWhenItEnds(CapturedOutput output) {
        DatabaseReachability database = new DatabaseReachability("jdbc:postgresql://db:5432/zoho?password=x", Clock.systemUTC());
        SQLException refused = new SQLException("Connection to db:5432 refused.", "08001");

        database.failed(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        assertThat(database.outage()).as("a connection the network broke is dropped by the pool; no outage yet").isEmpty();
        for (int caller = 0; caller < 5; caller++) {
            database.failed(refused);
        }
        assertThat(database.recentOutage()).isPresent();
        assertThat(database.check(() -> { throw new AssertionError("not asked while the outage is fresh"); }).getStatus())
                .isEqualTo(Status.DOWN);
        database.reached();
        database.reached();

        assertThat(database.outage()).isEmpty();
        assertThat(output.getOut().lines().filter(line -> line.contains(" WARN ") && line.contains("unreachable"))).hasSize(1)
                .allSatisfy(line -> assertThat(line).contains("jdbc:postgresql://db:5432/zoho ").contains("refused")
                        .doesNotContain("password"));
        assertThat(output.getOut().lines().filter(line -> line.contains(" INFO ") && line.contains("reachable again"))).hasSize(1);
    }
}
