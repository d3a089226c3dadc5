package io.zohoconnect.credentials;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;


import org.springframework.stereotype.Component;

/** Builds the redirect to Zoho's consent page (ZOHO-API.md §2) and records its state. */
@Component
public class AuthorizationStarter {

    private final OAuthStateStore states;
    private final CredentialsSettings properties;

    public AuthorizationStarter(OAuthStateStore states, CredentialsSettings properties) {
        this.states = states;
        this.properties = properties;
    }

    /**
     * The authorize URL for {@code request}, its state bound to the starting browser
     * ({@code browserHash}: SHA-256 hex of that browser's binding cookie).
     */
    public URI start(AuthorizationRequest request, String browserHash) {
        Pkce pkce = properties.pkce() ? Pkce.generate() : null;
        String state = states.issue(request, pkce == null ? null : pkce.verifier(), browserHash);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", properties.clientId());
        query.put("response_type", "code");
        query.put("scope", String.join(",", request.scopes()));
        query.put("access_type", "offline");
        query.put("prompt", "consent");
        query.put("redirect_uri", properties.redirectUri());
        query.put("state", state);
        if (pkce != null) {
            query.put("code_challenge", pkce.challenge());
            query.put("code_challenge_method", "S256");
        }
        String encoded = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(request.dataCenter().accountsUrl() + "/oauth/v2/auth?" + encoded);
    }
}
