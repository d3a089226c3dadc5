package io.zohoconnect.credentials;

import java.time.Clock;
import java.util.Optional;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.NewGrant;
import io.zohoconnect.connection.Secret;
import io.zohoconnect.connection.ZohoOrg;
import io.zohoconnect.credentials.OAuthStateStore.StateCheck;
import io.zohoconnect.datacenter.DataCenter;
import io.zohoconnect.datacenter.DataCenters;
import io.zohoconnect.datacenter.Environment;
import io.zohoconnect.events.ConnectionEvent;
import io.zohoconnect.events.ConnectionEvents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finishes an authorization. The checks run in a fixed order and each stops the flow: the state
 * (single use, unexpired), Zoho's {@code error}, then {@code location}/{@code accounts-server}
 * against the DC table — before anything leaves this service, because the token request carries
 * the client secret — then the code exchange, the {@code api_domain} Zoho names (only one of the DC
 * table), the org the grant opens (a re-consent must stay in the connection's org unless allowed),
 * the store and the event. A grant refused after the exchange is revoked at Zoho at once.
 */
@Component
public class AuthorizationCallback {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationCallback.class);

    private final OAuthStateStore states;
    private final DataCenters dataCenters;
    private final ZohoTokenClient tokens;
    private final ConnectionStore connections;
    private final ConnectionEvents events;
    private final OrgReader orgs;
    private final Clock clock;

    public AuthorizationCallback(OAuthStateStore states, DataCenters dataCenters, ZohoTokenClient tokens,
            ConnectionStore connections, ConnectionEvents events, OrgReader orgs, Clock clock) {
        this.states = states;
        this.dataCenters = dataCenters;
        this.tokens = tokens;
        this.connections = connections;
        this.events = events;
        this.orgs = orgs;
        this.clock = clock;
    }

    public CallbackResult handle(CallbackParams params) {
        StateCheck check = states.consume(params.state(), params.browser());
        switch (check.outcome()) {
            case UNKNOWN:
                return new CallbackResult.Rejected("invalid_state", "This sign-in link is not valid or was already"
                        + " used. Start the connection again from the dashboard.");
            case EXPIRED:
                return new CallbackResult.Rejected("expired_state", "This sign-in took too long and expired."
                        + " Start the connection again from the dashboard.");
            case OTHER_BROWSER:
                log.warn("Refused a callback whose state was started in another browser (binding cookie missing"
                        + " or different); nothing sent to Zoho");
                return new CallbackResult.Rejected("browser_mismatch", "This sign-in was started in another browser"
                        + " (or this browser's cookies were cleared), so it cannot be completed here. Start the"
                        + " connection again in this browser, and finish it in the same browser.");
            default:
                break;
        }
        PendingAuthorization pending = check.pending();
        if (params.error() != null && !params.error().isBlank()) {
            log.info("Connection {}: Zoho returned '{}' instead of a code; nothing stored",
                    pending.connectionId(), bounded(params.error()));
            return new CallbackResult.Denied(pending.connectionId(), bounded(params.error()), pending.returnTo());
        }
        Optional<DataCenter> dc = dataCenterOf(params, pending);
        if (dc.isEmpty()) {
            log.warn("Connection {}: rejected a callback whose location/accounts-server do not match the DC table",
                    pending.connectionId());
            return new CallbackResult.Rejected("invalid_accounts_server", "Zoho's answer named a data center or"
                    + " accounts server that this service does not know. Nothing was sent to it.");
        }
        if (params.code() == null || params.code().isBlank() || params.code().length() > 512) {
            return new CallbackResult.Rejected("missing_code", "Zoho's answer carried no authorization code.");
        }
        DataCenter dataCenter = dc.get();
        String apiDomain = dataCenter.apiDomain(pending.environment());
        if (apiDomain == null) {
            return new CallbackResult.Rejected("unsupported_environment", "Data center " + dataCenter.code()
                    + " has no " + pending.environment().code() + " API domain configured.");
        }
        TokenResponse response;
        try {
            response = tokens.exchangeCode(dataCenter, params.code(), pending.codeVerifier());
        } catch (ZohoTokenException e) {
            log.warn("Connection {}: code exchange at {} failed: {}", pending.connectionId(), dataCenter.code(),
                    e.getMessage());
            // an answer refused for a value out of range may still have issued a live grant
            e.issuedGrant().ifPresent(grant -> retire(pending.connectionId(), dataCenter, grant));
            return new CallbackResult.ExchangeFailed(pending.connectionId(), e.getMessage());
        }
        // From here Zoho holds a live grant: until it is stored, any failure retires it (revoked, or parked in
        // zoho_pending_revocation for the timer) — a grant is never left live and unrecorded.
        ConnectionStore.SavedGrant saved;
        try {
            saved = store(pending, dataCenter, apiDomain, response);
        } catch (RefusedGrant refused) {
            log.warn("Connection {}: refused the grant: {}; the new grant is revoked, nothing stored",
                    pending.connectionId(), refused.getMessage());
            retire(pending.connectionId(), dataCenter, response.refreshToken());
            return new CallbackResult.ExchangeFailed(pending.connectionId(), refused.getMessage());
        } catch (RuntimeException e) {
            log.error("Connection {}: the new grant could not be stored ({}); revoking it at Zoho",
                    pending.connectionId(), e.toString(), e);
            retire(pending.connectionId(), dataCenter, response.refreshToken());
            return new CallbackResult.NotStored(pending.connectionId(), "Zoho granted access, but this service could"
                    + " not store the connection, so the new sign-in was revoked at Zoho and nothing changed. Try again"
                    + " in a moment; if it keeps failing, the service's log says why.");
        }
        if (saved.refused()) {
            log.warn("Connection {}: refused a re-consent: {}; the stored grant is untouched, the new one is revoked",
                    pending.connectionId(), saved.refusal());
            retire(pending.connectionId(), dataCenter, response.refreshToken());
            events.publish(ConnectionEvent.ORG_CHANGE_REFUSED, saved.stored(), saved.refusal());
            return new CallbackResult.OrgChangeRefused(pending.connectionId(), "Connection '" + pending.connectionId()
                    + "' was not changed: " + saved.refusal() + ". The new sign-in was revoked at Zoho. Sign in with"
                    + " a Zoho account of the connection's org, or, to move the connection to another org on purpose,"
                    + " start again with allow_org_change=true.");
        }
        Connection stored = saved.stored();
        boolean reconnected = saved.replaced() != null;
        log.info("Connection {} {} in DC {} ({})", stored.id(), reconnected ? "re-connected" : "connected",
                stored.dc(), stored.environment().code());
        // the grant replaced is the one read under the row lock, not an earlier read: a consent finishing at
        // the same moment cannot make us forget a live token. Retired before the event, which may fail.
        if (reconnected && !saved.replaced().refreshToken().sameAs(stored.refreshToken())) {
            revokeReplaced(stored.id(), saved.replaced());
        }
        events.publish(ConnectionEvent.CREATED, stored, reconnected ? "re-consent" : null);
        return new CallbackResult.Connected(stored, reconnected, pending.returnTo());
    }

    /**
     * The steps between the code exchange and a stored grant: the {@code api_domain} Zoho names, the org the
     * grant opens, and the store, whose org check runs under the row lock (a consent for the same id that
     * finished meanwhile counts).
     */
    private ConnectionStore.SavedGrant store(PendingAuthorization pending, DataCenter dataCenter, String apiDomain,
            TokenResponse response) {
        String domain = apiDomain;
        if (pending.environment() == Environment.PRODUCTION && response.apiDomain() != null) {
            domain = dataCenters.knownApiDomain(response.apiDomain(), Environment.PRODUCTION)
                    .orElseThrow(() -> new RefusedGrant("Zoho's answer named an API domain that is not in this"
                            + " service's data-center table (zoho.datacenters.*), so the new grant was revoked"));
        }
        Optional<ZohoOrg> org = orgs.read(pending.connectionId(), domain, response.accessToken());
        return connections.storeGrant(new NewGrant(pending.connectionId(), dataCenter.code(), pending.environment(),
                dataCenter.accountsUrl(), domain, pending.scopes(), response.refreshToken(), response.accessToken(),
                clock.instant().plus(response.expiresIn()), org.orElse(null)),
                stored -> orgChange(stored, org, pending.allowOrgChange()));
    }

    /** Zoho's answer cannot be kept (its message says why, fit for the page). */
    private static final class RefusedGrant extends RuntimeException {
        RefusedGrant(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The DC Zoho sent the user to. With {@code location} and {@code accounts-server} both present,
     * the accounts server must be exactly the configured one of that location; with both absent
     * (single-DC apps) the DC chosen at connect time stands. Anything else is refused.
     */
    private Optional<DataCenter> dataCenterOf(CallbackParams params, PendingAuthorization pending) {
        boolean hasLocation = params.location() != null && !params.location().isBlank();
        boolean hasServer = params.accountsServer() != null && !params.accountsServer().isBlank();
        if (!hasLocation && !hasServer) {
            return dataCenters.byCode(pending.dc());
        }
        if (!hasLocation || !hasServer) {
            return Optional.empty();
        }
        return dataCenters.byCode(params.location()).filter(dc -> dc.isAccountsServer(params.accountsServer()));
    }

    /**
     * Why a consent may not replace a connection whose row holds {@code known}: it landed in another org, or
     * its org is unknown while the connection's is known (nothing proves it is the same org). Empty when allowed.
     */
    private static Optional<String> orgChange(ZohoOrg known, Optional<ZohoOrg> org, boolean allowOrgChange) {
        if (known == null || allowOrgChange) {
            return Optional.empty();
        }
        if (org.isEmpty()) {
            return Optional.of("it belongs to Zoho org '" + known.name() + "' (id " + known.id() + ") and the org of"
                    + " this sign-in could not be read (is ZohoCRM.org.READ among the scopes?)");
        }
        if (org.get().id().equals(known.id())) {
            return Optional.empty();
        }
        return Optional.of("it belongs to Zoho org '" + known.name() + "' (id " + known.id() + "), but this sign-in"
                + " was for org '" + org.get().name() + "' (id " + org.get().id() + ")");
    }

    /**
     * A grant we will not keep must not stay alive at Zoho (it would count against the user's 20): revoked,
     * or — if Zoho does not confirm — parked in zoho_pending_revocation for the refresh timer.
     */
    private void retire(String connectionId, DataCenter dataCenter, Secret refreshToken) {
        retire(connectionId, dataCenter.code(), refreshToken, "refused grant");
    }

    /**
     * Zoho keeps 20 refresh tokens per user and client: retire the one a re-consent replaced, at the DC
     * table's accounts server (never the row's). If Zoho does not confirm, the token is kept sealed in
     * zoho_pending_revocation and the refresh timer retries it until Zoho does: it is never forgotten alive.
     */
    private void revokeReplaced(String connectionId, ConnectionStore.ReplacedGrant old) {
        retire(connectionId, old.dc(), old.refreshToken(), "replaced refresh token");
    }

    /**
     * Revokes {@code refreshToken} at the DC table's accounts server of {@code dc}, else parks it. If even that
     * fails (the database is down), the ERROR line is all that is left: it names the connection and DC, never
     * the token, and the grant lives until its user removes it at Zoho (Connected Apps).
     */
    private void retire(String connectionId, String dc, Secret refreshToken, String what) {
        if (refreshToken == null) {
            return;
        }
        String notConfirmed;
        try {
            tokens.revoke(dataCenters.require(dc), refreshToken);
            return;
        } catch (RuntimeException e) {
            notConfirmed = e.getMessage();
        }
        try {
            connections.addPendingRevocation(connectionId, dc, refreshToken, clock.instant(), notConfirmed);
            log.warn("Connection {}: Zoho did not confirm the revocation of the {} ({}); kept for the refresh timer"
                    + " to retry", connectionId, what, notConfirmed);
        } catch (RuntimeException e) {
            log.error("Connection {}: the {} Zoho issued in DC {} could neither be revoked ({}) nor kept for a later"
                    + " revocation ({}); it stays live at Zoho until its user removes this app's access there",
                    connectionId, what, dc, notConfirmed, e.toString());
        }
    }

    private static String bounded(String text) {
        String clean = text.replaceAll("[^A-Za-z0-9_.\\- ]", "");
        return clean.length() > 64 ? clean.substring(0, 64) : clean;
    }
}
