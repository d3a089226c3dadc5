package io.zohoconnect.credentials;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.zohoconnect.connection.SealedColumn;
import io.zohoconnect.connection.SealedColumns;
import io.zohoconnect.connection.TokenCipher;
import io.zohoconnect.datacenter.Environment;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * OAuth {@code state} values: 32 random bytes handed to the browser, only their SHA-256 stored, with
 * a TTL, in the database so whichever node receives the callback can finish it. A state is consumed
 * by deleting its row: of two concurrent callbacks with the same state, one wins. Each state is also
 * bound to the browser that started the flow (the SHA-256 of its binding cookie): a state completed
 * in any other browser — a phished authorize URL, a leaked callback — is refused.
 */
@Repository
public class OAuthStateStore implements SealedColumns {

    static final String INSERT = "INSERT INTO zoho_oauth_state (state_hash, connection_id, dc, environment, scopes,"
            + " code_verifier_enc, return_to, allow_org_change, browser_hash, created_at, expires_at)"
            + " VALUES (:hash, :connectionId, :dc, :environment, :scopes, :verifier, :returnTo, :allowOrgChange,"
            + " :browserHash, :now, :expiresAt)";
    static final String SELECT = "SELECT state_hash, connection_id, dc, environment, scopes, code_verifier_enc, return_to,"
            + " allow_org_change, browser_hash, expires_at FROM zoho_oauth_state WHERE state_hash = :hash";
    static final String DELETE = "DELETE FROM zoho_oauth_state WHERE state_hash = :hash";
    static final String PURGE_EXPIRED = "DELETE FROM zoho_oauth_state WHERE expires_at < :now";
    static final String TO_RESEAL = "SELECT state_hash, code_verifier_enc FROM zoho_oauth_state"
            + " WHERE code_verifier_enc NOT LIKE :prefix";
    static final String RESEAL = "UPDATE zoho_oauth_state SET code_verifier_enc = :sealed"
            + " WHERE state_hash = :id AND code_verifier_enc = :old";

    private final JdbcClient jdbc;
    private final TokenCipher cipher;
    private final Clock clock;
    private final CredentialsSettings properties;

    public OAuthStateStore(JdbcClient jdbc, TokenCipher cipher, Clock clock, CredentialsSettings properties) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Records a pending authorization and returns the state to send to Zoho. {@code browserHash} is
     * the SHA-256 (hex) of the binding cookie of the browser that starts the flow.
     */
    public String issue(AuthorizationRequest request, String codeVerifier, String browserHash) {
        if (browserHash == null || browserHash.isBlank()) {
            throw new IllegalArgumentException("every authorization is bound to a browser");
        }
        Instant now = clock.instant();
        jdbc.sql(PURGE_EXPIRED).param("now", utc(now)).update();
        String state = Randoms.urlSafe(32);
        String hash = Randoms.sha256Hex(state);
        jdbc.sql(INSERT)
                .param("hash", hash)
                .param("connectionId", request.connectionId())
                .param("dc", request.dataCenter().code())
                .param("environment", request.environment().code())
                .param("scopes", String.join(",", request.scopes()))
                .param("verifier", cipher.seal(codeVerifier, context(hash)))
                .param("returnTo", request.returnTo())
                .param("allowOrgChange", request.allowOrgChange())
                .param("browserHash", browserHash)
                .param("now", utc(now))
                .param("expiresAt", utc(now.plus(properties.state().ttl())))
                .update();
        return state;
    }

    /**
     * Uses up a state: valid once, within its TTL, and only in the browser that started it
     * ({@code browserCookie}: the value of its binding cookie, null when it sent none). A state
     * presented by another browser is used up too, so it cannot be tried again.
     */
    public StateCheck consume(String state, String browserCookie) {
        if (state == null || state.isBlank() || state.length() > 256) {
            return StateCheck.UNKNOWN;
        }
        String hash = Randoms.sha256Hex(state);
        Optional<Row> row = jdbc.sql(SELECT).param("hash", hash).query((rs, n) -> new Row(
                rs.getString("state_hash"),
                rs.getString("browser_hash"),
                new PendingAuthorization(
                        rs.getString("connection_id"),
                        rs.getString("dc"),
                        Environment.fromCode(rs.getString("environment")).orElseThrow(),
                        Arrays.stream(rs.getString("scopes").split(",")).filter(s -> !s.isBlank()).toList(),
                        cipher.open(rs.getString("code_verifier_enc"), context(rs.getString("state_hash"))),
                        rs.getString("return_to"),
                        rs.getBoolean("allow_org_change"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))).optional();
        if (row.isEmpty() || !MessageDigest.isEqual(row.get().hash().getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII))) {
            return StateCheck.UNKNOWN;
        }
        if (jdbc.sql(DELETE).param("hash", hash).update() != 1) {
            return StateCheck.UNKNOWN; // a concurrent callback used it first
        }
        PendingAuthorization pending = row.get().pending();
        if (!clock.instant().isBefore(pending.expiresAt())) {
            return StateCheck.EXPIRED;
        }
        if (!sameBrowser(row.get().browserHash(), browserCookie)) {
            return StateCheck.OTHER_BROWSER;
        }
        return new StateCheck(StateCheck.Outcome.VALID, pending);
    }

    /** Constant-time: the digest of the presented cookie against the stored one. No cookie, no match. */
    private static boolean sameBrowser(String storedHash, String browserCookie) {
        if (storedHash == null || browserCookie == null || browserCookie.isEmpty() || browserCookie.length() > 256) {
            return false;
        }
        return MessageDigest.isEqual(storedHash.getBytes(StandardCharsets.US_ASCII),
                Randoms.sha256Hex(browserCookie).getBytes(StandardCharsets.US_ASCII));
    }

    /** A pending consent's PKCE code verifier, re-sealed by key rotation (a state without one is left alone). */
    @Override
    public List<SealedColumn> sealedColumns() {
        return List.of(new SealedColumn(TO_RESEAL, RESEAL, "state_hash", "code_verifier_enc", OAuthStateStore::context));
    }

    private static String context(String hash) {
        return "zoho_oauth_state/" + hash;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record Row(String hash, String browserHash, PendingAuthorization pending) {
    }

    /** The result of consuming a state. */
    public record StateCheck(Outcome outcome, PendingAuthorization pending) {

        static final StateCheck UNKNOWN = new StateCheck(Outcome.UNKNOWN, null);
        static final StateCheck EXPIRED = new StateCheck(Outcome.EXPIRED, null);
        static final StateCheck OTHER_BROWSER = new StateCheck(Outcome.OTHER_BROWSER, null);

        public enum Outcome { VALID, UNKNOWN, EXPIRED, OTHER_BROWSER }
    }
}
