package io.zohoconnect.credentials;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionChanged;
import io.zohoconnect.connection.ConnectionStatus;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.DatabaseReachability;
import io.zohoconnect.connection.NodeIdentity;
import io.zohoconnect.connection.Secret;
import io.zohoconnect.datacenter.DataCenters;
import io.zohoconnect.events.ConnectionEvents;
import io.zohoconnect.lifecycle.GracefulShutdown;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The one owner of access tokens, as Google's {@code Credential} and camel-salesforce's session are.
 * Timer, {@code zohoAuth}, 401 retries and the admin API all come here. It holds:
 * <ul>
 * <li>the token cache: {@link #accessToken} serves a token from memory until {@link RefreshPolicy}
 * says to look again (no I/O, no lock); a change to a connection on this node evicts it;</li>
 * <li>single flight: concurrent callers for one connection share one refresh on this node, and the
 * database lease ({@link ZohoLeasedRefresh}) makes it one across nodes — Zoho allows 10 access tokens
 * per refresh token in 10 minutes, so a refresh storm is an outage;</li>
 * <li>compare-and-refresh: after a 401, {@link #afterRejection} refreshes only if the rejected token
 * is still the row's, so a caller that lost the race takes the new token instead of refreshing again.</li>
 * <li>an unreachable database does not cost a caller its valid token: the token held here is served until
 * it expires, without waiting for the database while {@link DatabaseReachability} has just seen it down.</li>
 * </ul>
 * Every decision — refresh or not, serve or not, when to look again — is {@link RefreshPolicy}'s,
 * taken on a fresh read of the row.
 */
@Component
public class TokenRefresher implements AutoCloseable {

    /** The cache trusts the coarse clock only this far from the recheck time; closer, it reads the real clock. */
    private static final long COARSE_GUARD_MILLIS = 1000;
    /** A shared refresh that left a rejected token in place is followed by one of the caller's own, at most this often. */
    private static final int REJECTED_ATTEMPTS = 3;

    private final Function<String, Optional<Connection>> rows;
    private final LeasedRefresh leased;
    private final RefreshPolicy policy;
    private final Clock clock;
    private final CoarseClock coarse;
    private final DatabaseReachability database;
    private final ConcurrentMap<String, AccessToken> cache = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CompletableFuture<RefreshResult>> inFlight = new ConcurrentHashMap<>();
    /** Counts changes seen, so a token read while its row changed is not cached over the change. */
    private final AtomicLong changes = new AtomicLong();

    @Autowired
    public TokenRefresher(ConnectionStore connections, ZohoTokenClient tokens, DataCenters dataCenters,
            ConnectionEvents events, RefreshMetrics metrics, Clock clock, CredentialsSettings properties,
            NodeIdentity node, GracefulShutdown shutdown, DatabaseReachability database) {
        this(id -> connections.find(id), new ZohoLeasedRefresh(connections, tokens, dataCenters, events, metrics, clock,
                properties.refresh(), new RefreshPolicy(properties.refresh()), node.id(), shutdown),
                new RefreshPolicy(properties.refresh()), clock, database);
    }

    /** A refresher that learns of database outages only from its own reads (a second node in a test). */
    public TokenRefresher(ConnectionStore connections, ZohoTokenClient tokens, DataCenters dataCenters,
            ConnectionEvents events, RefreshMetrics metrics, Clock clock, CredentialsSettings properties,
            NodeIdentity node, GracefulShutdown shutdown) {
        this(connections, tokens, dataCenters, events, metrics, clock, properties, node, shutdown,
                new DatabaseReachability(null, clock));
    }

    /** {@code rows} reads a connection as stored; {@code leased} refreshes it under the cross-node lease. */
    TokenRefresher(Function<String, Optional<Connection>> rows, LeasedRefresh leased, RefreshPolicy policy, Clock clock) {
        this(rows, leased, policy, clock, new DatabaseReachability(null, clock));
    }

    TokenRefresher(Function<String, Optional<Connection>> rows, LeasedRefresh leased, RefreshPolicy policy, Clock clock,
            DatabaseReachability database) {
        this.rows = rows;
        this.leased = leased;
        this.policy = policy;
        this.clock = clock;
        this.coarse = new CoarseClock(clock);
        this.database = database;
    }

    /**
     * The warm path of {@code zohoAuth} and the access-token API: the cached token of a connection, one
     * map lookup and a clock read while it is valid beyond the margin; otherwise as {@link #freshConnection}
     * — unless the database is unreachable, when the cached token is served for as long as it is valid.
     *
     * @throws TokenUnavailableException when there is no valid token to give (reason
     *         {@code DATABASE_UNAVAILABLE} when the database is unreachable and none is held here)
     */
    public AccessToken accessToken(String connectionId) {
        AccessToken token = cache.get(connectionId);
        if (token == null || (coarse.millis() + COARSE_GUARD_MILLIS >= token.refreshAtMillis()
                && clock.millis() >= token.refreshAtMillis())) {
            token = reload(connectionId, token);
        }
        return token;
    }

    /** The token as the row has it now; while the database is unreachable, the one held here if still valid. */
    private AccessToken reload(String connectionId, AccessToken held) {
        if (held != null && held.validAt(clock.millis()) && database.recentOutage().isPresent()) {
            return held; // no use waiting for the pool's timeout: it failed a moment ago
        }
        try {
            return load(connectionId);
        } catch (RuntimeException e) {
            if (!DatabaseReachability.isOutage(e)) {
                throw e;
            }
            database.failed(e);
            if (held != null && held.validAt(clock.millis())) {
                return held;
            }
            throw TokenUnavailableException.databaseUnavailable(connectionId, DatabaseReachability.describe(e));
        }
    }

    /**
     * A connection whose access token is valid for at least the margin, refreshing first if needed.
     * When a refresh fails but the current token is still valid, that token is returned: a caller
     * is never handed an expired token, and never denied a valid one.
     *
     * @throws TokenUnavailableException when there is no valid token to give
     */
    public Connection freshConnection(String connectionId) {
        Connection current = find(connectionId);
        requireUsable(current);
        if (policy.servable(current, clock.instant())) {
            return current;
        }
        return usable(refresh(connectionId, RefreshRequest.ON_DEMAND));
    }

    /**
     * After Zoho rejected {@code token}: a new one, refreshing only if {@code token} is still the
     * current one (else the token that replaced it). This node's cache forgets the rejected token.
     */
    public Connection afterRejection(String connectionId, Secret token) {
        forgetRejected(connectionId, token);
        return usable(refresh(connectionId, RefreshRequest.rejected(token)));
    }

    /** Forgets this node's cached token of a connection if it is {@code rejected}; a newer one is kept. */
    public void forgetRejected(String connectionId, Secret rejected) {
        AccessToken cached = cache.get(connectionId);
        if (cached != null && cached.carries(rejected)) {
            cache.remove(connectionId, cached);
        }
    }

    /**
     * Refreshes if {@link RefreshPolicy} says the request calls for it; concurrent callers for one
     * connection share one refresh. A caller whose rejected token a shared refresh left in place (it
     * was for another reason, and found nothing to do) goes again with its own reason.
     */
    public RefreshResult refresh(String connectionId, RefreshRequest request) {
        RefreshResult result = null;
        for (int attempt = 0; attempt < REJECTED_ATTEMPTS; attempt++) {
            result = singleFlight(connectionId, request);
            if (!leftInPlace(result, request)) {
                return result;
            }
        }
        return result;
    }

    private RefreshResult singleFlight(String connectionId, RefreshRequest request) {
        CompletableFuture<RefreshResult> mine = new CompletableFuture<>();
        CompletableFuture<RefreshResult> running = inFlight.putIfAbsent(connectionId, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            // read inside the flight: a caller arriving just after the last refresh finished sees its result
            Connection row = find(connectionId);
            Optional<RefreshResult> skip = policy.skipReason(row, request, clock.instant());
            RefreshResult result = skip.isPresent() ? skip.get() : leased.refresh(connectionId, request);
            mine.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(connectionId, mine);
        }
    }

    private static boolean leftInPlace(RefreshResult result, RefreshRequest request) {
        return request.reason() == RefreshRequest.Reason.REJECTED && !result.refreshed()
                && result.outcome() != RefreshResult.Outcome.NOT_REFRESHABLE
                && request.rejectedToken().sameAs(result.connection().accessToken());
    }

    @EventListener
    void onChange(ConnectionChanged change) {
        forget(change.connectionId());
    }

    /** Forgets this node's cached token of a connection: the next caller reads the row as it is now. */
    public void forget(String connectionId) {
        changes.incrementAndGet();
        cache.remove(connectionId);
    }

    @Override
    public void close() {
        coarse.close();
    }

    private AccessToken load(String connectionId) {
        long seen = changes.get();
        Connection connection = freshConnection(connectionId);
        Instant now = clock.instant();
        AccessToken token = new AccessToken(connection.accessToken(), connection.apiDomain(),
                policy.recheckAt(connection, now).toEpochMilli(), connection.accessTokenExpiresAt().toEpochMilli());
        if (changes.get() == seen) {
            cache.put(connectionId, token);
        }
        return token;
    }

    private Connection usable(RefreshResult result) {
        Connection connection = result.connection();
        requireUsable(connection);
        Instant now = clock.instant();
        if (connection.accessToken() == null || connection.accessTokenExpiresAt() == null
                || !now.isBefore(connection.accessTokenExpiresAt())) {
            throw new TokenUnavailableException("connection '" + connection.id() + "' has no valid access token: "
                    + result.message());
        }
        return connection;
    }

    private static void requireUsable(Connection connection) {
        if (connection.status() == ConnectionStatus.NEEDS_REAUTH) {
            throw TokenUnavailableException.needsReauth(connection);
        }
        if (connection.status() == ConnectionStatus.REVOKED) {
            throw new TokenUnavailableException("connection '" + connection.id() + "' was revoked: connect it again");
        }
        if (connection.status() == ConnectionStatus.REVOKE_PENDING) {
            throw TokenUnavailableException.revokePending(connection);
        }
    }

    private Connection find(String connectionId) {
        return rows.apply(connectionId).orElseThrow(() -> TokenUnavailableException.unknown(connectionId));
    }
}
