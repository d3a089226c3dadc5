package io.zohoconnect.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Zoho Accounts' memory: pending consents, authorization codes, grants (refresh tokens) and access
 * tokens, with Zoho's limits (ZOHO-API.md §3, §5). Survives {@code /_sim/reset}; only the rolling
 * limit windows are cleared by it. Time always comes from the caller's clock reading.
 */
final class Grants {

    /** Zoho's limits count over any 10 minutes. */
    static final Duration WINDOW = Duration.ofMinutes(10);
    /** A consent page left open longer than this cannot be submitted any more. */
    static final Duration CONSENT_TTL = Duration.ofMinutes(30);
    private static final int UNUSED_CODES_BEFORE_PURGE = 10_000;

    private final RandomTokens random;
    private final Map<String, PendingConsent> consents = new ConcurrentHashMap<>();
    private final Map<String, AuthCode> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> byRefreshToken = new ConcurrentHashMap<>();
    private final Map<String, IssuedToken> accessTokens = new ConcurrentHashMap<>();
    private final Map<UserKey, Deque<Grant>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> approvalsByClient = new ConcurrentHashMap<>();

    Grants(RandomTokens random) {
        this.random = random;
    }

    /** Parks a checked authorization request; the consent page refers to it by the returned id. */
    String holdConsent(PendingConsent consent) {
        Instant stale = consent.createdAt().minus(CONSENT_TTL);
        consents.values().removeIf(c -> c.createdAt().isBefore(stale));
        String id = random.id();
        consents.put(id, consent);
        return id;
    }

    Optional<PendingConsent> takeConsent(String id, Instant now) {
        PendingConsent consent = id == null ? null : consents.remove(id);
        return consent == null || consent.createdAt().plus(CONSENT_TTL).isBefore(now) ? Optional.empty()
                : Optional.of(consent);
    }

    /** Counts an approval against the per-client limit; false = over the limit, Zoho denies it. */
    boolean allowApproval(String clientId, Instant now, int limit) {
        Deque<Instant> approvals = approvalsByClient.computeIfAbsent(clientId, k -> new ArrayDeque<>());
        synchronized (approvals) {
            Instant cutoff = now.minus(WINDOW);
            while (!approvals.isEmpty() && !approvals.peekFirst().isAfter(cutoff)) {
                approvals.pollFirst();
            }
            if (limit > 0 && approvals.size() >= limit) {
                return false;
            }
            approvals.addLast(now);
            return true;
        }
    }

    AuthCode issueCode(String clientId, String redirectUri, String userDc, String userEmail, PendingConsent consent,
                       Instant now, Duration lifetime, String org) {
        AuthCode code = new AuthCode(random.token(), clientId, redirectUri, userDc, userEmail, consent.scopes(),
                consent.codeChallenge(), consent.offline(), now.plus(lifetime), org);
        if (codes.size() >= UNUSED_CODES_BEFORE_PURGE) {
            // codes nobody exchanged (load tests) would otherwise pile up for the life of the process
            codes.values().removeIf(c -> c.expired(now));
        }
        codes.put(code.code(), code);
        return code;
    }

    /** The unexpired, unused code; an expired one is forgotten on the way. */
    Optional<AuthCode> findCode(String code, Instant now) {
        AuthCode found = code == null ? null : codes.get(code);
        if (found != null && found.expired(now)) {
            codes.remove(code, found);
            return Optional.empty();
        }
        return Optional.ofNullable(found);
    }

    /** Single use: of two concurrent exchanges of one code, exactly one gets true. */
    boolean consume(AuthCode code) {
        return codes.remove(code.code(), code);
    }

    /**
     * Opens the grant of an exchanged code and issues its first access token. An offline grant that
     * exceeds the per-user limit silently revokes the user's oldest grant, as Zoho does.
     */
    Issued open(AuthCode code, Instant now, SimSettings settings) {
        Grant grant = new Grant(code.offline() ? random.token() : null, code.clientId(), code.userDc(),
                code.userEmail(), code.scopes(), code.org());
        if (grant.refreshToken() != null) {
            byRefreshToken.put(grant.refreshToken(), grant);
            Deque<Grant> mine = byUser.computeIfAbsent(new UserKey(code.userEmail().toLowerCase(Locale.ROOT),
                    code.userDc(), code.clientId()), k -> new ArrayDeque<>());
            synchronized (mine) {
                mine.addLast(grant);
                while (mine.size() > settings.refreshTokensPerUser()) {
                    revoke(mine.pollFirst());
                }
            }
        }
        synchronized (grant) {
            return new Issued(grant, issue(grant, now, settings));
        }
    }

