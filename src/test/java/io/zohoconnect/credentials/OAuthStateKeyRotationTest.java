package io.zohoconnect.credentials;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import io.zohoconnect.connection.EncryptionKey;
import io.zohoconnect.connection.KeyRotation;
import io.zohoconnect.connection.TokenCipher;
import io.zohoconnect.support.TestDatabases;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Key rotation re-seals what the authorization flow keeps sealed: a pending consent's PKCE verifier. */
class OAuthStateKeyRotationTest {

    private final DataSource dataSource = TestDatabases.h2();
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final EncryptionKey oldKey = randomKey();
    private final EncryptionKey newKey = randomKey();

    @Test
    void aPendingConsentsCodeVerifierIsReSealedAndAStateWithoutOneIsLeftAlone() {
        TokenCipher old = new TokenCipher(oldKey, List.of());
        String hash = "a".repeat(64);
        insertState(hash, old.seal("verifier-of-a-pending-consent", "zoho_oauth_state/" + hash));
        insertState("b".repeat(64), null); // PKCE off: nothing sealed

        TokenCipher rotated = new TokenCipher(newKey, List.of(oldKey));
        assertThat(new KeyRotation(jdbc, rotated, Clock.systemUTC(), event -> { },
                List.of(new OAuthStateStore(jdbc, rotated, Clock.systemUTC(), null))).reencrypt()).isEqualTo(1);

        // the old key can go: the callback still opens the verifier, bound to its state as before
        String sealed = jdbc.sql("SELECT code_verifier_enc FROM zoho_oauth_state WHERE state_hash = ?").param(hash)
                .query(String.class).single();
        assertThat(sealed).startsWith(newKey.id() + ":");
        assertThat(new TokenCipher(newKey, List.of()).open(sealed, "zoho_oauth_state/" + hash))
                .isEqualTo("verifier-of-a-pending-consent");
    }

    private void insertState(String hash, String sealedVerifier) {
        jdbc.sql("INSERT INTO zoho_oauth_state (state_hash, connection_id, dc, environment, scopes, code_verifier_enc,"
                + " created_at, expires_at) VALUES (?, 'rot-state', 'eu', 'production', 'ZohoCRM.modules.ALL', ?,"
                + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").param(hash).param(sealedVerifier).update();
    }

    private static EncryptionKey randomKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return EncryptionKey.fromBase64(Base64.getEncoder().encodeToString(raw), "test");
    }
}
