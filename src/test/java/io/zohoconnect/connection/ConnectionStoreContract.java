package io.zohoconnect.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.zohoconnect.datacenter.Environment;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** What every database behind {@link ConnectionStore} must do; run on H2 and on PostgreSQL. */
abstract class ConnectionStoreContract {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private JdbcClient jdbc;
    private ConnectionStore store;

    protected abstract DataSource dataSource();

    @BeforeEach
    void setUp() {
        jdbc = JdbcClient.create(dataSource());
        store = new ConnectionStore(jdbc, new TokenCipher(TokenCipherTest.randomKey(), List.of()),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void storesAndReadsBackANewConnection() {
        Connection saved = store.saveGrant(grant("acme", "eu", "1000.refresh-a", "1000.access-a"));
        assertThat(saved.id()).isEqualTo("acme");
        assertThat(saved.dc()).isEqualTo("eu");
        assertThat(saved.environment()).isEqualTo(Environment.SANDBOX);
        assertThat(saved.scopes()).containsExactly("ZohoCRM.modules.ALL", "ZohoCRM.settings.ALL");
        assertThat(saved.refreshToken().value()).isEqualTo("1000.refresh-a");
        assertThat(saved.accessToken().value()).isEqualTo("1000.access-a");
        assertThat(saved.accessTokenExpiresAt()).isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(saved.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(saved.createdAt()).isEqualTo(now);
        assertThat(store.find("acme")).contains(saved);
        assertThat(store.findAll()).containsExactly(saved);
    }

    @Test
    void tokensAreNeverStoredInPlaintext() {
        store.saveGrant(grant("acme", "eu", "1000.refresh-plain", "1000.access-plain"));
        Map<String, Object> row = jdbc.sql("SELECT * FROM zoho_connection WHERE id = 'acme'").query().singleRow();
        assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value))
                .doesNotContain("refresh-plain").doesNotContain("access-plain"));
    }

