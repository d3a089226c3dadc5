package io.zohoconnect.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * What a user's consent created: a refresh token (none for {@code access_type=online}) and the
 * access tokens issued under it. Zoho's per-grant limits live here; the mutable parts are guarded
 * by the grant's own monitor so grants never contend with each other.
 */
final class Grant {

    private final String refreshToken;
    private final String clientId;
    private final String userDc;
    private final String userEmail;
    private final List<String> scopes;
    /** The org the user consented in: null for the DC's own org, else another org's company name. */
    private final String org;
    private volatile boolean revoked;
    /** Live access tokens, oldest first (guarded by this). */
    private final Deque<String> liveTokens = new ArrayDeque<>();
    /** When access tokens were refreshed, for the rolling limit (guarded by this). */
    private final Deque<Instant> refreshes = new ArrayDeque<>();

    Grant(String refreshToken, String clientId, String userDc, String userEmail, List<String> scopes, String org) {
        this.refreshToken = refreshToken;
        this.clientId = clientId;
        this.userDc = userDc;
        this.userEmail = userEmail;
        this.scopes = List.copyOf(scopes);
        this.org = org;
    }

    String org() {
        return org;
    }

    String refreshToken() {
        return refreshToken;
    }

    String clientId() {
        return clientId;
    }

    String userDc() {
        return userDc;
    }

    String userEmail() {
        return userEmail;
    }

    List<String> scopes() {
        return scopes;
    }

    boolean revoked() {
        return revoked;
    }

    /** Caller holds this grant's monitor. */
    void markRevoked() {
        revoked = true;
    }

    /** Caller holds this grant's monitor. */
    Deque<String> liveTokens() {
        return liveTokens;
    }

    /**
     * Takes a slot in the rolling refresh window; false when {@code limit} tokens were already
     * refreshed within it. Caller holds this grant's monitor.
     */
    boolean takeRefreshSlot(Instant now, Duration window, int limit) {
        Instant cutoff = now.minus(window);
        while (!refreshes.isEmpty() && !refreshes.peekFirst().isAfter(cutoff)) {
            refreshes.pollFirst();
        }
        if (limit > 0 && refreshes.size() >= limit) {
            return false;
        }
        refreshes.addLast(now);
        return true;
    }

    synchronized void forgetRefreshes() {
        refreshes.clear();
    }

    /** A ZohoCRM.{area}.* scope; ZohoCRM.modules.ALL grants no other area. */
    boolean hasScopeArea(String area) {
        String prefix = ("ZohoCRM." + area + ".").toLowerCase(Locale.ROOT);
        return scopes.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).startsWith(prefix));
    }

    @Override
    public String toString() {
        return "Grant[userDc=" + userDc + ", scopes=" + scopes + (revoked ? ", revoked" : "") + "]";
    }
}
