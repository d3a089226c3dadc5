package io.zohoconnect.connection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.zohoconnect.datacenter.Environment;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
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
            + " last_refreshed_at, created_at, updated_at, version, org_id, org_name, org_edition";

    static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM zoho_connection WHERE id = :id";
    static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM zoho_connection ORDER BY id";
    static final String SELECT_PAGE = "SELECT " + COLUMNS + " FROM zoho_connection WHERE id > :after ORDER BY id LIMIT :limit";

    static final String INSERT = "INSERT INTO zoho_connection (id, dc, environment, accounts_server, api_domain, scopes,"
            + " refresh_token_enc, access_token_enc, key_id, access_token_expires_at, status, failure_count,"
            + " next_attempt_at, last_error, last_refreshed_at, created_at, updated_at, version, org_id, org_name,"
            + " org_edition) VALUES (:id, :dc, :environment, :accountsServer, :apiDomain, :scopes, :refreshToken,"
            + " :accessToken, :keyId, :expiresAt, 'ACTIVE', 0, NULL, NULL, :now, :now, :now, 0, :orgId, :orgName,"
            + " :orgEdition) ON CONFLICT DO NOTHING";

    static final String LOCK_GRANT = "SELECT dc, refresh_token_enc, org_id, org_name, org_edition FROM zoho_connection"
            + " WHERE id = :id FOR UPDATE";

    /** A re-consent: new tokens and place, same id and creation time, all failure state cleared. */
    static final String REPLACE_GRANT = "UPDATE zoho_connection SET dc = :dc, environment = :environment,"
            + " accounts_server = :accountsServer, api_domain = :apiDomain, scopes = :scopes,"
            + " refresh_token_enc = :refreshToken, access_token_enc = :accessToken, key_id = :keyId,"
            + " access_token_expires_at = :expiresAt, status = 'ACTIVE', failure_count = 0, next_attempt_at = NULL,"
            + " last_error = NULL, last_refreshed_at = :now, updated_at = :now, version = version + 1,"
            + " lease_owner = NULL, lease_until = NULL, org_id = :orgId, org_name = :orgName, org_edition = :orgEdition"
            + " WHERE id = :id";

    static final String DELETE = "DELETE FROM zoho_connection WHERE id = :id";
    /** A confirmed revoke deletes the row it revoked, not a grant a re-consent stored meanwhile. */
    static final String DELETE_VERSION = "DELETE FROM zoho_connection WHERE id = :id AND version = :version";

    /** A delete whose revoke Zoho did not confirm: the row and its sealed refresh token stay until it does. */
    static final String MARK_REVOKE_PENDING = "UPDATE zoho_connection SET status = 'REVOKE_PENDING',"
            + " failure_count = CASE WHEN status = 'REVOKE_PENDING' THEN failure_count + 1 ELSE 1 END,"
            + " next_attempt_at = :nextAttempt, last_error = :error, updated_at = :now, version = version + 1"
            + " WHERE id = :id AND version = :version";
    static final String FIND_REVOKE_PENDING_DUE = "SELECT id FROM zoho_connection WHERE status = 'REVOKE_PENDING'"
            + " AND (next_attempt_at IS NULL OR next_attempt_at <= :now) ORDER BY id LIMIT :limit";
    static final String CLIENT_MISCONFIGURED_DCS = "SELECT DISTINCT dc FROM zoho_connection"
            + " WHERE status = 'CLIENT_MISCONFIGURED' ORDER BY dc";

    // --- replaced refresh tokens whose revocation is not confirmed yet (zoho_pending_revocation)

    static final String INSERT_PENDING_REVOCATION = "INSERT INTO zoho_pending_revocation (id, connection_id, dc,"
            + " refresh_token_enc, key_id, attempts, next_attempt_at, last_error, created_at)"
            + " VALUES (:id, :connectionId, :dc, :refreshToken, :keyId, 0, :nextAttempt, :error, :now)";
    static final String DUE_PENDING_REVOCATIONS = "SELECT id, connection_id, dc, refresh_token_enc, attempts,"
            + " next_attempt_at, last_error FROM zoho_pending_revocation WHERE next_attempt_at <= :now"
            + " AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP) ORDER BY next_attempt_at, id LIMIT :limit";
    static final String LEASE_PENDING_REVOCATION = "UPDATE zoho_pending_revocation SET lease_owner = :owner,"
            + " lease_until = CURRENT_TIMESTAMP + CAST(:seconds AS INTEGER) * INTERVAL '1' SECOND"
            + " WHERE id = :id AND (lease_owner IS NULL OR lease_until < CURRENT_TIMESTAMP)";
    static final String PENDING_REVOCATION_FAILED = "UPDATE zoho_pending_revocation SET attempts = attempts + 1,"
            + " next_attempt_at = :nextAttempt, last_error = :error, lease_owner = NULL, lease_until = NULL"
            + " WHERE id = :id AND lease_owner = :owner";
    static final String DELETE_PENDING_REVOCATION = "DELETE FROM zoho_pending_revocation WHERE id = :id AND lease_owner = :owner";

    // --- refresh: leases are set and compared with database time, so nodes need no clock agreement

    static final String TRY_LEASE = "UPDATE zoho_connection SET lease_owner = :owner,"
            + " lease_until = CURRENT_TIMESTAMP + CAST(:seconds AS INTEGER) * INTERVAL '1' SECOND"
            + " WHERE id = :id AND (lease_owner IS NULL OR lease_until < CURRENT_TIMESTAMP)";
    static final String RELEASE_LEASE = "UPDATE zoho_connection SET lease_owner = NULL, lease_until = NULL"
            + " WHERE id = :id AND lease_owner = :owner";
    static final String LEASE_HELD = "SELECT COUNT(*) FROM zoho_connection WHERE id = :id AND lease_owner IS NOT NULL"
            + " AND lease_until >= CURRENT_TIMESTAMP";

    /**
     * A successful refresh, written only by the lease holder, and never over a delete that is waiting for
     * Zoho to confirm the revoke. Both tokens are re-sealed with the current key.
     */
    static final String RECORD_REFRESH = "UPDATE zoho_connection SET access_token_enc = :accessToken,"
            + " refresh_token_enc = :refreshToken, key_id = :keyId, access_token_expires_at = :expiresAt,"
            + " api_domain = :apiDomain, status = 'ACTIVE', failure_count = 0, next_attempt_at = NULL, last_error = NULL,"
            + " last_refreshed_at = :now, updated_at = :now, version = version + 1, lease_owner = NULL, lease_until = NULL"
            + " WHERE id = :id AND lease_owner = :owner AND status <> 'REVOKE_PENDING'";

    /** A failed refresh: never touches the tokens. */
    static final String RECORD_FAILURE = "UPDATE zoho_connection SET status = :status, failure_count = failure_count + 1,"
            + " next_attempt_at = :nextAttempt, last_error = :error, updated_at = :now, version = version + 1,"
            + " lease_owner = NULL, lease_until = NULL WHERE id = :id AND lease_owner = :owner"
            + " AND status <> 'REVOKE_PENDING'";

    /** Due a refresh; a CLIENT_MISCONFIGURED connection is retried as soon as its backoff ends, to recover by itself. */
    static final String FIND_DUE = "SELECT id FROM zoho_connection WHERE status IN ('ACTIVE', 'REFRESH_FAILING',"
            + " 'CLIENT_MISCONFIGURED') AND (access_token_expires_at IS NULL OR access_token_expires_at <= :threshold"
            + " OR last_refreshed_at IS NULL OR last_refreshed_at <= :staleBefore OR status = 'CLIENT_MISCONFIGURED')"
            + " AND (next_attempt_at IS NULL OR next_attempt_at <= :now)"
            + " AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP)"
            + " AND id > :after ORDER BY id LIMIT :limit";

    /** Connections whose refreshes fail and whose token has now expired are no longer ACTIVE. */
    static final String MARK_EXPIRED_FAILING = "UPDATE zoho_connection SET status = 'REFRESH_FAILING', updated_at = :now,"
            + " version = version + 1 WHERE status = 'ACTIVE' AND failure_count > 0 AND access_token_expires_at <= :now";

    static final String COUNT_BY_STATUS = "SELECT status, COUNT(*) AS n FROM zoho_connection GROUP BY status";
    static final String OLDEST_EXPIRY = "SELECT MIN(access_token_expires_at) FROM zoho_connection"
            + " WHERE status IN ('ACTIVE', 'REFRESH_FAILING')";
    static final String COUNT_ACTIVE_EXPIRED = "SELECT COUNT(*) FROM zoho_connection WHERE status = 'ACTIVE'"
            + " AND access_token_expires_at <= :now";

    private final JdbcClient jdbc;
    private final TokenCipher cipher;
    private final Clock clock;
    private final ApplicationEventPublisher changes;

    @Autowired
    public ConnectionStore(JdbcClient jdbc, TokenCipher cipher, Clock clock, ApplicationEventPublisher changes) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
        this.changes = changes;
    }

    /** A store that tells nobody about changes (tools and tests outside a Spring context). */
    public ConnectionStore(JdbcClient jdbc, TokenCipher cipher, Clock clock) {
        this(jdbc, cipher, clock, event -> { });
    }

    public Optional<Connection> find(String id) {
        return jdbc.sql(SELECT_ONE).param("id", id).query((rs, n) -> map(rs)).optional();
    }

    public List<Connection> findAll() {
        return jdbc.sql(SELECT_ALL).query((rs, n) -> map(rs)).list();
    }

    /** One connection without decrypting its tokens (they are null): for decisions that need only its state. */
    public Optional<Connection> findStatus(String id) {
        return jdbc.sql(SELECT_ONE).param("id", id).query((rs, n) -> map(rs, false)).optional();
    }

    /**
     * Up to {@code limit} connections after {@code after} (by id), for listings: status only, the
     * tokens are not decrypted ({@link Connection#refreshToken()} and {@code accessToken()} are null).
     */
    public List<Connection> listStatuses(String after, int limit) {
        return jdbc.sql(SELECT_PAGE).param("after", after == null ? "" : after).param("limit", limit)
                .query((rs, n) -> map(rs, false)).list();
    }

    /**
     * Stores the tokens of a completed consent. A new id is inserted; an existing id keeps its id
     * and creation time and gets the new tokens, DC and environment, back to ACTIVE.
     */
    @Transactional
    public Connection saveGrant(NewGrant grant) {
        return storeGrant(grant).stored();
    }

    /** As {@link #saveGrant}, also returning the grant this one replaced, read under a row lock. */
    @Transactional
    public SavedGrant storeGrant(NewGrant grant) {
        return storeGrant(grant, stored -> Optional.empty());
    }

    /**
     * As {@link #storeGrant(NewGrant)}, but an existing row is replaced only if {@code orgCheck}, asked
     * with the org that row holds (null: unknown) while it is locked, names no reason to refuse. Asked
     * under the lock, the check sees the org a consent that finished a moment earlier stored — two
     * overlapping consents for one id cannot both pass a check made before either was stored.
     * A refused grant changes nothing: {@link SavedGrant#refusal()} says why, {@code stored} is the row as it is.
     */
    @Transactional
    public SavedGrant storeGrant(NewGrant grant, OrgCheck orgCheck) {
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
        params.put("orgId", grant.org() == null ? null : grant.org().id());
        params.put("orgName", grant.org() == null ? null : bounded(grant.org().name(), ZohoOrg.MAX_NAME_LENGTH));
        params.put("orgEdition", grant.org() == null ? null : bounded(grant.org().edition(), ZohoOrg.MAX_EDITION_LENGTH));
        Optional<LockedRow> locked = Optional.empty();
        for (int attempt = 0; attempt < 2; attempt++) {
            // the row is locked before it is replaced, so the grant it held is known for sure — even when two
            // consents for one id finish at once, each replaced refresh token reaches its caller to be revoked
            locked = jdbc.sql(LOCK_GRANT).param("id", grant.connectionId()).query((rs, n) -> new LockedRow(
                    new ReplacedGrant(rs.getString("dc"), new Secret(cipher.open(rs.getString("refresh_token_enc"),
                            refreshContext(grant.connectionId())))),
                    rs.getString("org_id") == null ? null : new ZohoOrg(rs.getString("org_id"),
                            rs.getString("org_name"), rs.getString("org_edition")))).optional();
            if (locked.isPresent()) {
                Optional<String> refusal = orgCheck.refusal(locked.get().org());
                if (refusal.isPresent()) {
                    return new SavedGrant(findStatus(grant.connectionId()).orElseThrow(), null, refusal.get());
                }
                jdbc.sql(REPLACE_GRANT).params(params).update();
                break;
            }
            if (jdbc.sql(INSERT).params(params).update() == 1) {
                break;
            }
            // a concurrent consent inserted the id first: lock its row and check and replace it on the next pass
        }
        changed(grant.connectionId());
        return new SavedGrant(find(grant.connectionId()).orElseThrow(), locked.map(LockedRow::grant).orElse(null), null);
    }

    /** Whether a consent may replace a connection whose row holds {@code stored} (null: org unknown). */
    @FunctionalInterface
    public interface OrgCheck {
        /** Why not, or empty when it may. */
        Optional<String> refusal(ZohoOrg stored);
    }

    /**
     * A stored consent and the grant it replaced (null for a new connection) — or, with a {@code refusal},
     * a consent that was not stored and the connection as it stays.
     */
    public record SavedGrant(Connection stored, ReplacedGrant replaced, String refusal) {

        public boolean refused() {
            return refusal != null;
        }
    }

    private record LockedRow(ReplacedGrant grant, ZohoOrg org) {
    }

    /** The refresh token a re-consent replaced, with its DC, to be revoked at Zoho. */
    public record ReplacedGrant(String dc, Secret refreshToken) {
        @Override
        public String toString() {
            return "ReplacedGrant[" + dc + "]";
        }
    }

    public boolean delete(String id) {
        boolean deleted = jdbc.sql(DELETE).param("id", id).update() > 0;
        changed(id);
        return deleted;
    }

    /**
     * Deletes the row only if it is still at {@code version} (the one whose token was revoked).
     * @return false when it changed or disappeared meanwhile
     */
    public boolean deleteIfUnchanged(String id, long version) {
        boolean deleted = jdbc.sql(DELETE_VERSION).param("id", id).param("version", version).update() > 0;
        changed(id);
        return deleted;
    }

    /** Marks a deleted connection REVOKE_PENDING if it is still at {@code version}; false when it changed meanwhile. */
    public boolean markRevokePending(String id, long version, Instant nextAttempt, String error) {
        boolean marked = jdbc.sql(MARK_REVOKE_PENDING)
                .param("nextAttempt", timestamp(nextAttempt))
                .param("error", bounded(error, 1000))
                .param("now", timestamp(clock.instant()))
                .param("id", id)
                .param("version", version)
                .update() == 1;
        changed(id);
        return marked;
    }

    /** Ids of REVOKE_PENDING connections whose next revoke attempt is due. */
    public List<String> findRevokePendingDue(int limit) {
        return jdbc.sql(FIND_REVOKE_PENDING_DUE).param("now", timestamp(clock.instant())).param("limit", limit)
                .query(String.class).list();
    }

    /** The DCs that have a CLIENT_MISCONFIGURED connection, in order. */
    public List<String> clientMisconfiguredDataCenters() {
        return jdbc.sql(CLIENT_MISCONFIGURED_DCS).query(String.class).list();
    }

    /** Keeps a replaced refresh token, sealed and bound to its own row, until Zoho confirms its revocation. */
    public PendingRevocation addPendingRevocation(String connectionId, String dc, Secret refreshToken,
            Instant nextAttempt, String error) {
        String id = java.util.UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.sql(INSERT_PENDING_REVOCATION)
                .param("id", id)
                .param("connectionId", connectionId)
                .param("dc", dc)
                .param("refreshToken", cipher.seal(refreshToken.value(), pendingRevocationContext(id)))
                .param("keyId", cipher.currentKeyId())
                .param("nextAttempt", timestamp(nextAttempt))
                .param("error", bounded(error, 1000))
                .param("now", timestamp(now))
                .update();
        return new PendingRevocation(id, connectionId, dc, refreshToken, 0, nextAttempt, error);
    }

    /** Pending revocations due a retry now that nobody is working on. */
    public List<PendingRevocation> duePendingRevocations(int limit) {
        return jdbc.sql(DUE_PENDING_REVOCATIONS).param("now", timestamp(clock.instant())).param("limit", limit)
                .query((rs, n) -> new PendingRevocation(rs.getString("id"), rs.getString("connection_id"),
                        rs.getString("dc"), new Secret(cipher.open(rs.getString("refresh_token_enc"),
                                pendingRevocationContext(rs.getString("id")))),
                        rs.getInt("attempts"), instant(rs, "next_attempt_at"), rs.getString("last_error")))
                .list();
    }

    /** Takes a pending revocation for one retry, so that two nodes never retry it at once. */
    public boolean leasePendingRevocation(String id, String owner, Duration duration) {
        return jdbc.sql(LEASE_PENDING_REVOCATION).param("owner", owner).param("seconds", Math.max(1, duration.toSeconds()))
                .param("id", id).update() == 1;
    }

    public void pendingRevocationFailed(String id, String owner, Instant nextAttempt, String error) {
        jdbc.sql(PENDING_REVOCATION_FAILED).param("nextAttempt", timestamp(nextAttempt)).param("error", bounded(error, 1000))
                .param("id", id).param("owner", owner).update();
    }

    /** Zoho confirmed: the replaced token is dead, forget it. */
    public void pendingRevocationDone(String id, String owner) {
        jdbc.sql(DELETE_PENDING_REVOCATION).param("id", id).param("owner", owner).update();
    }

    /**
     * Takes the refresh lease of one connection for {@code duration}, unless anyone holds it. Not
     * re-entrant: {@code owner} is a fresh token per acquisition, so two nodes misconfigured with one
     * node id still exclude each other.
     */
    public boolean tryLease(String id, String owner, Duration duration) {
        return jdbc.sql(TRY_LEASE).param("owner", owner).param("seconds", Math.max(1, duration.toSeconds()))
                .param("id", id).update() == 1;
    }

    public void releaseLease(String id, String owner) {
        jdbc.sql(RELEASE_LEASE).param("id", id).param("owner", owner).update();
    }

    public boolean isLeased(String id) {
        return jdbc.sql(LEASE_HELD).param("id", id).query(Integer.class).single() > 0;
    }

    /** Stores a refreshed access token; false when the lease was lost (the row is left to its new owner). */
    public boolean recordRefresh(String id, String owner, Secret refreshToken, Secret accessToken, Instant expiresAt,
            String apiDomain) {
        Instant now = clock.instant();
        boolean stored = jdbc.sql(RECORD_REFRESH)
                .param("accessToken", cipher.seal(accessToken.value(), accessContext(id)))
                .param("refreshToken", cipher.seal(refreshToken.value(), refreshContext(id)))
                .param("keyId", cipher.currentKeyId())
                .param("expiresAt", timestamp(expiresAt))
                .param("apiDomain", apiDomain)
                .param("now", timestamp(now))
                .param("id", id)
                .param("owner", owner)
                .update() == 1;
        changed(id);
        return stored;
    }

    public boolean recordFailure(String id, String owner, ConnectionStatus status, Instant nextAttempt, String error) {
        boolean stored = jdbc.sql(RECORD_FAILURE)
                .param("status", status.name())
                .param("nextAttempt", timestamp(nextAttempt))
                .param("error", bounded(error, 1000))
                .param("now", timestamp(clock.instant()))
                .param("id", id)
                .param("owner", owner)
                .update() == 1;
        changed(id);
        return stored;
    }

    /** Ids (after {@code after}, in id order, so a pass can page through all) of connections due a refresh now. */
    public List<String> findDue(Instant threshold, Instant staleBefore, String after, int limit) {
        return jdbc.sql(FIND_DUE)
                .param("after", after)
                .param("threshold", timestamp(threshold))
                .param("staleBefore", timestamp(staleBefore))
                .param("now", timestamp(clock.instant()))
                .param("limit", limit)
                .query(String.class).list();
    }

    public int markExpiredAsFailing() {
        return jdbc.sql(MARK_EXPIRED_FAILING).param("now", timestamp(clock.instant())).update();
    }

    private void changed(String id) {
        changes.publishEvent(new ConnectionChanged(id));
    }

    public Map<ConnectionStatus, Long> countByStatus() {
        Map<ConnectionStatus, Long> counts = new java.util.EnumMap<>(ConnectionStatus.class);
        for (ConnectionStatus status : ConnectionStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql(COUNT_BY_STATUS).query(rs -> {
            counts.put(ConnectionStatus.valueOf(rs.getString("status")), rs.getLong("n"));
        });
        return counts;
    }

    /** The earliest access-token expiry among connections that should be kept fresh, if any. */
    public Optional<Instant> oldestExpiry() {
        return jdbc.sql(OLDEST_EXPIRY).query((rs, n) -> Optional.ofNullable(instant(rs, 1))).single();
    }

    public long countActiveWithExpiredToken() {
        return jdbc.sql(COUNT_ACTIVE_EXPIRED).param("now", timestamp(clock.instant())).query(Long.class).single();
    }

    Connection map(ResultSet rs) throws SQLException {
        return map(rs, true);
    }

    private Connection map(ResultSet rs, boolean withTokens) throws SQLException {
        String id = rs.getString("id");
        return new Connection(
                id,
                rs.getString("dc"),
                Environment.fromCode(rs.getString("environment")).orElseThrow(),
                rs.getString("accounts_server"),
                rs.getString("api_domain"),
                Arrays.stream(rs.getString("scopes").split(",")).filter(s -> !s.isBlank()).toList(),
                withTokens ? new Secret(cipher.open(rs.getString("refresh_token_enc"), refreshContext(id))) : null,
                withTokens ? Secret.ofNullable(cipher.open(rs.getString("access_token_enc"), accessContext(id))) : null,
                instant(rs, "access_token_expires_at"),
                ConnectionStatus.valueOf(rs.getString("status")),
                rs.getInt("failure_count"),
                instant(rs, "next_attempt_at"),
                rs.getString("last_error"),
                instant(rs, "last_refreshed_at"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getLong("version"),
                rs.getString("org_id") == null ? null
                        : new ZohoOrg(rs.getString("org_id"), rs.getString("org_name"), rs.getString("org_edition")));
    }

    private static String bounded(String text, int max) {
        return ColumnText.fit(text, max);
    }

    static String refreshContext(String connectionId) {
        return "zoho_connection/" + connectionId + "/refresh_token";
    }

    static String pendingRevocationContext(String id) {
        return "zoho_pending_revocation/" + id + "/refresh_token";
    }

    static String accessContext(String connectionId) {
        return "zoho_connection/" + connectionId + "/access_token";
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
