package io.zohoconnect.credentials;

import java.util.List;

/**
 * The settings of the credentials package, as {@code zoho.*} binds them (descriptions there): the Zoho
 * client, the authorization flow's state and return-to origins, and the refresh engine.
 */
public record CredentialsSettings(
        String clientId,
        String clientSecret,
        String redirectUri,
        List<String> scopes,
        boolean pkce,
        StateSettings state,
        ReturnToSettings returnTo,
        RefreshSettings refresh) {

    @Override
    public String toString() {
        return "CredentialsSettings[clientId=" + clientId + ", redirectUri=" + redirectUri + "]";
    }
}
