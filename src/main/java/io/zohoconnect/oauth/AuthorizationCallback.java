package io.zohoconnect.oauth;

import java.time.Clock;
import java.util.Optional;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.NewGrant;
import io.zohoconnect.datacenter.DataCenter;
import io.zohoconnect.datacenter.DataCenters;
import io.zohoconnect.datacenter.Environment;
import io.zohoconnect.events.ConnectionEvent;
import io.zohoconnect.events.ConnectionEvents;
import io.zohoconnect.oauth.OAuthStateStore.StateCheck;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finishes an authorization. The checks run in a fixed order and each stops the flow: the state
 * (single use, unexpired), Zoho's {@code error}, then {@code location}/{@code accounts-server}
 * against the DC table — before anything leaves this service, because the token request carries
 * the client secret — then the code exchange, the store and the event.
 */
@Component
public class AuthorizationCallback {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationCallback.class);

    private final OAuthStateStore states;
    private final DataCenters dataCenters;
    private final ZohoTokenClient tokens;
    private final ConnectionStore connections;
    private final ConnectionEvents events;
    private final Clock clock;

    public AuthorizationCallback(OAuthStateStore states, DataCenters dataCenters, ZohoTokenClient tokens,
            ConnectionStore connections, ConnectionEvents events, Clock clock) {
        this.states = states;
        this.dataCenters = dataCenters;
        this.tokens = tokens;
        this.connections = connections;
        this.events = events;
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
            return new CallbackResult.ExchangeFailed(pending.connectionId(), e.getMessage());
        }
        if (pending.environment() == Environment.PRODUCTION && response.apiDomain() != null) {
            apiDomain = response.apiDomain(); // Zoho's word on where this org's API lives
        }
        Optional<Connection> previous = connections.find(pending.connectionId());
        Connection stored = connections.saveGrant(new NewGrant(pending.connectionId(), dataCenter.code(),
                pending.environment(), dataCenter.accountsUrl(), apiDomain, pending.scopes(),
                response.refreshToken(), response.accessToken(), clock.instant().plus(response.expiresIn()), null));
        log.info("Connection {} {} in DC {} ({})", stored.id(), previous.isPresent() ? "re-connected" : "connected",
                stored.dc(), stored.environment().code());
        events.publish(ConnectionEvent.CREATED, stored, previous.isPresent() ? "re-consent" : null);
        previous.filter(old -> !old.refreshToken().sameAs(stored.refreshToken()))
                .ifPresent(old -> revokeReplaced(old));
        return new CallbackResult.Connected(stored, previous.isPresent(), pending.returnTo());
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

    /** Zoho keeps 20 refresh tokens per user and client: retire the one a re-consent replaced. */
    private void revokeReplaced(Connection old) {
        try {
            tokens.revoke(old.accountsServer(), old.refreshToken());
        } catch (ZohoTokenException e) {
            log.warn("Connection {}: could not revoke the replaced refresh token: {}", old.id(), e.getMessage());
        }
    }

    private static String bounded(String text) {
        String clean = text.replaceAll("[^A-Za-z0-9_.\\- ]", "");
        return clean.length() > 64 ? clean.substring(0, 64) : clean;
    }
}
