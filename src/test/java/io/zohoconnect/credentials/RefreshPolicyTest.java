package io.zohoconnect.credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStatus;
import io.zohoconnect.connection.Secret;
import io.zohoconnect.credentials.RefreshResult.Outcome;
import io.zohoconnect.datacenter.Environment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The refresh decision on its own: a row, a reason and an instant in, refresh or why not out. */
class RefreshPolicyTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final Secret TOKEN = new Secret("1000.current-access");

    final RefreshPolicy policy = new RefreshPolicy(new RefreshSettings(Duration.ofMinutes(10), "0/30 * * * * ?",
            8, 200, Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(30), Duration.ofMinutes(1),
            Duration.ofDays(1), Duration.ofSeconds(60), Duration.ofMinutes(15), true));

    @ParameterizedTest
    @EnumSource(value = ConnectionStatus.class, names = {"NEEDS_REAUTH", "REVOKED", "REVOKE_PENDING"})
    void aDeadRevokedOrRevokePendingConnectionIsNeverRefreshedWhateverTheReason(ConnectionStatus status) {
        Connection row = row(status, NOW.plusSeconds(60), NOW.minus(Duration.ofHours(2)), null);
        for (RefreshRequest request : List.of(RefreshRequest.SCHEDULED, RefreshRequest.ON_DEMAND, RefreshRequest.FORCED,
                RefreshRequest.rejected(TOKEN))) {
            assertThat(outcome(row, request)).as("%s", request.reason()).contains(Outcome.NOT_REFRESHABLE);
        }
    }

    @Test
    void aTokenValidBeyondTheMarginIsFreshForTheTimer() {
        Connection row = row(ConnectionStatus.ACTIVE, NOW.plus(Duration.ofMinutes(30)), NOW.minus(Duration.ofMinutes(30)), null);
        assertThat(outcome(row, RefreshRequest.SCHEDULED)).contains(Outcome.ALREADY_FRESH);
        assertThat(outcome(row, RefreshRequest.ON_DEMAND)).contains(Outcome.ALREADY_FRESH);
    }

    @Test
    void aTokenInsideTheMarginIsRefreshed() {
        Connection row = row(ConnectionStatus.ACTIVE, NOW.plus(Duration.ofMinutes(9)), NOW.minus(Duration.ofMinutes(51)), null);
        assertThat(outcome(row, RefreshRequest.SCHEDULED)).isEmpty();
    }

    @Test
    void aTokenNotRefreshedForADayIsRefreshedEvenIfValid() {
        Connection row = row(ConnectionStatus.ACTIVE, NOW.plus(Duration.ofMinutes(50)), NOW.minus(Duration.ofDays(1)), null);
        assertThat(outcome(row, RefreshRequest.SCHEDULED)).isEmpty();
    }

    @Test
    void atMostOneRefreshAMinuteWhileTheTokenIsValid() {
        // inside the margin (a short-lived token), but refreshed 30 s ago: Zoho allows 10 tokens in 10 minutes
        Connection row = row(ConnectionStatus.ACTIVE, NOW.plus(Duration.ofMinutes(5)), NOW.minusSeconds(30), null);
        assertThat(outcome(row, RefreshRequest.SCHEDULED)).contains(Outcome.RATE_LIMITED);
        assertThat(outcome(row, RefreshRequest.FORCED)).contains(Outcome.RATE_LIMITED);
        // a minute later it may
        assertThat(policy.skipReason(row, RefreshRequest.FORCED, NOW.plusSeconds(31))).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefreshedEvenIfRefreshedRecently() {
        Connection row = row(ConnectionStatus.ACTIVE, NOW.minusSeconds(1), NOW.minusSeconds(30), null);
        assertThat(outcome(row, RefreshRequest.ON_DEMAND)).isEmpty();
    }

    @Test
    void zohoRejectingTheCurrentTokenLiftsTheMinuteLimit() {
        Connection row = row(ConnectionStatus.ACTIVE, NOW.plus(Duration.ofMinutes(50)), NOW.minusSeconds(10), null);
        assertThat(outcome(row, RefreshRequest.rejected(TOKEN))).isEmpty();
    }

    @Test
    void aRejectedTokenThatWasAlreadyReplacedNeedsNoRefresh() {
        Connection row = row(ConnectionStatus.ACTIVE, NOW.plus(Duration.ofMinutes(50)), NOW.minusSeconds(10), null);
        assertThat(outcome(row, RefreshRequest.rejected(new Secret("1000.older-access")))).contains(Outcome.ALREADY_FRESH);
    }

    @Test
    void aBackoffHoldsForEveryoneButAnOperator() {
        Connection row = row(ConnectionStatus.ACTIVE, NOW.plus(Duration.ofMinutes(5)), NOW.minus(Duration.ofMinutes(55)),
                NOW.plusSeconds(20));
        assertThat(outcome(row, RefreshRequest.SCHEDULED)).contains(Outcome.BACKING_OFF);
        assertThat(outcome(row, RefreshRequest.ON_DEMAND)).contains(Outcome.BACKING_OFF);
        assertThat(outcome(row, RefreshRequest.FORCED)).isEmpty();
        assertThat(policy.skipReason(row, RefreshRequest.SCHEDULED, NOW.plusSeconds(20))).isEmpty();
    }

    @Test
    void aMisconfiguredClientIsRetriedWhenItsBackoffEndsThoughItsTokenIsValid() {
        Connection row = row(ConnectionStatus.CLIENT_MISCONFIGURED, NOW.plus(Duration.ofMinutes(40)),
                NOW.minus(Duration.ofMinutes(20)), NOW.plus(Duration.ofMinutes(15)));
        assertThat(outcome(row, RefreshRequest.SCHEDULED)).contains(Outcome.BACKING_OFF);
        assertThat(policy.skipReason(row, RefreshRequest.SCHEDULED, NOW.plus(Duration.ofMinutes(15)))).isEmpty();
    }

    private Optional<Outcome> outcome(Connection row, RefreshRequest request) {
        return policy.skipReason(row, request, NOW).map(RefreshResult::outcome);
    }

    private static Connection row(ConnectionStatus status, Instant expiresAt, Instant lastRefreshedAt, Instant nextAttemptAt) {
        return new Connection("acme", "eu", Environment.PRODUCTION, "https://accounts.zoho.eu", "https://www.zohoapis.eu",
                List.of("ZohoCRM.modules.ALL"), new Secret("1000.refresh"), TOKEN, expiresAt, status, 0, nextAttemptAt,
                null, lastRefreshedAt, NOW.minus(Duration.ofDays(3)), lastRefreshedAt, 1, null);
    }
}
