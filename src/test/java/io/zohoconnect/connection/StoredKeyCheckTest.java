package io.zohoconnect.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import io.zohoconnect.datacenter.Environment;
import io.zohoconnect.support.TestDatabases;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes on one PostgreSQL database: a node whose keys cannot open what the other stored refuses
 * to start and names the key ids it lacks (issue 9, item 5).
 */
class StoredKeyCheckTest {

    private final EncryptionKey keyA = TokenCipherTest.randomKey();
    private final EncryptionKey keyB = TokenCipherTest.randomKey();

    @Test
    void aNodeWithAnotherKeyRefusesToStartNamingTheMissingKeyId() {
        JdbcClient jdbc = JdbcClient.create(TestDatabases.postgres());
        connectionSealedBy(jdbc, keyA);

        StoredKeyCheck nodeB = new StoredKeyCheck(jdbc, new TokenCipher(keyB, List.of()));

        assertThatThrownBy(nodeB::afterSingletonsInstantiated).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(keyA.id()).hasMessageContaining("ZOHO_CONNECT_ENCRYPTION_KEY")
                .hasMessageContaining("zoho.crypto.previous-keys").hasMessageNotContaining(keyB.id() + "]");
    }

    @Test
    void aNodeWithTheOldKeyAsPreviousKeyStarts() {
        JdbcClient jdbc = JdbcClient.create(TestDatabases.postgres());
        connectionSealedBy(jdbc, keyA);

        assertThatCode(new StoredKeyCheck(jdbc, new TokenCipher(keyB, List.of(keyA)))::afterSingletonsInstantiated)
                .doesNotThrowAnyException();
        assertThatCode(new StoredKeyCheck(jdbc, new TokenCipher(keyA, List.of()))::afterSingletonsInstantiated)
                .doesNotThrowAnyException();
    }

    @Test
    void pendingAuthorizationsAndPendingRevocationsCountToo() {
        DataSource h2 = TestDatabases.h2();
        JdbcClient jdbc = JdbcClient.create(h2);
        TokenCipher cipherA = new TokenCipher(keyA, List.of());
        EncryptionKey keyC = TokenCipherTest.randomKey();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO zoho_oauth_state (state_hash, connection_id, dc, environment, scopes, code_verifier_enc,"
                + " created_at, expires_at) VALUES ('h1', 'c1', 'eu', 'production', 'ZohoCRM.modules.ALL', :v, :now, :now)")
                .param("v", cipherA.seal("verifier", "zoho_oauth_state/h1")).param("now", now).update();
        jdbc.sql("INSERT INTO zoho_pending_revocation (id, connection_id, dc, refresh_token_enc, key_id, next_attempt_at,"
                + " created_at) VALUES ('r1', 'c1', 'eu', :t, :k, :now, :now)")
                .param("t", new TokenCipher(keyC, List.of()).seal("1000.old", "r1")).param("k", keyC.id())
                .param("now", now).update();

        assertThatThrownBy(new StoredKeyCheck(jdbc, new TokenCipher(keyB, List.of()))::verify)
                .hasMessageContaining(keyA.id()).hasMessageContaining(keyC.id());
        assertThatCode(new StoredKeyCheck(jdbc, new TokenCipher(keyB, List.of(keyA, keyC)))::verify)
                .doesNotThrowAnyException();
    }

    @Test
    void anEmptyDatabaseStartsWithAnyKey() {
        JdbcClient jdbc = JdbcClient.create(TestDatabases.h2());
        assertThatCode(new StoredKeyCheck(jdbc, new TokenCipher(keyB, List.of()))::verify).doesNotThrowAnyException();
    }

    private static void connectionSealedBy(JdbcClient jdbc, EncryptionKey key) {
        ConnectionStore nodeA = new ConnectionStore(jdbc, new TokenCipher(key, List.of()), Clock.systemUTC());
        nodeA.saveGrant(new NewGrant("acme", "eu", Environment.PRODUCTION, "https://accounts.zoho.eu",
                "https://www.zohoapis.eu", List.of("ZohoCRM.modules.ALL"), new Secret("1000.refresh"),
                new Secret("1000.access"), Instant.now().plus(Duration.ofHours(1)), null));
        assertThat(jdbc.sql("SELECT key_id FROM zoho_connection").query(String.class).single()).isEqualTo(key.id());
    }
}
