package io.zohoconnect.credentials;

import java.time.Instant;
import java.util.function.UnaryOperator;

import io.zohoconnect.connection.Secret;

/**
 * A connection's access token as callers use it: the {@code Authorization} value ready to send, the
 * API domain it is valid for, when it expires, and when {@link TokenRefresher} wants to look at it again.
 * The value is precomputed so the warm path allocates nothing; {@link #toString} never shows it.
 */
public final class AccessToken {

    /** Zoho's scheme in the {@code Authorization} header (ZOHO-API.md §7). */
    public static final String SCHEME = "Zoho-oauthtoken ";

    private final String authorization;
    private final String apiDomain;
    private final long refreshAtMillis;
    private final long expiresAtMillis;
    /** The last URL built: a route usually calls the same path again. */
    private volatile ResolvedUrl lastUrl;

    AccessToken(Secret token, String apiDomain, long refreshAtMillis, long expiresAtMillis) {
        this.authorization = SCHEME + token.value();
        this.apiDomain = apiDomain;
        this.refreshAtMillis = refreshAtMillis;
        this.expiresAtMillis = expiresAtMillis;
    }

    /** The bare token, for callers outside Camel (the access-token API). */
    public String value() {
        return authorization.substring(SCHEME.length());
    }

    public Instant expiresAt() {
        return Instant.ofEpochMilli(expiresAtMillis);
    }

    /** {@code Zoho-oauthtoken <token>}. */
    public String authorization() {
        return authorization;
    }

    public String apiDomain() {
        return apiDomain;
    }

    /** The API domain followed by {@code path} as {@code normalize} rewrites it. */
    public String url(String path, UnaryOperator<String> normalize) {
        ResolvedUrl last = lastUrl;
        if (last != null && last.path().equals(path)) {
            return last.url();
        }
        String url = apiDomain + normalize.apply(path);
        lastUrl = new ResolvedUrl(path, url);
        return url;
    }

    /** Whether this is {@code token} (after a 401: is the rejected token the one held here?). */
    public boolean carries(Secret token) {
        return token != null && authorization.length() == SCHEME.length() + token.value().length()
                && authorization.endsWith(token.value());
    }

    long refreshAtMillis() {
        return refreshAtMillis;
    }

    /** Whether Zoho still accepts it at {@code nowMillis}. */
    boolean validAt(long nowMillis) {
        return nowMillis < expiresAtMillis;
    }

    @Override
    public String toString() {
        return "AccessToken[" + apiDomain + "]";
    }

    private record ResolvedUrl(String path, String url) {
    }
}