    /** A new access token for a refresh token presented at {@code dc}'s accounts server. */
    Refreshed refresh(String refreshToken, String clientId, String dc, Instant now, SimSettings settings) {
        Grant grant = refreshToken == null ? null : byRefreshToken.get(refreshToken);
        if (grant == null || !grant.userDc().equals(dc) || !grant.clientId().equals(clientId)) {
            return Refreshed.UNKNOWN;
        }
        synchronized (grant) {
            if (grant.revoked()) {
                return Refreshed.UNKNOWN;
            }
            if (!grant.takeRefreshSlot(now, WINDOW, settings.refreshLimit())) {
                return Refreshed.THROTTLED;
            }
            return new Refreshed(Refreshed.Outcome.ISSUED, issue(grant, now, settings));
        }
    }

    /** The revoke endpoint: only the DC that issued a refresh token knows it. */
    boolean revoke(String refreshToken, String dc) {
        Grant grant = refreshToken == null ? null : byRefreshToken.get(refreshToken);
        if (grant == null || !grant.userDc().equals(dc)) {
            return false;
        }
        return revoke(grant);
    }

    /** The user removes the app in Zoho's console: any DC. */
    boolean revokeAnywhere(String refreshToken) {
        Grant grant = refreshToken == null ? null : byRefreshToken.get(refreshToken);
        return grant != null && revoke(grant);
    }

    /** Ends the life of a grant's access tokens now; empty when the refresh token is unknown. */
    OptionalInt expireTokens(String refreshToken, Instant now) {
        Grant grant = refreshToken == null ? null : byRefreshToken.get(refreshToken);
        if (grant == null) {
            return OptionalInt.empty();
        }
        synchronized (grant) {
            int expired = 0;
            for (String token : grant.liveTokens()) {
                IssuedToken issued = accessTokens.computeIfPresent(token, (k, t) -> t.expiredAt(now));
                expired += issued == null ? 0 : 1;
            }
            return OptionalInt.of(expired);
        }
    }

    /** The token if it is live and presented at its own DC; anything else is INVALID_TOKEN. */
    Optional<IssuedToken> authenticate(String accessToken, String dc, Instant now) {
        IssuedToken issued = accessToken == null ? null : accessTokens.get(accessToken);
        if (issued == null || issued.expired(now) || issued.grant().revoked() || !issued.grant().userDc().equals(dc)) {
            return Optional.empty();
        }
        return Optional.of(issued);
    }

    /** Clears the rolling windows of every limit ({@code /_sim/reset}); tokens and codes stay. */
    void forgetLimitWindows() {
        approvalsByClient.clear();
        byRefreshToken.values().forEach(Grant::forgetRefreshes);
    }

    private boolean revoke(Grant grant) {
        synchronized (grant) {
            if (grant.revoked()) {
                return false;
            }
            grant.markRevoked();
            grant.liveTokens().forEach(accessTokens::remove);
            grant.liveTokens().clear();
        }
        if (grant.refreshToken() != null) {
            byRefreshToken.remove(grant.refreshToken(), grant);
            Deque<Grant> mine = byUser.get(new UserKey(grant.userEmail().toLowerCase(Locale.ROOT), grant.userDc(),
                    grant.clientId()));
            if (mine != null) {
                synchronized (mine) {
                    mine.remove(grant);
                }
            }
        }
        return true;
    }

    /** Caller holds the grant's monitor. Expired tokens are dropped; past the limit, the oldest live one. */
    private IssuedToken issue(Grant grant, Instant now, SimSettings settings) {
        Deque<String> live = grant.liveTokens();
        for (Iterator<String> it = live.iterator(); it.hasNext(); ) {
            String token = it.next();
            IssuedToken issued = accessTokens.get(token);
            if (issued == null || issued.expired(now)) {
                it.remove();
                accessTokens.remove(token);
            }
        }
        while (live.size() >= settings.liveTokenLimit()) {
            accessTokens.remove(live.pollFirst());
        }
        IssuedToken token = new IssuedToken(random.token(), grant, now.plusSeconds(settings.tokenLifetimeSeconds()));
        accessTokens.put(token.token(), token);
        live.addLast(token.token());
        return token;
    }

    /** The refresh tokens Zoho keeps per user login, user DC and client. */
    private record UserKey(String email, String dc, String clientId) {
    }

    /** A code exchange's result: the grant (its refresh token, if offline) and the first access token. */
    record Issued(Grant grant, IssuedToken accessToken) {
    }

    record Refreshed(Outcome outcome, IssuedToken accessToken) {

        static final Refreshed UNKNOWN = new Refreshed(Outcome.UNKNOWN, null);
        static final Refreshed THROTTLED = new Refreshed(Outcome.THROTTLED, null);

        enum Outcome { ISSUED, UNKNOWN, THROTTLED }
    }
}
