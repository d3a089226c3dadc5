package io.zohoconnect.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStatus;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.Secret;
import io.zohoconnect.credentials.RefreshResult.Outcome;
import io.zohoconnect.datacenter.DataCenter;
import io.zohoconnect.datacenter.DataCenters;
import io.zohoconnect.datacenter.Environment;
import io.zohoconnect.events.ConnectionEvent;
import io.zohoconnect.events.ConnectionEvents;
import io.zohoconnect.lifecycle.GracefulShutdown;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A refresh under the database lease, so one node at a time asks Zoho for a connection (Zoho allows
 * 10 access tokens per refresh token in 10 minutes). A node that finds the lease taken waits for it
 * to be released and reads the winner's result. Failures are classified here: a dead grant needs
 * re-consent, a refused client configuration is retried rarely, anything else backs off.
 */
final class ZohoLeasedRefresh implements LeasedRefresh {

    private static final Logger log = LoggerFactory.getLogger(ZohoLeasedRefresh.class);
    private static final Duration LEASE_POLL = Duration.ofMillis(50);

    private final ConnectionStore connections;
    private final ZohoTokenClient tokens;
    private final DataCenters dataCenters;
    private final ConnectionEvents events;
    private final RefreshMetrics metrics;
    private final Clock clock;
    private final RefreshSettings settings;
    private final Backoff backoff;
    private final RefreshPolicy policy;
    private final String node;
    private final GracefulShutdown shutdown;

    ZohoLeasedRefresh(ConnectionStore connections, ZohoTokenClient tokens, DataCenters dataCenters,
            ConnectionEvents events, RefreshMetrics metrics, Clock clock, RefreshSettings settings,
            RefreshPolicy policy, String node, GracefulShutdown shutdown) {
        this.connections = connections;
        this.tokens = tokens;
        this.dataCenters = dataCenters;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = settings;
        this.backoff = new Backoff(settings);
        this.policy = policy;
        this.node = node;
        this.shutdown = shutdown;
    }

    @Override
    public RefreshResult refresh(String connectionId, RefreshRequest request) {
        long deadline = System.nanoTime() + settings.leaseDuration().multipliedBy(2).toNanos();
        while (true) {
            // a fresh owner token per acquisition: the node id alone is not unique if two nodes share one
            String owner = node + "#" + UUID.randomUUID();
            if (connections.tryLease(connectionId, owner, settings.leaseDuration())) {
                // given back by the shutdown if this refresh outlives its grace period
                try (GracefulShutdown.HeldLease held = shutdown.hold("refresh of connection " + connectionId,
                        () -> connections.releaseLease(connectionId, owner))) {
                    // re-read under the lease: another node may have refreshed between our read and our lease
                    Connection leased = find(connectionId);
                    RefreshResult skip = policy.skipReason(leased, request, clock.instant()).orElse(null);
                    if (skip != null) {
                        connections.releaseLease(connectionId, owner);
                        return skip;
                    }
                    return callZoho(leased, owner);
                } catch (RuntimeException | Error e) {
                    releaseQuietly(connectionId, owner);
                    throw e;
                }
            }
            // another node holds the lease: wait for it to finish, then read its result
            awaitLeaseRelease(connectionId, deadline);
            if (System.nanoTime() > deadline) {
                throw new TokenUnavailableException("connection '" + connectionId
                        + "' is being refreshed by another node that has not finished; try again shortly");
            }
            RefreshResult skip = policy.skipReason(find(connectionId), request, clock.instant()).orElse(null);
            if (skip != null) {
                return skip;
            }
        }
    }

