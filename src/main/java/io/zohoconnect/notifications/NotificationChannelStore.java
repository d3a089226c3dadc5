package io.zohoconnect.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.zohoconnect.connection.SealedColumn;
import io.zohoconnect.connection.SealedColumns;
import io.zohoconnect.connection.Secret;
import io.zohoconnect.connection.TokenCipher;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The watch channels in {@code zoho_notification_channel}, one per sync. Tokens are sealed with the
 * service's key and bound to their channel id, as connection tokens are to their connection; a
 * callback is checked against the row of its channel id on whichever node it arrives.
 */
@Repository
public class NotificationChannelStore implements SealedColumns {

    static final String COLUMNS = "sync_id, channel_id, connection_id, module, token_enc, expires_at";
    static final String BY_SYNC = "SELECT " + COLUMNS + " FROM zoho_notification_channel WHERE sync_id = :syncId";
    static final String BY_CHANNEL = "SELECT " + COLUMNS + " FROM zoho_notification_channel WHERE channel_id = :channelId";
    static final String DELETE = "DELETE FROM zoho_notification_channel WHERE sync_id = :syncId";
    static final String INSERT = "INSERT INTO zoho_notification_channel (sync_id, channel_id, connection_id, module,"
            + " token_enc, expires_at, created_at, updated_at)"
            + " VALUES (:syncId, :channelId, :connectionId, :module, :token, :expiresAt, :now, :now)";
    static final String RENEW = "UPDATE zoho_notification_channel SET expires_at = :expiresAt, updated_at = :now"
            + " WHERE sync_id = :syncId AND channel_id = :channelId";
    static final String TO_RESEAL = "SELECT channel_id, token_enc FROM zoho_notification_channel"
            + " WHERE token_enc NOT LIKE :prefix";
    static final String RESEAL = "UPDATE zoho_notification_channel SET token_enc = :sealed"
            + " WHERE channel_id = :id AND token_enc = :old";

    private final JdbcClient jdbc;
    private final TokenCipher cipher;
    private final Clock clock;

    NotificationChannelStore(JdbcClient jdbc, TokenCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    Optional<NotificationChannel> ofSync(String syncId) {
        return jdbc.sql(BY_SYNC).param("syncId", syncId).query((rs, n) -> map(rs)).optional();
    }

    Optional<NotificationChannel> byChannelId(String channelId) {
        return jdbc.sql(BY_CHANNEL).param("channelId", channelId).query((rs, n) -> map(rs)).optional();
    }

    /** The sync's channel from now on (its previous one, if any, is forgotten: callbacks to it are refused). */
    void replace(NotificationChannel channel) {
        jdbc.sql(DELETE).param("syncId", channel.syncId()).update();
        jdbc.sql(INSERT).param("syncId", channel.syncId()).param("channelId", channel.channelId())
                .param("connectionId", channel.connectionId()).param("module", channel.module())
                .param("token", cipher.seal(channel.token().value(), context(channel.channelId())))
                .param("expiresAt", utc(channel.expiresAt())).param("now", utc(clock.instant())).update();
    }

    void renewed(NotificationChannel channel, Instant expiresAt) {
        jdbc.sql(RENEW).param("expiresAt", utc(expiresAt)).param("now", utc(clock.instant()))
                .param("syncId", channel.syncId()).param("channelId", channel.channelId()).update();
    }

    void delete(String syncId) {
        jdbc.sql(DELETE).param("syncId", syncId).update();
    }

    private NotificationChannel map(ResultSet rs) throws SQLException {
        String channelId = rs.getString("channel_id");
        return new NotificationChannel(rs.getString("sync_id"), channelId, rs.getString("connection_id"),
                rs.getString("module"), new Secret(cipher.open(rs.getString("token_enc"), context(channelId))),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant());
    }

    /** The channels' tokens, re-sealed by key rotation. */
    @Override
    public List<SealedColumn> sealedColumns() {
        return List.of(new SealedColumn(TO_RESEAL, RESEAL, "channel_id", "token_enc", NotificationChannelStore::context));
    }

    /** A sealed token opens only in the row of its channel (key rotation re-seals it under the same context). */
    public static String context(String channelId) {
        return "notification-channel:" + channelId + ":token";
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
