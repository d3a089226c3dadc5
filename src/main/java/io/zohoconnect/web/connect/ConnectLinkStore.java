package io.zohoconnect.web.connect;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import io.zohoconnect.ZohoProperties;
import io.zohoconnect.credentials.AuthorizationRequest;
import io.zohoconnect.credentials.Randoms;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Single-use connect links: an admin creates one for a given connection id and hands it to the
 * person who owns the Zoho account; whoever opens it can connect that id, once, within the TTL.
 * Only the SHA-256 of the link token is stored. Looking at a link ({@link #peek}) does not use it
 * up; continuing to Zoho ({@link #consume}) does.
 */
@Repository
public class ConnectLinkStore {

    static final String INSERT = "INSERT INTO zoho_connect_link (link_hash, connection_id, dc, environment, scopes,"
            + " return_to, allow_org_change, created_at, expires_at) VALUES (:hash, :connectionId, :dc, :environment,"
            + " :scopes, :returnTo, :allowOrgChange, :now, :expiresAt)";
    static final String SELECT = "SELECT connection_id, dc, environment, scopes, return_to, allow_org_change, expires_at"
            + " FROM zoho_connect_link WHERE link_hash = :hash";
    static final String DELETE = "DELETE FROM zoho_connect_link WHERE link_hash = :hash";
    static final String PURGE_EXPIRED = "DELETE FROM zoho_connect_link WHERE expires_at < :now";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZohoProperties properties;

    public ConnectLinkStore(JdbcClient jdbc, Clock clock, ZohoProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    public IssuedLink issue(AuthorizationRequest request) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.admin().connectLinkTtl());
        jdbc.sql(PURGE_EXPIRED).param("now", now.atOffset(ZoneOffset.UTC)).update();
        String token = Randoms.urlSafe(32);
        jdbc.sql(INSERT)
                .param("hash", Randoms.sha256Hex(token))
                .param("connectionId", request.connectionId())
                .param("dc", request.dataCenter().code())
                .param("environment", request.environment().code())
                .param("scopes", String.join(",", request.scopes()))
                .param("returnTo", request.returnTo())
                .param("allowOrgChange", request.allowOrgChange())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("expiresAt", expiresAt.atOffset(ZoneOffset.UTC))
                .update();
        return new IssuedLink(token, expiresAt);
    }

    /** What a link would connect, without using it up: empty when unknown, used or expired. */
    public Optional<LinkedRequest> peek(String token) {
        return find(token).filter(row -> clock.instant().isBefore(row.expiresAt()));
    }

    /** Uses up a link: the stored request if the link exists and has not expired, else empty. */
    public Optional<LinkedRequest> consume(String token) {
        Optional<LinkedRequest> row = find(token);
        if (row.isEmpty() || jdbc.sql(DELETE).param("hash", Randoms.sha256Hex(token)).update() != 1
                || !clock.instant().isBefore(row.get().expiresAt())) {
            return Optional.empty();
        }
        return row;
    }

    private Optional<LinkedRequest> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT).param("hash", Randoms.sha256Hex(token)).query((rs, n) -> new LinkedRequest(
                rs.getString("connection_id"), rs.getString("dc"), rs.getString("environment"),
                rs.getString("scopes"), rs.getString("return_to"), rs.getBoolean("allow_org_change"),
                rs.getObject("expires_at", java.time.OffsetDateTime.class).toInstant())).optional();
    }

    public record IssuedLink(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedLink[expiresAt=" + expiresAt + "]";
        }
    }

    public record LinkedRequest(String connectionId, String dc, String environment, String scopes, String returnTo,
            boolean allowOrgChange, Instant expiresAt) {
    }
}