    private RefreshResult callZoho(Connection row, String owner) {
        DataCenter dc = dataCenters.require(row.dc());
        long started = System.nanoTime();
        TokenResponse response;
        try {
            response = tokens.refresh(dc, dc.accountsUrl(), row.refreshToken());
        } catch (ZohoTokenException e) {
            metrics.refreshed(e.kind().name().toLowerCase(), System.nanoTime() - started);
            return recordFailure(row, owner, e);
        }
        metrics.refreshed("success", System.nanoTime() - started);
        Instant expiresAt = clock.instant().plus(response.expiresIn());
        String apiDomain = acceptedApiDomain(row, response.apiDomain());
        Secret refreshToken = response.refreshToken() != null ? response.refreshToken() : row.refreshToken();
        if (!connections.recordRefresh(row.id(), owner, refreshToken, response.accessToken(), expiresAt, apiDomain)) {
            log.warn("Connection {}: refreshed, but the lease was lost before the result could be stored", row.id());
        }
        Connection updated = find(row.id());
        if (!apiDomain.equals(row.apiDomain())) {
            log.info("Connection {}: Zoho moved its API domain to {}", row.id(), apiDomain);
        }
        log.debug("Connection {}: access token refreshed, valid until {}", row.id(), expiresAt);
        events.publish(ConnectionEvent.REFRESHED, updated, null);
        return new RefreshResult(Outcome.REFRESHED, updated, "refreshed; valid until " + expiresAt);
    }

    /** Zoho's word on where the org's API lives, if it names a DC-table domain; else the row's (the token goes there). */
    private String acceptedApiDomain(Connection row, String announced) {
        if (row.environment() != Environment.PRODUCTION || announced == null) {
            return row.apiDomain();
        }
        return dataCenters.knownApiDomain(announced, Environment.PRODUCTION).orElseGet(() -> {
            log.warn("Connection {}: ignored an API domain in Zoho's refresh answer that is not in the DC table;"
                    + " keeping {}", row.id(), row.apiDomain());
            return row.apiDomain();
        });
    }

    private RefreshResult recordFailure(Connection row, String owner, ZohoTokenException e) {
        Instant now = clock.instant();
        if (e.isPermanent()) {
            connections.recordFailure(row.id(), owner, ConnectionStatus.NEEDS_REAUTH, null, e.getMessage());
            log.warn("Connection {} needs re-consent: {}", row.id(), e.getMessage());
            Connection updated = find(row.id());
            events.publish(ConnectionEvent.NEEDS_REAUTH, updated, e.getMessage());
            return new RefreshResult(Outcome.FAILED_PERMANENT, updated, e.getMessage());
        }
        if (e.isClientMisconfigured()) {
            // our configuration, not the grant: keep serving the valid token, retry rarely, recover by itself
            Duration wait = backoff.afterClientError();
            connections.recordFailure(row.id(), owner, ConnectionStatus.CLIENT_MISCONFIGURED, now.plus(wait), e.getMessage());
            log.warn("Connection {}: Zoho refused this service's client configuration for data center {}; retrying in"
                    + " {} min: {}", row.id(), row.dc(), wait.toMinutes(), e.getMessage());
            Connection updated = find(row.id());
            events.publish(ConnectionEvent.CLIENT_MISCONFIGURED, updated, "data center " + row.dc() + ": " + e.getMessage());
            return new RefreshResult(Outcome.FAILED_CLIENT_CONFIG, updated, e.getMessage());
        }
        Duration wait = backoff.after(row.failureCount() + 1, e.kind() == ZohoTokenException.Kind.THROTTLED);
        boolean tokenValid = row.accessTokenExpiresAt() != null && now.isBefore(row.accessTokenExpiresAt());
        ConnectionStatus status = tokenValid ? ConnectionStatus.ACTIVE : ConnectionStatus.REFRESH_FAILING;
        connections.recordFailure(row.id(), owner, status, now.plus(wait), e.getMessage());
        log.warn("Connection {}: refresh failed ({}), retrying in {} s", row.id(), e.getMessage(), wait.toSeconds());
        Connection updated = find(row.id());
        events.publish(ConnectionEvent.REFRESH_FAILED, updated, e.getMessage());
        return new RefreshResult(Outcome.FAILED_TRANSIENT, updated, e.getMessage());
    }

    private Connection find(String connectionId) {
        return connections.find(connectionId).orElseThrow(() -> TokenUnavailableException.unknown(connectionId));
    }

    private void awaitLeaseRelease(String connectionId, long deadline) {
        while (connections.isLeased(connectionId) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(LEASE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TokenUnavailableException("interrupted while waiting for another node's refresh");
            }
        }
    }

    private void releaseQuietly(String connectionId, String owner) {
        try {
            connections.releaseLease(connectionId, owner);
        } catch (RuntimeException e) {
            log.warn("Connection {}: could not release the refresh lease ({}); it expires by itself",
                    connectionId, e.getMessage());
        }
    }
}