    @Test
    void aReconsentKeepsTheIdAndCreationTimeAndReplacesTheTokens() {
        Connection first = store.saveGrant(grant("acme", "eu", "1000.refresh-a", "1000.access-a"));
        jdbc.sql("UPDATE zoho_connection SET status = 'NEEDS_REAUTH', failure_count = 3, last_error = 'x' WHERE id = 'acme'")
                .update();
        Connection second = store.saveGrant(grant("acme", "us", "1000.refresh-b", "1000.access-b"));
        assertThat(second.createdAt()).isEqualTo(first.createdAt());
        assertThat(second.dc()).isEqualTo("us");
        assertThat(second.refreshToken().value()).isEqualTo("1000.refresh-b");
        assertThat(second.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(second.failureCount()).isZero();
        assertThat(second.lastError()).isNull();
        assertThat(second.version()).isGreaterThan(first.version());
        assertThat(store.findAll()).hasSize(1);
    }

    @Test
    void deleteIsIdempotent() {
        store.saveGrant(grant("acme", "eu", "1000.r", "1000.a"));
        assertThat(store.delete("acme")).isTrue();
        assertThat(store.delete("acme")).isFalse();
        assertThat(store.find("acme")).isEmpty();
    }

    @Test
    void aSealedTokenCopiedToAnotherRowDoesNotOpen() {
        store.saveGrant(grant("a", "eu", "1000.r-a", "1000.a-a"));
        store.saveGrant(grant("b", "eu", "1000.r-b", "1000.a-b"));
        jdbc.sql("UPDATE zoho_connection SET refresh_token_enc = (SELECT refresh_token_enc FROM zoho_connection"
                + " WHERE id = 'a') WHERE id = 'b'").update();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> store.find("b")))
                .isInstanceOf(TokenCipher.SecretUnreadableException.class);
    }

    @Test
    void aLeaseIsNotReEntrantForItsOwner() {
        store.saveGrant(grant("acme", "eu", "1000.r", "1000.a"));
        assertThat(store.tryLease("acme", "node-1#a", Duration.ofMinutes(1))).isTrue();
        // the same owner name (two nodes configured with one zoho.node-id) does not take it again
        assertThat(store.tryLease("acme", "node-1#a", Duration.ofMinutes(1))).isFalse();
        store.releaseLease("acme", "node-1#a");
        assertThat(store.tryLease("acme", "node-1#b", Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void storingAGrantReturnsTheGrantItReplacedToBeRevoked() {
        assertThat(store.storeGrant(grant("acme", "eu", "1000.r-first", "1000.a-first")).replaced()).isNull();
        ConnectionStore.SavedGrant second = store.storeGrant(grant("acme", "us", "1000.r-second", "1000.a-second"));
        assertThat(second.replaced().refreshToken().value()).isEqualTo("1000.r-first");
        assertThat(second.replaced().dc()).isEqualTo("eu");
        assertThat(second.stored().refreshToken().value()).isEqualTo("1000.r-second");
    }

    @Test
    void aConfirmedRevokeDeletesOnlyTheVersionItRevoked() {
        Connection read = store.saveGrant(grant("acme", "eu", "1000.r-old", "1000.a-old"));
        store.saveGrant(grant("acme", "eu", "1000.r-new", "1000.a-new")); // a re-consent meanwhile
        assertThat(store.deleteIfUnchanged("acme", read.version())).isFalse();
        assertThat(store.find("acme").orElseThrow().refreshToken().value()).isEqualTo("1000.r-new");
        assertThat(store.deleteIfUnchanged("acme", store.find("acme").orElseThrow().version())).isTrue();
    }

    @Test
    void aRevokePendingRowKeepsItsTokenAndIsNeverRefreshed() {
        Connection read = store.saveGrant(grant("acme", "eu", "1000.r", "1000.a"));
        assertThat(store.markRevokePending("acme", read.version(), now.minusSeconds(1), "throttled")).isTrue();
        Connection pending = store.find("acme").orElseThrow();
        assertThat(pending.status()).isEqualTo(ConnectionStatus.REVOKE_PENDING);
        assertThat(pending.refreshToken().value()).isEqualTo("1000.r");
        assertThat(store.findRevokePendingDue(10)).containsExactly("acme");
        assertThat(store.findDue(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)), "", 10)).isEmpty();
        // a refresh that was in flight cannot bring it back to ACTIVE
        assertThat(store.tryLease("acme", "n#1", Duration.ofMinutes(1))).isTrue();
        assertThat(store.recordRefresh("acme", "n#1", new Secret("1000.r"), new Secret("1000.a2"), now.plusSeconds(3600),
                "https://sandbox.zohoapis.eu")).isFalse();
        assertThat(store.find("acme").orElseThrow().status()).isEqualTo(ConnectionStatus.REVOKE_PENDING);
    }

    @Test
    void aGrantReplacesARowOnlyIfTheOrgCheckAgreesWithTheOrgTheLockedRowHolds() {
        ZohoOrg acme = new ZohoOrg("1000000000000000001", "Acme", "enterprise");
        store.storeGrant(withOrg(grant("acme", "eu", "1000.r-first", "1000.a-first"), acme));
        java.util.List<ZohoOrg> seen = new java.util.ArrayList<>();

        ConnectionStore.SavedGrant refused = store.storeGrant(grant("acme", "eu", "1000.r-other", "1000.a-other"),
                stored -> {
                    seen.add(stored);
                    return java.util.Optional.of("another org");
                });

        assertThat(seen).containsExactly(acme);
        assertThat(refused.refused()).isTrue();
        assertThat(refused.refusal()).isEqualTo("another org");
        assertThat(refused.replaced()).isNull();
        Connection kept = store.find("acme").orElseThrow();
        assertThat(kept.refreshToken().value()).isEqualTo("1000.r-first");
        assertThat(kept.org()).isEqualTo(acme);
        assertThat(kept.version()).isZero();

        ConnectionStore.SavedGrant allowed = store.storeGrant(grant("acme", "eu", "1000.r-same", "1000.a-same"),
                stored -> java.util.Optional.empty());
        assertThat(allowed.refused()).isFalse();
        assertThat(allowed.replaced().refreshToken().value()).isEqualTo("1000.r-first");
        assertThat(store.find("acme").orElseThrow().refreshToken().value()).isEqualTo("1000.r-same");
    }

    @Test
    void aNewIdIsStoredWithoutAskingTheOrgCheck() {
        ConnectionStore.SavedGrant saved = store.storeGrant(grant("fresh", "eu", "1000.r", "1000.a"), stored -> {
            throw new AssertionError("no row to check against");
        });
        assertThat(saved.refused()).isFalse();
        assertThat(store.find("fresh")).isPresent();
    }

    private static NewGrant withOrg(NewGrant grant, ZohoOrg org) {
        return new NewGrant(grant.connectionId(), grant.dc(), grant.environment(), grant.accountsServer(),
                grant.apiDomain(), grant.scopes(), grant.refreshToken(), grant.accessToken(), grant.accessTokenExpiresAt(),
                org);
    }

    private NewGrant grant(String id, String dc, String refresh, String access) {
        return new NewGrant(id, dc, Environment.SANDBOX, "https://accounts.zoho." + dc, "https://sandbox.zohoapis." + dc,
                List.of("ZohoCRM.modules.ALL", "ZohoCRM.settings.ALL"), new Secret(refresh), new Secret(access),
                now.plus(Duration.ofHours(1)), null);
    }
}
