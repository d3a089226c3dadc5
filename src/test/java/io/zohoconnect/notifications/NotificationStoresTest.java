package io.zohoconnect.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.zohoconnect.connection.EncryptionKey;
import io.zohoconnect.connection.KeyRotation;
import io.zohoconnect.connection.Secret;
import io.zohoconnect.connection.TokenCipher;
import io.zohoconnect.support.TestDatabases;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The channel and inbox tables on H2 and PostgreSQL: sealed tokens, de-duplicated ids, what was delivered. */
class NotificationStoresTest {

    static Stream<String> databases() {
        return Stream.of("h2", "postgres");
    }

    private static JdbcClient jdbc(String database) {
        DataSource ds = database.equals("h2") ? TestDatabases.h2() : TestDatabases.postgres();
        return JdbcClient.create(ds);
    }

    private static EncryptionKey key(String id) {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return EncryptionKey.fromBase64(Base64.getEncoder().encodeToString(bytes), "test-key-" + id);
    }

    private static NotificationChannel channel(String syncId, String channelId, String token) {
        return new NotificationChannel(syncId, channelId, "acme", "Leads", new Secret(token),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(6)));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aChannelsTokenIsStoredSealedAndOpensOnlyInItsOwnRow(String database) {
        JdbcClient jdbc = jdbc(database);
        NotificationChannelStore store = new NotificationChannelStore(jdbc, new TokenCipher(key("a"), List.of()),
                Clock.systemUTC());
        store.replace(channel("acme-Leads", "111", "token-of-111"));
        store.replace(channel("acme-Deals", "222", "token-of-222"));

        assertThat(jdbc.sql("SELECT token_enc FROM zoho_notification_channel").query(String.class).list())
                .noneMatch(sealed -> sealed.contains("token-of"));
        assertThat(store.byChannelId("111").orElseThrow().token().value()).isEqualTo("token-of-111");
        assertThat(store.ofSync("acme-Deals").orElseThrow().channelId()).isEqualTo("222");

        // a sealed token copied into another channel's row does not open there
        String sealed111 = jdbc.sql("SELECT token_enc FROM zoho_notification_channel WHERE channel_id = '111'")
                .query(String.class).single();
        jdbc.sql("UPDATE zoho_notification_channel SET token_enc = :t WHERE channel_id = '222'").param("t", sealed111).update();
        assertThat(catchThrowable(() -> store.byChannelId("222"))).isInstanceOf(TokenCipher.SecretUnreadableException.class);

        store.replace(channel("acme-Leads", "333", "token-of-333"));
        assertThat(store.byChannelId("111")).as("a replaced channel is forgotten").isEmpty();
        Instant later = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(7));
        store.renewed(store.ofSync("acme-Leads").orElseThrow(), later);
        assertThat(store.ofSync("acme-Leads").orElseThrow().expiresAt()).isEqualTo(later);
        store.delete("acme-Leads");
        assertThat(store.ofSync("acme-Leads")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRepeatedCallbackAddsNothingAndAnIdNotifiedAgainWhileBeingReadStaysForAnotherRead(String database) {
        NotificationInbox inbox = new NotificationInbox(jdbc(database), Clock.systemUTC());
        assertThat(inbox.add("s", List.of("1", "2"), "update", 10L)).isEqualTo(2);
        assertThat(inbox.add("s", List.of("1", "2"), "update", 11L)).as("Zoho repeated it").isZero();
        assertThat(inbox.add("s", List.of("2"), "delete", 12L)).isEqualTo(1);

        List<NotificationInbox.Notified> pending = inbox.pending("s", 10);
        assertThat(pending).extracting(NotificationInbox.Notified::recordId).containsExactlyInAnyOrder("1", "2", "2");
        NotificationInbox.Notified one = pending.stream().filter(n -> n.recordId().equals("1")).findFirst().orElseThrow();
        inbox.add("s", List.of("1"), "update", 13L); // changed again while it was being read
        assertThat(inbox.done("s", one)).isFalse();
        assertThat(inbox.pending("s", 10)).extracting(NotificationInbox.Notified::recordId).contains("1");
        for (NotificationInbox.Notified n : inbox.pending("s", 10)) {
            assertThat(inbox.done("s", n)).isTrue();
        }
        assertThat(inbox.hasPending("s")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void whatNotificationsDeliveredIsKnownUntilTheGapFillsCheckpointHasPassedIt(String database) {
        NotificationInbox inbox = new NotificationInbox(jdbc(database), Clock.systemUTC());
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        inbox.delivered("s", "1", t.toEpochMilli());
        inbox.delivered("s", "1", t.toEpochMilli()); // at least once: twice is fine
        inbox.delivered("s", "2", t.plusSeconds(60).toEpochMilli());
        inbox.delivered("s", "3", NotificationInbox.DELETION);
        assertThat(inbox.wasDelivered("s", "1", t.toEpochMilli())).isTrue();
        assertThat(inbox.wasDelivered("s", "1", t.plusSeconds(1).toEpochMilli())).as("a later version").isFalse();
        assertThat(inbox.wasDelivered("other", "1", t.toEpochMilli())).isFalse();

        inbox.prune("s", t.plusSeconds(30), Instant.now().minus(Duration.ofHours(1)));
        assertThat(inbox.wasDelivered("s", "1", t.toEpochMilli())).isFalse();
        assertThat(inbox.wasDelivered("s", "2", t.plusSeconds(60).toEpochMilli())).isTrue();
        assertThat(inbox.wasDelivered("s", "3", NotificationInbox.DELETION)).isTrue();
        inbox.forget("s");
        assertThat(inbox.wasDelivered("s", "2", t.plusSeconds(60).toEpochMilli())).isFalse();
    }

    @Test
    void keyRotationReSealsChannelTokens() {
        JdbcClient jdbc = jdbc("h2");
        EncryptionKey oldKey = key("old");
        EncryptionKey newKey = key("new");
        new NotificationChannelStore(jdbc, new TokenCipher(oldKey, List.of()), Clock.systemUTC())
                .replace(channel("acme-Leads", "444", "token-of-444"));

        TokenCipher rotated = new TokenCipher(newKey, List.of(oldKey));
        new KeyRotation(jdbc, rotated, Clock.systemUTC(), event -> { },
                List.of(new NotificationChannelStore(jdbc, rotated, Clock.systemUTC()))).reencrypt();

        // the old key can go: callbacks are still checked against the token
        NotificationChannelStore after = new NotificationChannelStore(jdbc, new TokenCipher(newKey, List.of()),
                Clock.systemUTC());
        assertThat(after.byChannelId("444").orElseThrow().token().value()).isEqualTo("token-of-444");
    }
}
