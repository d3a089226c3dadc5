package io.zohoconnect.oauth;

/** The query parameters Zoho (or anyone) sends to the redirect URI. All untrusted. */
public record CallbackParams(
        String state,
        String code,
        String error,
        String location,
        String accountsServer) {

    @Override
    public String toString() {
        return "CallbackParams[location=" + location + ", error=" + error + "]";
    }
}
