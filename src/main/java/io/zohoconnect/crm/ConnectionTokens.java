package io.zohoconnect.crm;

import io.zohoconnect.connection.Secret;
import io.zohoconnect.credentials.AccessToken;
import io.zohoconnect.credentials.TokenRefresher;

import org.springframework.stereotype.Component;

/**
 * The access tokens every caller of Zoho on this node sends (the call path, {@code zohoAuth}, the gateway), from
 * the token owner ({@link TokenRefresher}): the current one, and the one refresh after Zoho rejected one.
 */
@Component
public final class ConnectionTokens {

    private final TokenRefresher tokens;

    public ConnectionTokens(TokenRefresher tokens) {
        this.tokens = tokens;
    }

    /**
     * The connection's token to send now (warm path: a map lookup).
     *
     * @throws io.zohoconnect.credentials.TokenUnavailableException for an unknown connection, or one that needs re-consent
     */
    public AccessToken current(String connectionId) {
        return tokens.accessToken(connectionId);
    }

    /**
     * After Zoho rejected {@code sent} (401 INVALID_TOKEN / AUTHENTICATION_FAILURE): this node forgets it and the
     * token owner refreshes — only if it is still the connection's token (another node may have replaced it
     * already); the retry then sends {@link #current}. Blocks for the refresh, when there is one.
     */
    public void rejected(String connectionId, AccessToken sent) {
        tokens.afterRejection(connectionId, new Secret(sent.value()));
    }
}
