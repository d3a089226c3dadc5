package io.zohoconnect.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import io.zohoconnect.crm.CallPurpose;
import io.zohoconnect.support.MutableClock;
import io.zohoconnect.support.TestDatabases;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ledger as two nodes share it, on H2 and PostgreSQL: each sees the other's credits after a flush; a day later they are gone. */
class SharedLedgerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:30Z"));

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void twoNodesShareOneWindowAndBothBudgetsHoldIt(String database) {
        DataSource db = database.equals("h2") ? TestDatabases.h2() : TestDatabases.postgres();
        CreditSettings settings = new CreditSettings(0.5, Map.of(), Duration.ofSeconds(1), Duration.ofMinutes(1));
        CreditLedger a = new CreditLedger(JdbcClient.create(db), clock, settings);
        CreditLedger b = new CreditLedger(JdbcClient.create(db), clock, settings);

        for (int i = 0; i < 3; i++) {
            assertThat(a.charge("org-1", CallPurpose.BACKGROUND, 1, 10, 5)).isPositive();
        }
        assertThat(b.charge("org-1", CallPurpose.INTERACTIVE, 2, 10, 5)).isEqualTo(2);
        a.flush();
        b.flush();
        a.flush();

        assertThat(b.usage("org-1").background()).isEqualTo(3);
        assertThat(b.usage("org-1").used()).isEqualTo(5);
        assertThat(b.charge("org-1", CallPurpose.BACKGROUND, 3, 10, 5)).as("over the background share").isEqualTo(-1);
        assertThat(b.charge("org-1", CallPurpose.BACKGROUND, 2, 10, 5)).isEqualTo(7);
        assertThat(a.charge("org-1", CallPurpose.INTERACTIVE, 4, 10, 5)).as("a has not seen b's last 2 yet").isEqualTo(9);
        b.flush();
        a.flush();
        assertThat(a.charge("org-1", CallPurpose.INTERACTIVE, 2, 10, 5)).as("over the allowance").isEqualTo(-1);
        assertThat(a.usage("org-1").calls()).isEqualTo(6);
        assertThat(a.usage("org-1").used()).as("within one flush both nodes spent: 1 over").isEqualTo(11);
        a.refund("org-1", CallPurpose.INTERACTIVE, 4);
        a.flush();
        b.flush();
        assertThat(b.usage("org-1").used()).isEqualTo(7);
        assertThat(b.usage("org-1").nextCreditAt()).isEqualTo(Instant.parse("2026-12-02T10:01:00Z"));

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        a.flush();
        assertThat(a.usage("org-1").used()).isZero();
        assertThat(a.charge("org-1", CallPurpose.BACKGROUND, 5, 10, 5)).isEqualTo(5);
    }
}
