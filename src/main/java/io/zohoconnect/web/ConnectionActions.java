package io.zohoconnect.web;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Future;

import io.zohoconnect.audit.Actor;
import io.zohoconnect.audit.AuditTrail;
import io.zohoconnect.audit.AuditTypes;
import io.zohoconnect.connection.KeyRotation;
import io.zohoconnect.credentials.AuthorizationRequest;
import io.zohoconnect.credentials.ConnectionRemoval;
import io.zohoconnect.credentials.RefreshRequest;
import io.zohoconnect.credentials.RefreshResult;
import io.zohoconnect.credentials.TokenRefresher;
import io.zohoconnect.sync.SyncReport;
import io.zohoconnect.sync.SyncRuns;
import io.zohoconnect.web.connect.ConnectLinkStore;

import org.springframework.stereotype.Component;

/**
 * The admin actions, whoever asks (admin API or dashboard): each runs as its actor — so the lifecycle
 * events it causes are credited to them — and leaves one audit entry with its outcome. A forced
 * refresh that was rate-limited changes nothing and publishes no event, but its entry says
 * {@code rate_limited}. No entry holds a token or a link's secret.
 */
@Component
public class ConnectionActions {

    private final TokenRefresher refresher;
    private final ConnectionRemoval removal;
    private final ConnectLinkStore links;
    private final SyncRuns syncRuns;
    private final KeyRotation keyRotation;
    private final AuditTrail audit;

    ConnectionActions(TokenRefresher refresher, ConnectionRemoval removal, ConnectLinkStore links, SyncRuns syncRuns,
            KeyRotation keyRotation, AuditTrail audit) {
        this.refresher = refresher;
        this.removal = removal;
        this.links = links;
        this.syncRuns = syncRuns;
        this.keyRotation = keyRotation;
        this.audit = audit;
    }

    public RefreshResult refresh(String connectionId, Actor actor) {
        RefreshResult result = actor.as(() -> refresher.refresh(connectionId, RefreshRequest.FORCED));
        audit.record(AuditTypes.REFRESH_FORCED, connectionId, actor, result.outcome().name().toLowerCase(Locale.ROOT),
                result.message());
        return result;
    }

    public ConnectionRemoval.Removal delete(String connectionId, Actor actor) {
        ConnectionRemoval.Removal removed = actor.as(() -> removal.remove(connectionId));
        audit.record(AuditTypes.DELETE_REQUESTED, connectionId, actor, removed.outcome().name().toLowerCase(Locale.ROOT),
                removed.message());
        return removed;
    }

    public ConnectLinkStore.IssuedLink createLink(AuthorizationRequest request, Actor actor) {
        ConnectLinkStore.IssuedLink link = links.issue(request);
        audit.record(AuditTypes.LINK_CREATED, request.connectionId(), actor, "created", "data center "
                + request.dataCenter().code() + ", " + request.environment().code() + "; valid until " + link.expiresAt());
        return link;
    }

    public void connectStarted(AuthorizationRequest request, Actor actor) {
        audit.record(AuditTypes.CONNECT_STARTED, request.connectionId(), actor, "redirected", "to Zoho's consent page,"
                + " data center " + request.dataCenter().code() + ", " + request.environment().code());
    }

    /** Empty when there is no such sync. */
    public Optional<Future<SyncReport>> runSync(String syncId, String connectionId, Actor actor) {
        Optional<Future<SyncReport>> started = syncRuns.start(syncId);
        audit.record(AuditTypes.SYNC_RUN, connectionId, actor, started.isPresent() ? "started" : "not_found",
                "sync " + Html.printable(syncId, 200));
        return started;
    }

    public int reencrypt(Actor actor) {
        int rows = keyRotation.reencrypt();
        audit.record(AuditTypes.KEYS_REENCRYPTED, null, actor, "success", rows + " rows re-encrypted under the current key");
        return rows;
    }
}
