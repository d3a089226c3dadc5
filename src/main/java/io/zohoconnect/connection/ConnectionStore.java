package io.zohoconnect.connection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.zohoconnect.datacenter.Environment;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The JDBC store of connections. SQL lives in the constants below, row mapping in
 * {@link #map(ResultSet)}; tokens are sealed on the way in and opened on the way out, bound to
 * their row and column so a sealed value copied elsewhere does not open.
 */
@Repository
public class ConnectionStore {

    static final String COLUMNS = "id, dc, environment, accounts_server, api_domain, scopes, refresh_token_enc,"
            + " access_token_enc, key_id, access_token_expires_at, status, failure_count, next_attempt_at, last_error,"
            + " last_refreshed_at, created_at, updated_at, version";

    static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM zoho_connection WHERE id = :id";
    static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM zoho_connection ORDER BY id";

    static final String INSERT = "INSERT INTO zoho_connection (id, dc, environment, accounts_server, api_domain, scopes,"
            + " refresh_token_enc, access_token_enc, key_id, access_token_expires_at, status, failure_count,"
            + " next_attempt_at, last_error, last_refreshed_at, created_at, updated_at, version)"
            + " VALUES (:id, :dc, :environment, :accountsServer, :apiDomain, :scopes, :refreshToken, :accessToken,"
            + " :keyId, :expiresAt, 'ACTIVE', 0, NULL, NULL, :now, :now, :now, 0)";

    /** A re-consent: new tokens and place, same id and creation time, all failure state cleared. */
    static final String REPLACE_GRANT = "UPDATE zoho_connection SET dc = :dc, environment = :environment,"
            + " accounts_server = :accountsServer, api_domain = :apiDomain, scopes = :scopes,"
            + " refresh_token_enc = :refreshToken, access_token_enc = :accessToken, key_id = :keyId,"
            + " access_token_expires_at = :expiresAt, status = 'ACTIVE', failure_count = 0, next_attempt_at = NULL,"
            + " last_error = NULL, last_refreshed_at = :now, updated_at = :now, version = version + 1,"
            + " lease_owner = NULL, lease_until = NULL WHERE id = :id";

    static final String DELETE = "DELETE FROM zoho_connection WHERE id = :id";

    private final JdbcClient jdbc;
    private final TokenCipher cipher;
    private final Clock clock;

    public ConnectionStore(JdbcClient jdbc, TokenCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    public Optional<Connection> find(String id) {
        return jdbc.sql(SELECT_ONE).param("id", id).query((rs, n) -> map(rs)).optional();
    }

    public List<Connection> findAll() {
        return jdbc.sql(SELECT_ALL).query((rs, n) -> map(rs)).list();
    }

    /**
     * Stores the tokens of a completed consent. A new id is inserted; an existing id keeps its id
     * and creation time and gets the new tokens, DC and environment, back to ACTIVE.
     */
    @Transactional
    public Connection saveGrant(NewGrant grant) {
        Instant now = clock.instant();
        Map<String, Object> params = new HashMap<>();
        params.put("id", grant.connectionId());
        params.put("dc", grant.dc());
        params.put("environment", grant.environment().code());
        params.put("accountsServer", grant.accountsServer());
        params.put("apiDomain", grant.apiDomain());
        params.put("scopes", String.join(",", grant.scopes()));
        params.put("refreshToken", cipher.seal(grant.refreshToken().value(), refreshContext(grant.connectionId())));
        params.put("accessToken", grant.accessToken() == null ? null
                : cipher.seal(grant.accessToken().value(), accessContext(grant.connectionId())));
        params.put("keyId", cipher.currentKeyId());
        params.put("expiresAt", timestamp(grant.accessTokenExpiresAt()));
        params.put("now", timestamp(now));
        if (jdbc.sql(REPLACE_GRANT).params(params).update() == 0) {
            try {
                jdbc.sql(INSERT).params(params).update();
            } catch (DuplicateKeyException raced) {
                // a concurrent consent for the same id inserted first: the later grant wins
                jdbc.sql(REPLACE_GRANT).params(params).update();
            }
        }
        return find(grant.connectionId()).orElseThrow();
    }

    public boolean delete(String id) {
        return jdbc.sql(DELETE).param("id", id).update() > 0;
    }

    Connection map(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        return new Connection(
                id,
                rs.getString("dc"),
                Environment.fromCode(rs.getString("environment")).orElseThrow(),
                rs.getString("accounts_server"),
                rs.getString("api_domain"),
                Arrays.stream(rs.getString("scopes").split(",")).filter(s -> !s.isBlank()).toList(),
                new Secret(cipher.open(rs.getString("refresh_token_enc"), refreshContext(id))),
                Secret.ofNullable(cipher.open(rs.getString("access_token_enc"), accessContext(id))),
                instant(rs, "access_token_expires_at"),
                ConnectionStatus.valueOf(rs.getString("status")),
                rs.getInt("failure_count"),
                instant(rs, "next_attempt_at"),
                rs.getString("last_error"),
                instant(rs, "last_refreshed_at"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getLong("version"));
    }

    static String refreshContext(String connectionId) {
        return "zoho_connection/" + connectionId + "/refresh_token";
    }

    static String accessContext(String connectionId) {
        return "zoho_connection/" + connectionId + "/access_token";
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
