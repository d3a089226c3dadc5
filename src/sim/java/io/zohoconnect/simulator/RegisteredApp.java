package io.zohoconnect.simulator;

/** The one Zoho app the simulator knows: its client id, secret and exact redirect URI. */
public record RegisteredApp(String clientId, String clientSecret, String redirectUri) {

    boolean isClient(String candidate) {
        return clientId != null && clientId.equals(candidate);
    }

    boolean isSecret(String candidate) {
        return clientSecret != null && candidate != null
                && java.security.MessageDigest.isEqual(clientSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        candidate.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    boolean isRedirectUri(String candidate) {
        return redirectUri != null && redirectUri.equals(candidate);
    }

    @Override
    public String toString() {
        // the secret never reaches a log line
        return "RegisteredApp[clientId=" + clientId + ", redirectUri=" + redirectUri + "]";
    }
}
