package io.zohoconnect.notifications;

import java.time.Instant;

import io.zohoconnect.connection.Secret;

/** The watch channel of one sync, as stored: Zoho's channel id, the token Zoho echoes, when it lapses. */
record NotificationChannel(String syncId, String channelId, String connectionId, String module, Secret token,
        Instant expiresAt) {

    /** True when this channel still watches what the sync follows (a changed connection or module needs a new one). */
    boolean watches(String connection, String watchedModule) {
        return connectionId.equals(connection) && module.equals(watchedModule);
    }
}
