package io.zohoconnect.crm;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

import io.zohoconnect.ZohoHeaders;
import io.zohoconnect.ZohoProperties;
import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionChanged;
import io.zohoconnect.refresh.TokenRefresher;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code zohoAuth}: gives an exchange the credentials of the connection named in
 * {@code ZohoConnectionId} — {@code Authorization: Zoho-oauthtoken …}, {@code ZohoApiDomain}, and
 * with {@code ZohoCrmPath} also {@code CamelHttpUri}. Any inbound {@code Authorization} is dropped.
 *
 * <p>Warm path: one map lookup and a clock read, header values precomputed (the URI of the last
 * path too) — no I/O, no lock, no allocation. A token inside the refresh margin goes through {@link TokenRefresher}
 * (single flight; a token another node refreshed is read from the database, not fetched again).
 * Writes to a connection on this node evict it from the cache.
 */
@Component("zohoAuth")
public final class ZohoAuthEnricher implements Processor, AutoCloseable {

    static final String AUTHORIZATION = "Authorization";
    static final String SCHEME = "Zoho-oauthtoken ";
    /** While a refresh is backing off, reuse the still-valid token this long before asking again. */
    private static final long RETRY_PAUSE_MILLIS = 1000;
    /** The warm path trusts the coarse clock only this far from the refresh time; closer, it reads the real clock. */
    private static final long COARSE_GUARD_MILLIS = 1000;

    private final ConcurrentMap<String, CachedToken> cache = new ConcurrentHashMap<>();
    private final TokenRefresher refresher;
    private final Clock clock;
    private final CoarseClock coarse;
    private final long marginMillis;
    private final CrmPaths paths;

    public ZohoAuthEnricher(TokenRefresher refresher, Clock clock, ZohoProperties properties, CrmPaths paths) {
        this.refresher = refresher;
        this.clock = clock;
        this.coarse = new CoarseClock(clock);
        this.marginMillis = properties.refresh().margin().toMillis();
        this.paths = paths;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Object header = message.getHeader(ZohoHeaders.CONNECTION_ID);
        if (header == null || header.toString().isEmpty()) {
            throw new MissingConnectionIdException();
        }
        String connectionId = header.toString();
        CachedToken token = cache.get(connectionId);
        if (token == null || (coarse.millis() + COARSE_GUARD_MILLIS >= token.refreshAtMillis()
                && clock.millis() >= token.refreshAtMillis())) {
            token = load(connectionId);
        }
        // headers are case-insensitive: this replaces any inbound Authorization, whatever its spelling
        message.setHeader(AUTHORIZATION, token.authorization());
        message.setHeader(ZohoHeaders.API_DOMAIN, token.apiDomain());
        Object path = message.getHeader(ZohoHeaders.CRM_PATH);
        if (path != null) {
            message.setHeader(Exchange.HTTP_URI, token.uriFor(path.toString(), paths));
        }
    }

    /** The access token an {@code Authorization} header value carries, or null. */
    static String tokenOf(Object authorization) {
        return authorization instanceof String value && value.startsWith(SCHEME) ? value.substring(SCHEME.length()) : null;
    }

    private CachedToken load(String connectionId) {
        Connection connection = refresher.freshConnection(connectionId);
        long expires = connection.accessTokenExpiresAt().toEpochMilli();
        long refreshAt = expires - marginMillis;
        long now = clock.millis();
        if (refreshAt <= now) {
            // refreshing failed or backs off while the token is still valid: use it, ask again shortly
            refreshAt = Math.min(now + RETRY_PAUSE_MILLIS, expires);
        }
        CachedToken token = new CachedToken(SCHEME + connection.accessToken().value(), connection.apiDomain(), refreshAt,
                new AtomicReference<>());
        cache.put(connectionId, token);
        return token;
    }

    /**
     * Forgets this node's cached token of a connection after Zoho rejected {@code rejectedToken} — only
     * if the cache still holds that token, so concurrent callers do not thrash. Another node may have
     * replaced, refreshed or deleted the row; the next call reads the row as it is now.
     */
    void evictRejected(String connectionId, String rejectedToken) {
        CachedToken cached = cache.get(connectionId);
        if (cached != null && rejectedToken != null && cached.authorization().equals(SCHEME + rejectedToken)) {
            cache.remove(connectionId, cached);
        }
    }

    @EventListener
    void onChange(ConnectionChanged change) {
        cache.remove(change.connectionId());
    }

    @Override
    public void close() {
        coarse.close();
    }

    /** A cached token; remembers the last URI built, since a route usually calls the same path again. */
    private record CachedToken(String authorization, String apiDomain, long refreshAtMillis,
            AtomicReference<ResolvedUri> lastUri) {

        String uriFor(String path, CrmPaths paths) {
            ResolvedUri last = lastUri.get();
            if (last != null && last.path().equals(path)) {
                return last.uri();
            }
            String uri = apiDomain + paths.normalize(path);
            lastUri.set(new ResolvedUri(path, uri));
            return uri;
        }

        @Override
        public String toString() {
            return "CachedToken[" + apiDomain + "]";
        }
    }

    private record ResolvedUri(String path, String uri) {
    }
}
