package io.zohoconnect.credentials;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.NodeIdentity;
import io.zohoconnect.connection.PendingRevocation;
import io.zohoconnect.datacenter.DataCenters;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Revocations Zoho has not confirmed yet, retried by the refresh timer with backoff until it does:
 * connections deleted while Zoho did not confirm ({@code REVOKE_PENDING}: deleted once confirmed) and
 * refresh tokens a re-consent replaced ({@code zoho_pending_revocation}: forgotten once confirmed).
 */
@Component
public class PendingRevocations {

    private static final Logger log = LoggerFactory.getLogger(PendingRevocations.class);
    private static final int BATCH = 100;
    private static final Duration LEASE = Duration.ofMinutes(1);

    private final ConnectionStore connections;
    private final ConnectionRemoval removal;
    private final ZohoTokenClient tokens;
    private final DataCenters dataCenters;
    private final Clock clock;
    private final Backoff backoff;
    private final String node;

    public PendingRevocations(ConnectionStore connections, ConnectionRemoval removal, ZohoTokenClient tokens,
            DataCenters dataCenters, Clock clock, CredentialsSettings properties, NodeIdentity node) {
        this.connections = connections;
        this.removal = removal;
        this.tokens = tokens;
        this.dataCenters = dataCenters;
        this.clock = clock;
        this.backoff = new Backoff(properties.refresh());
        this.node = node.id();
    }

    /** One retry of every due revocation; returns how many Zoho confirmed. */
    public int retryDue() {
        int confirmed = 0;
        for (String id : connections.findRevokePendingDue(BATCH)) {
            confirmed += removal.retryPending(id)
                    .filter(r -> r.outcome() == ConnectionRemoval.Outcome.DELETED).isPresent() ? 1 : 0;
        }
        for (PendingRevocation pending : connections.duePendingRevocations(BATCH)) {
            String owner = node + "#" + UUID.randomUUID();
            if (connections.leasePendingRevocation(pending.id(), owner, LEASE)) {
                confirmed += retry(pending, owner) ? 1 : 0;
            }
        }
        return confirmed;
    }

    private boolean retry(PendingRevocation pending, String owner) {
        try {
            tokens.revoke(dataCenters.require(pending.dc()), pending.refreshToken());
        } catch (ZohoTokenException | IllegalStateException e) {
            boolean throttled = e instanceof ZohoTokenException z && z.kind() == ZohoTokenException.Kind.THROTTLED;
            Duration wait = backoff.after(pending.attempts() + 1, throttled);
            connections.pendingRevocationFailed(pending.id(), owner, clock.instant().plus(wait), e.getMessage());
            log.warn("Connection {}: the revocation of a replaced refresh token is still not confirmed ({});"
                    + " retrying in {} s", pending.connectionId(), e.getMessage(), wait.toSeconds());
            return false;
        }
        connections.pendingRevocationDone(pending.id(), owner);
        log.info("Connection {}: the refresh token a re-consent replaced is now revoked at Zoho", pending.connectionId());
        return true;
    }
}
