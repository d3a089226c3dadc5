package io.zohoconnect.credentials;

import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionChanged;
import io.zohoconnect.connection.ConnectionStatus;
import io.zohoconnect.connection.Secret;
import io.zohoconnect.credentials.RefreshResult.Outcome;
import io.zohoconnect.datacenter.Environment;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The owner of access tokens on its own: a fixed clock, rows in a map and a fake Zoho behind the
 * lease that counts the tokens it hands out. No Spring, no database, no network.
 */
class TokenRefresherTest {

    static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    static final String ID = "acme";
    static final Secret FIRST = new Secret("1000.first-access");

    final SettableClock clock = new SettableClock(START);
    final Map<String, Connection> rows = new ConcurrentHashMap<>();
    final AtomicInteger lookups = new AtomicInteger();
    final FakeZoho zoho = new FakeZoho();
    final RefreshPolicy policy = new RefreshPolicy(new RefreshSettings(Duration.ofMinutes(10), "0/30 * * * * ?",
            8, 200, Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(30), Duration.ofMinutes(1),
            Duration.ofDays(1), Duration.ofSeconds(60), Duration.ofMinutes(15), true));
    /** The database as the store reaches it: when down, every read fails as the pool's timeout does. */
    volatile boolean databaseDown;
    final Function<String, Optional<Connection>> store = id -> {
        lookups.incrementAndGet();
        if (databaseDown) {
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                    new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 3000ms"));
        }
        return Optional.ofNullable(rows.get(id));
    };
    final TokenRefresher tokens = new TokenRefresher(store, zoho, policy, clock);
    final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
        tokens.close();
    }

    @Test
    void aCachedTokenIsServedWithoutReadingTheRowAgain() {
        rows.put(ID, row(FIRST, START.plus(Duration.ofHours(1))));
        AccessToken first = tokens.accessToken(ID);
        clock.advance(Duration.ofMinutes(40));
        AccessToken later = tokens.accessToken(ID);
        assertThat(later).isSameAs(first);
        assertThat(later.authorization()).isEqualTo("Zoho-oauthtoken " + FIRST.value());
        assertThat(lookups).hasValue(1);
        assertThat(zoho.calls).hasValue(0);
    }

    @Test
    void duringADatabaseOutageTheCachedTokenIsServedUntilItExpiresWithoutWaitingForTheDatabaseEachTime() {
        rows.put(ID, row(FIRST, START.plus(Duration.ofHours(1))));
        AccessToken cached = tokens.accessToken(ID);
        databaseDown = true;

        clock.advance(Duration.ofMinutes(55)); // inside the margin: it would be refreshed, but nothing can be now
        assertThat(tokens.accessToken(ID)).isSameAs(cached);
        int triedOnce = lookups.get();
        assertThat(tokens.accessToken(ID)).as("the outage was just seen: not tried again").isSameAs(cached);
        assertThat(lookups).hasValue(triedOnce);

        clock.advance(Duration.ofMinutes(5)); // expired: never handed out
        assertThatThrownBy(() -> tokens.accessToken(ID)).isInstanceOfSatisfying(TokenUnavailableException.class,
                e -> assertThat(e.reason()).isEqualTo(TokenUnavailableException.Reason.DATABASE_UNAVAILABLE));
        assertThat(zoho.calls).hasValue(0);
    }

    @Test
    void withoutATokenInMemoryADatabaseOutageIsSaidForWhatItIs() {
        rows.put(ID, row(FIRST, START.plus(Duration.ofHours(1))));
        databaseDown = true;

        assertThatThrownBy(() -> tokens.accessToken(ID)).isInstanceOfSatisfying(TokenUnavailableException.class, e -> {
            assertThat(e.reason()).isEqualTo(TokenUnavailableException.Reason.DATABASE_UNAVAILABLE);
            assertThat(e.getMessage()).contains("database is unreachable").contains("Connection is not available")
                    .contains("'" + ID + "'");
        });
        databaseDown = false;
        assertThat(tokens.accessToken(ID).carries(FIRST)).as("back: read as usual").isTrue();
    }

    @Test
    void aCachedTokenEnteringTheMarginIsRefreshedOnce() {
        rows.put(ID, row(FIRST, START.plus(Duration.ofHours(1))));
        tokens.accessToken(ID);
        clock.advance(Duration.ofMinutes(51));
        AccessToken renewed = tokens.accessToken(ID);
        assertThat(renewed.carries(FIRST)).isFalse();
        assertThat(renewed.carries(rows.get(ID).accessToken())).isTrue();
        assertThat(tokens.accessToken(ID)).isSameAs(renewed);
        assertThat(zoho.calls).hasValue(1);
    }

    @Test
    void sixteenConcurrentCallersForAnExpiringTokenShareOneRefresh() throws Exception {
        rows.put(ID, row(FIRST, START.plus(Duration.ofMinutes(5))));
        zoho.holdUntilReleased();
        List<Future<Secret>> calls = new ArrayList<>();
        List<Thread> callers = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(threads.submit(() -> {
                callers.add(Thread.currentThread());
                return tokens.freshConnection(ID).accessToken();
            }));
        }
        // all sixteen are parked: one inside the fake Zoho, fifteen waiting on its flight
        await().atMost(Duration.ofSeconds(20)).until(() -> callers.size() == 16
                && callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING
                        || t.getState() == Thread.State.TIMED_WAITING) && zoho.calls.get() == 1);
        zoho.release();
        Set<String> handedOut = ConcurrentHashMap.newKeySet();
        for (Future<Secret> call : calls) {
            handedOut.add(call.get(20, TimeUnit.SECONDS).value());
        }
        assertThat(zoho.calls).hasValue(1);
        assertThat(handedOut).containsExactly(rows.get(ID).accessToken().value());
    }

    @Test
    void aRejectedTokenThatIsStillCurrentIsRefreshed() {
        rows.put(ID, row(FIRST, START.plus(Duration.ofHours(1))));
        Connection after = tokens.afterRejection(ID, FIRST);
        assertThat(after.accessToken().sameAs(FIRST)).isFalse();
        assertThat(zoho.calls).hasValue(1);
    }

    @Test
    void aRejectedTokenAlreadyReplacedIsNotRefreshedAgain() {
        Secret newer = new Secret("1000.newer-access");
        rows.put(ID, row(newer, START.plus(Duration.ofHours(1))));
        Connection after = tokens.afterRejection(ID, FIRST);
        assertThat(after.accessToken()).isEqualTo(newer);
        assertThat(zoho.calls).hasValue(0);
    }

    @Test
    void manyCallersRejectedWithTheSameTokenCauseOneRefresh() throws Exception {
        rows.put(ID, row(FIRST, START.plus(Duration.ofHours(1))));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Secret>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(threads.submit(() -> {
                start.await();
                return tokens.afterRejection(ID, FIRST).accessToken();
            }));
        }
        start.countDown();
        Set<String> handedOut = ConcurrentHashMap.newKeySet();
        for (Future<Secret> call : calls) {
            handedOut.add(call.get(20, TimeUnit.SECONDS).value());
        }
        assertThat(zoho.calls).hasValue(1);
        assertThat(handedOut).containsExactly(rows.get(ID).accessToken().value());
    }

    @Test
    void aRejectionForgetsTheCachedTokenAndServesTheOneAnotherNodeStored() {
        rows.put(ID, row(FIRST, START.plus(Duration.ofHours(1))));
        tokens.accessToken(ID);
        Secret otherNodes = new Secret("1000.from-another-node");
        rows.put(ID, row(otherNodes, START.plus(Duration.ofHours(1)))); // no event reaches this node
        assertThat(tokens.accessToken(ID).carries(FIRST)).isTrue();

        Connection after = tokens.afterRejection(ID, FIRST);

        assertThat(after.accessToken()).isEqualTo(otherNodes);
        assertThat(tokens.accessToken(ID).carries(otherNodes)).isTrue();
        assertThat(zoho.calls).hasValue(0);
    }

    @Test
    void aStaleRejectionDoesNotEvictANewerCachedToken() {
        rows.put(ID, row(FIRST, START.plus(Duration.ofHours(1))));
        AccessToken cached = tokens.accessToken(ID);
        int readsBefore = lookups.get();
        tokens.forgetRejected(ID, new Secret("1000.some-older-token"));
        assertThat(tokens.accessToken(ID)).isSameAs(cached);
        assertThat(lookups).hasValue(readsBefore);
    }

    @Test
    void aChangeToTheConnectionOnThisNodeEvictsItsCachedToken() {
        rows.put(ID, row(FIRST, START.plus(Duration.ofHours(1))));
        tokens.accessToken(ID);
        Secret reconsented = new Secret("1000.after-re-consent");
        rows.put(ID, row(reconsented, START.plus(Duration.ofHours(1))));

        tokens.onChange(new ConnectionChanged(ID));

        assertThat(tokens.accessToken(ID).carries(reconsented)).isTrue();
        assertThat(zoho.calls).hasValue(0);
    }

    @Test
    void aDeletedConnectionIsNotServedFromTheCacheAfterItsChange() {
        rows.put(ID, row(FIRST, START.plus(Duration.ofHours(1))));
        tokens.accessToken(ID);
        rows.remove(ID);
        tokens.onChange(new ConnectionChanged(ID));
        assertThatThrownBy(() -> tokens.accessToken(ID))
                .isInstanceOf(TokenUnavailableException.class).hasMessageContaining(ID);
    }

    @Test
    void aTokenInsideTheMarginWhoseRefreshBacksOffIsServedAndLookedAtAgainSoon() {
        Instant expires = START.plus(Duration.ofMinutes(5));
        rows.put(ID, new Connection(ID, "eu", Environment.PRODUCTION, "https://accounts.zoho.eu", "https://www.zohoapis.eu",
                List.of("ZohoCRM.modules.ALL"), new Secret("1000.refresh"), FIRST, expires, ConnectionStatus.ACTIVE, 1,
                START.plus(Duration.ofMinutes(2)), "Zoho answered HTTP 503", START.minus(Duration.ofMinutes(55)),
                START.minus(Duration.ofDays(1)), START, 2, null));
        AccessToken served = tokens.accessToken(ID);
        assertThat(served.carries(FIRST)).isTrue();
        assertThat(zoho.calls).hasValue(0);
        assertThat(Instant.ofEpochMilli(served.refreshAtMillis())).isEqualTo(START.plus(RefreshPolicy.RETRY_PAUSE));
    }

    private Connection row(Secret accessToken, Instant expiresAt) {
        Instant refreshedAt = expiresAt.minus(Duration.ofHours(1));
        return new Connection(ID, "eu", Environment.PRODUCTION, "https://accounts.zoho.eu", "https://www.zohoapis.eu",
                List.of("ZohoCRM.modules.ALL"), new Secret("1000.refresh"), accessToken, expiresAt, ConnectionStatus.ACTIVE,
                0, null, null, refreshedAt, START.minus(Duration.ofDays(1)), refreshedAt, 1, null);
    }

    /** Zoho behind the lease: each call is one token handed out, stored in the row as the real one does. */
    final class FakeZoho implements LeasedRefresh {

        final AtomicInteger calls = new AtomicInteger();
        private volatile CountDownLatch gate;

        void holdUntilReleased() {
            gate = new CountDownLatch(1);
        }

        void release() {
            gate.countDown();
        }

        @Override
        public RefreshResult refresh(String connectionId, RefreshRequest request) {
            int n = calls.incrementAndGet();
            CountDownLatch held = gate;
            if (held != null) {
                try {
                    held.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Connection old = rows.get(connectionId);
            Connection next = new Connection(old.id(), old.dc(), old.environment(), old.accountsServer(), old.apiDomain(),
                    old.scopes(), old.refreshToken(), new Secret("1000.refreshed-" + n), clock.instant().plus(Duration.ofHours(1)),
                    ConnectionStatus.ACTIVE, 0, null, null, clock.instant(), old.createdAt(), clock.instant(),
                    old.version() + 1, old.org());
            rows.put(connectionId, next);
            return new RefreshResult(Outcome.REFRESHED, next, "refreshed");
        }
    }

    /** A clock that moves only when told. */
    static final class SettableClock extends Clock {

        private volatile Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
