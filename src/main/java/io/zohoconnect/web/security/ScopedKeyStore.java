package io.zohoconnect.web.security;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.zohoconnect.credentials.Randoms;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Scoped API keys in the database. A key's secret is {@code zc_} + 32 random bytes (URL-safe base64), handed
 * out once by {@link #create} and stored only as its SHA-256. {@link #authenticate} looks the hash up in the
 * database on every request — no cache — so a key deleted on one node is refused by every node at once; the
 * lookup is one indexed read. {@code last_used_at} is written only when the stored value is a minute old or
 * more, so a busy key costs one write a minute, not one per request, on whatever node serves it.
 */
@Component
public class ScopedKeyStore {

    public static final String PREFIX = "zc_";
    /** Longest bearer value looked up: a key is 46 characters; anything much longer is not one. */
    static final int MAX_SECRET_LENGTH = 100;
    public static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private static final String INSERT = "INSERT INTO zoho_api_key (id, name, key_hash, connections, permissions,"
            + " created_at) VALUES (:id, :name, :hash, :connections, :permissions, :now)";
    private static final String COLUMNS = "id, name, key_hash, connections, permissions, created_at, last_used_at";
    private static final String BY_HASH = "SELECT " + COLUMNS + " FROM zoho_api_key WHERE key_hash = :hash";
    private static final String ALL = "SELECT " + COLUMNS + " FROM zoho_api_key ORDER BY created_at, id";
    private static final String TOUCH = "UPDATE zoho_api_key SET last_used_at = :now WHERE id = :id"
            + " AND (last_used_at IS NULL OR last_used_at < :stale)";
    private static final String DELETE = "DELETE FROM zoho_api_key WHERE id = :id";

    private final JdbcClient jdbc;
    private final Clock clock;

    ScopedKeyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new key; its secret is in the result only. */
    public IssuedKey create(String name, List<String> connections, Set<KeyPermission> permissions) {
        String secret = PREFIX + Randoms.urlSafe(32);
        String id = "key_" + Randoms.urlSafe(12);
        Instant now = clock.instant();
        jdbc.sql(INSERT).param("id", id).param("name", name).param("hash", Randoms.sha256Hex(secret))
                .param("connections", String.join(",", connections))
                .param("permissions", permissions.stream().sorted().map(KeyPermission::wireName).collect(Collectors.joining(",")))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        return new IssuedKey(new ScopedKey(id, name, connections, permissions, now, null), secret);
    }

    /** The key whose secret this is, or empty (unknown, deleted, or not shaped like a key at all). */
    public Optional<ScopedKey> authenticate(String secret) {
        if (!looksLikeKey(secret)) {
            return Optional.empty();
        }
        String hash = Randoms.sha256Hex(secret);
        Optional<Row> row = jdbc.sql(BY_HASH).param("hash", hash).query(ScopedKeyStore::row).optional();
        // the index found the row by hash; compare again in constant time, as every credential of the service is
        if (row.isEmpty() || !MessageDigest.isEqual(row.get().hash().getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        ScopedKey key = row.get().key();
        Instant now = clock.instant();
        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            jdbc.sql(TOUCH).param("now", now.atOffset(ZoneOffset.UTC)).param("id", key.id())
                    .param("stale", now.minus(LAST_USED_RESOLUTION).atOffset(ZoneOffset.UTC)).update();
        }
        return Optional.of(key);
    }

    static boolean looksLikeKey(String secret) {
        return secret != null && secret.startsWith(PREFIX) && secret.length() <= MAX_SECRET_LENGTH;
    }

    public List<ScopedKey> list() {
        return jdbc.sql(ALL).query(ScopedKeyStore::row).list().stream().map(Row::key).toList();
    }

    /** Whether a key of that id was there to delete. */
    public boolean delete(String id) {
        return jdbc.sql(DELETE).param("id", id).update() > 0;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        OffsetDateTime lastUsed = rs.getObject("last_used_at", OffsetDateTime.class);
        Set<KeyPermission> permissions = EnumSet.noneOf(KeyPermission.class);
        for (String name : rs.getString("permissions").split(",")) {
            KeyPermission.named(name).ifPresent(permissions::add); // a permission a later version dropped grants nothing
        }
        return new Row(rs.getString("key_hash"), new ScopedKey(rs.getString("id"), rs.getString("name"),
                Arrays.asList(rs.getString("connections").split(",")), permissions,
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), lastUsed == null ? null : lastUsed.toInstant()));
    }

    private record Row(String hash, ScopedKey key) {
    }

    /** A key just made, with the secret shown this once. */
    public record IssuedKey(ScopedKey key, String secret) {
        @Override
        public String toString() {
            return "IssuedKey[" + key.id() + "]";
        }
    }
}
