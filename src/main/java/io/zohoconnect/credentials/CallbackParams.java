package io.zohoconnect.credentials;

/**
 * The query parameters Zoho (or anyone) sends to the redirect URI, and the browser-binding cookie
 * the browser sent with them ({@code browser}, null when none). All untrusted.
 */
public record CallbackParams(
        String state,
        String code,
        String error,
        String location,
        String accountsServer,
        String browser) {

    @Override
    public String toString() {
        return "CallbackParams[location=" + location + ", error=" + error + "]";
    }
}
