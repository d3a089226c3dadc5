package io.zohoconnect.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.zohoconnect.datacenter.Environment;
import io.zohoconnect.support.TestDatabases;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Re-encrypting every row under a new key while the old one is still readable. */
class KeyRotationTest {

    private final DataSource dataSource = TestDatabases.h2();
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final EncryptionKey oldKey = TokenCipherTest.randomKey();
    private final EncryptionKey newKey = TokenCipherTest.randomKey();

    @Test
    void everyRowEndsUpUnderTheNewKeyWithItsTokensIntact() {
        ConnectionStore before = new ConnectionStore(jdbc, new TokenCipher(oldKey, List.of()), Clock.systemUTC());
        for (int i = 0; i < 25; i++) {
            before.saveGrant(new NewGrant("rot-" + i, "eu", Environment.PRODUCTION, "https://accounts.zoho.eu",
                    "https://www.zohoapis.eu", List.of("ZohoCRM.modules.ALL"), new Secret("1000.refresh-" + i),
                    new Secret("1000.access-" + i), Instant.now().plus(Duration.ofHours(1)), null));
        }
        TokenCipher rotated = new TokenCipher(newKey, List.of(oldKey));
        KeyRotation rotation = new KeyRotation(jdbc, rotated, Clock.systemUTC(), event -> { }, List.of());
        assertThat(rotation.usage().get("connections_by_key_id")).isEqualTo(Map.of(oldKey.id(), 25L));

        assertThat(rotation.reencrypt()).isEqualTo(25);

        assertThat(rotation.usage().get("connections_by_key_id")).isEqualTo(Map.of(newKey.id(), 25L));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM zoho_connection WHERE refresh_token_enc LIKE ? OR access_token_enc LIKE ?")
                .param(oldKey.id() + ":%").param(oldKey.id() + ":%").query(Integer.class).single()).isZero();
        // the old key can go: the new one alone reads everything
        ConnectionStore after = new ConnectionStore(jdbc, new TokenCipher(newKey, List.of()), Clock.systemUTC());
        assertThat(after.find("rot-7").orElseThrow().refreshToken().value()).isEqualTo("1000.refresh-7");
        assertThat(after.find("rot-7").orElseThrow().accessToken().value()).isEqualTo("1000.access-7");
        assertThat(rotation.reencrypt()).isZero();
    }

    @Test
    void aReplacedTokenAwaitingItsRevocationIsReSealedToo() {
        ConnectionStore before = new ConnectionStore(jdbc, new TokenCipher(oldKey, List.of()), Clock.systemUTC());
        before.addPendingRevocation("rot-pending", "eu", new Secret("1000.replaced"), Instant.now(), "throttled");

        TokenCipher rotated = new TokenCipher(newKey, List.of(oldKey));
        assertThat(new KeyRotation(jdbc, rotated, Clock.systemUTC(), event -> { }, List.of()).reencrypt()).isEqualTo(1);

        // the old key can go: the retry still reads the token it has to revoke
        ConnectionStore after = new ConnectionStore(jdbc, new TokenCipher(newKey, List.of()), Clock.systemUTC());
        assertThat(after.duePendingRevocations(10)).singleElement()
                .satisfies(p -> assertThat(p.refreshToken().value()).isEqualTo("1000.replaced"));
        assertThat(jdbc.sql("SELECT key_id FROM zoho_pending_revocation").query(String.class).single()).isEqualTo(newKey.id());
    }
}
