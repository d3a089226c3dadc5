package io.zohoconnect.connection;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a node whose keys cannot open the secrets already in the database. Without it a
 * node with another key (say, one that generated its own) joins a shared database and fails
 * callbacks and refreshes with 500s at run time; with it the operator learns at once which key ids
 * are missing. Runs once all beans exist, after Flyway (the JdbcClient waits for the migration).
 */
@Component
public final class StoredKeyCheck implements SmartInitializingSingleton {

    /** Every sealed value is {@code keyId:…} (TokenCipher); key_id columns repeat the id of their row. */
    static final List<String> KEY_IDS_IN_USE = List.of(
            "SELECT DISTINCT key_id FROM zoho_connection",
            keyIdsIn("zoho_connection", "refresh_token_enc"),
            keyIdsIn("zoho_connection", "access_token_enc"),
            "SELECT DISTINCT key_id FROM zoho_pending_revocation",
            keyIdsIn("zoho_pending_revocation", "refresh_token_enc"),
            keyIdsIn("zoho_oauth_state", "code_verifier_enc"));

    private final JdbcClient jdbc;
    private final TokenCipher cipher;

    public StoredKeyCheck(JdbcClient jdbc, TokenCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @Override
    public void afterSingletonsInstantiated() {
        verify();
    }

    /** Throws when a stored secret was sealed with a key id this node does not have. */
    public void verify() {
        Set<String> missing = new TreeSet<>();
        for (String sql : KEY_IDS_IN_USE) {
            jdbc.sql(sql).query(String.class).list().stream()
                    .filter(id -> id != null && !id.isEmpty() && !cipher.hasKey(id))
                    .forEach(missing::add);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The database holds secrets sealed with key id(s) " + missing
                    + " that this node does not have (its key id: " + cipher.currentKeyId() + ")."
                    + " Every node on one database must use the same ZOHO_CONNECT_ENCRYPTION_KEY (zoho.crypto.key);"
                    + " a key rotated away must stay in zoho.crypto.previous-keys until key rotation is done.");
        }
    }

    /** The distinct parts before the first colon of a sealed column; same SQL on H2 and PostgreSQL. */
    private static String keyIdsIn(String table, String column) {
        return "SELECT DISTINCT SUBSTRING(" + column + " FROM 1 FOR POSITION(':' IN " + column + ") - 1) FROM " + table
                + " WHERE " + column + " LIKE '%_:%'";
    }
}
