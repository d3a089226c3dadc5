package io.zohoconnect.connection;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Encryption-key rotation with the service running: after every node has the new key as
 * {@code zoho.crypto.key} and the old one in {@code zoho.crypto.previous-keys}, {@link #reencrypt()}
 * re-seals every stored secret under the new key id. Each row is rewritten only if it did not change
 * meanwhile (version check), so a concurrent refresh is never overwritten; such a row was re-sealed
 * by the refresh itself. Then the old key can be removed. The secrets of other tables are re-sealed as
 * their stores register them ({@link SealedColumns}), so this class writes no other package's SQL.
 */
@Component
public class KeyRotation {

    static final String CONNECTIONS_TO_RESEAL = "SELECT id, refresh_token_enc, access_token_enc, version FROM zoho_connection"
            + " WHERE refresh_token_enc NOT LIKE :prefix OR access_token_enc NOT LIKE :prefix OR key_id <> :keyId";
    static final String RESEAL_CONNECTION = "UPDATE zoho_connection SET refresh_token_enc = :refreshToken,"
            + " access_token_enc = :accessToken, key_id = :keyId, version = version + 1, updated_at = :now"
            + " WHERE id = :id AND version = :version";
    static final String PENDING_REVOCATIONS_TO_RESEAL = "SELECT id, refresh_token_enc FROM zoho_pending_revocation"
            + " WHERE refresh_token_enc NOT LIKE :prefix OR key_id <> :keyId";
    static final String RESEAL_PENDING_REVOCATION = "UPDATE zoho_pending_revocation SET refresh_token_enc = :sealed,"
            + " key_id = :keyId WHERE id = :id AND refresh_token_enc = :old";
    static final String USAGE = "SELECT key_id, COUNT(*) AS n FROM zoho_connection GROUP BY key_id";

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
    private static final int MAX_PASSES = 5;

    private final JdbcClient jdbc;
    private final TokenCipher cipher;
    private final Clock clock;
    private final ApplicationEventPublisher changes;
    private final List<SealedColumn> columns;

    public KeyRotation(JdbcClient jdbc, TokenCipher cipher, Clock clock, ApplicationEventPublisher changes,
            List<SealedColumns> stores) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
        this.changes = changes;
        List<SealedColumn> all = new ArrayList<>();
        all.add(new SealedColumn(PENDING_REVOCATIONS_TO_RESEAL, RESEAL_PENDING_REVOCATION, "id", "refresh_token_enc",
                ConnectionStore::pendingRevocationContext));
        stores.forEach(store -> all.addAll(store.sealedColumns()));
        this.columns = List.copyOf(all);
    }

    /** Connections per key id, and the current key id. */
    public Map<String, Object> usage() {
        Map<String, Long> byKey = new LinkedHashMap<>();
        jdbc.sql(USAGE).query(rs -> {
            byKey.put(rs.getString("key_id"), rs.getLong("n"));
        });
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("current_key_id", cipher.currentKeyId());
        usage.put("connections_by_key_id", byKey);
        return usage;
    }

    /** Re-seals every secret not yet under the current key; returns how many rows were rewritten. */
    public int reencrypt() {
        String keyId = cipher.currentKeyId();
        String prefix = keyId + ":%";
        int rewritten = 0;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            List<Map<String, Object>> rows = jdbc.sql(CONNECTIONS_TO_RESEAL).param("prefix", prefix).param("keyId", keyId)
                    .query().listOfRows();
            if (rows.isEmpty()) {
                break;
            }
            for (Map<String, Object> row : rows) {
                String id = (String) row.get("id");
                String refresh = cipher.open((String) row.get("refresh_token_enc"), ConnectionStore.refreshContext(id));
                String access = cipher.open((String) row.get("access_token_enc"), ConnectionStore.accessContext(id));
                int updated = jdbc.sql(RESEAL_CONNECTION)
                        .param("refreshToken", cipher.seal(refresh, ConnectionStore.refreshContext(id)))
                        .param("accessToken", access == null ? null : cipher.seal(access, ConnectionStore.accessContext(id)))
                        .param("keyId", keyId)
                        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                        .param("id", id)
                        .param("version", ((Number) row.get("version")).longValue())
                        .update();
                if (updated == 1) {
                    rewritten++;
                    changes.publishEvent(new ConnectionChanged(id));
                }
                // 0: the row changed meanwhile (a refresh re-sealed it, or it is re-read next pass)
            }
        }
        for (SealedColumn column : columns) {
            rewritten += resealEach(column, keyId, prefix);
        }
        log.info("Key rotation: {} rows re-encrypted under key id {}", rewritten, keyId);
        return rewritten;
    }

    /** Re-seals one secret column of a table without a version column (see {@link SealedColumn}). */
    private int resealEach(SealedColumn column, String keyId, String prefix) {
        int rewritten = 0;
        for (Map<String, Object> row : jdbc.sql(column.select()).param("prefix", prefix).param("keyId", keyId)
                .query().listOfRows()) {
            String id = (String) row.get(column.idColumn());
            String old = (String) row.get(column.sealedColumn());
            if (old == null) {
                continue;
            }
            String bound = column.context().apply(id);
            rewritten += jdbc.sql(column.update()).param("sealed", cipher.seal(cipher.open(old, bound), bound))
                    .param("keyId", keyId).param("id", id).param("old", old).update();
        }
        return rewritten;
    }
}
