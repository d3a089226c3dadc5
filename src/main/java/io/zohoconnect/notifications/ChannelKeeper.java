package io.zohoconnect.notifications;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.Secret;
import io.zohoconnect.crm.ZohoApiSettings;
import io.zohoconnect.sync.SyncSpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps a sync's watch channel: makes it (a random channel id and token, stored sealed before Zoho may
 * call with them), renews it when it expires within {@code zoho.notifications.renew-before}, re-makes it
 * when Zoho no longer knows it or it calls another address, and disables it. The caller holds the sync's
 * lease, so one node at a time does this for a sync.
 */
@Component
class ChannelKeeper {

    /** The scopes the watch API needs (ZOHO-API.md §13). */
    static final List<String> SCOPES = List.of("ZohoCRM.notifications.READ", "ZohoCRM.notifications.CREATE",
            "ZohoCRM.notifications.UPDATE", "ZohoCRM.notifications.DELETE");
    private static final Logger log = LoggerFactory.getLogger(ChannelKeeper.class);

    /** What keeping the channel did. */
    enum Upkeep {
        KEPT, RENEWED, CREATED, RECREATED, BUSY, FAILED,
        /** The connection lacks the notification scopes: the sync fails until it is reconnected with them. */
        REFUSED;

        /** A channel made now: changes since the last one may have gone unheard. */
        boolean madeAnew() {
            return this == CREATED || this == RECREATED;
        }
    }

    /** The outcome, and when the channel next needs a look. */
    record Kept(Upkeep upkeep, Instant dueAt) {
    }

    private final ZohoApiSettings properties;
    private final NotificationSettings settings;
    private final NotificationChannelStore channels;
    private final ZohoWatchApi watch;
    private final ConnectionStore connections;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ChannelKeeper(ZohoApiSettings properties, NotificationSettings settings, NotificationChannelStore channels,
            ZohoWatchApi watch, ConnectionStore connections, Clock clock) {
        this.properties = properties;
        this.settings = settings;
        this.channels = channels;
        this.watch = watch;
        this.connections = connections;
        this.clock = clock;
    }

    /**
     * @throws MissingScopesException when the connection was granted without the notification scopes
     * @throws RuntimeException       whatever Zoho or the call path answered (the caller reports it)
     */
    Kept keep(SyncSpec spec) {
        requireScopes(spec);
        NotificationChannel current = channels.ofSync(spec.id()).orElse(null);
        if (current != null && !current.watches(spec.connectionId(), spec.module())) {
            stopQuietly(current);
            current = null;
        }
        if (current == null) {
            NotificationChannel made = subscribe(spec);
            log.info("Notifications of sync {}: watching {} through channel {} until {}", spec.id(), spec.module(),
                    made.channelId(), made.expiresAt());
            return new Kept(Upkeep.CREATED, dueAt(made.expiresAt()));
        }
        Instant now = clock.instant();
        ZohoWatchApi.Subscription subscription = watch.atZoho(current).orElse(null);
        if (subscription == null || !subscription.expiry().isAfter(now)) {
            NotificationChannel made = subscribe(spec);
            log.info("Notifications of sync {}: Zoho no longer knew channel {}; re-created it, and the gap fill"
                    + " catches up on what was missed", spec.id(), current.channelId());
            return new Kept(Upkeep.RECREATED, dueAt(made.expiresAt()));
        }
        if (subscription.notifyUrl() != null && !sameUrl(subscription.notifyUrl(), notifyUrl())) {
            // zoho.public-url changed: callbacks go to the old address until the channel is made anew
            stopQuietly(current);
            NotificationChannel made = subscribe(spec);
            log.info("Notifications of sync {}: channel {} called another address; re-created it for {}", spec.id(),
                    current.channelId(), notifyUrl());
            return new Kept(Upkeep.RECREATED, dueAt(made.expiresAt()));
        }
        if (subscription.expiry().isBefore(now.plus(settings.renewBefore()))) {
            Instant expiry = now().plus(settings.channelLifetime());
            watch.extend(current, expiry);
            channels.renewed(current, expiry);
            log.info("Notifications of sync {}: channel {} renewed until {}", spec.id(), current.channelId(), expiry);
            return new Kept(Upkeep.RENEWED, dueAt(expiry));
        }
        return new Kept(Upkeep.KEPT, dueAt(subscription.expiry()));
    }

    /** The sync stopped for good: its channel is stopped at Zoho and forgotten (its callbacks refused from now). */
    void disable(String syncId) {
        channels.ofSync(syncId).ifPresent(channel -> {
            try {
                watch.stop(channel);
            } catch (RuntimeException e) {
                // it lapses by itself within its expiry
                log.info("Notifications of sync {}: could not disable channel {} at Zoho ({}); it lapses by {}", syncId,
                        channel.channelId(), e.getMessage(), channel.expiresAt());
            }
            channels.delete(syncId);
        });
    }

    String notifyUrl() {
        return properties.publicUrl() + NotificationStreams.CALLBACK_PATH;
    }

    /** A new channel: a random id and token, stored (sealed) before Zoho may call with them. */
    private NotificationChannel subscribe(SyncSpec spec) {
        Instant expiry = now().plus(settings.channelLifetime());
        String channelId = String.valueOf(1 + (random.nextLong() & Long.MAX_VALUE) % 999_999_999_999_999_999L);
        byte[] token = new byte[32];
        random.nextBytes(token);
        NotificationChannel channel = new NotificationChannel(spec.id(), channelId, spec.connectionId(), spec.module(),
                new Secret(Base64.getUrlEncoder().withoutPadding().encodeToString(token)), expiry);
        NotificationChannel previous = channels.ofSync(spec.id()).orElse(null);
        channels.replace(channel);
        try {
            watch.subscribe(channel, notifyUrl());
        } catch (RuntimeException e) {
            if (previous != null) {
                channels.replace(previous);
            } else {
                channels.delete(spec.id());
            }
            throw e;
        }
        return channel;
    }

    private void stopQuietly(NotificationChannel channel) {
        try {
            watch.stop(channel);
        } catch (RuntimeException e) {
            log.debug("Notifications of sync {}: old channel {} not stopped: {}", channel.syncId(), channel.channelId(),
                    e.getMessage());
        }
    }

    private void requireScopes(SyncSpec spec) {
        connections.find(spec.connectionId()).ifPresent(connection -> {
            List<String> missing = SCOPES.stream().filter(scope -> !granted(connection.scopes(), scope)).toList();
            if (!missing.isEmpty()) {
                throw new MissingScopesException("connection '" + spec.connectionId() + "' was granted without "
                        + String.join(", ", missing) + ", which mode=notifications needs: reconnect it with these"
                        + " scopes (the default zoho.scopes include them)");
            }
        });
    }

    private static boolean granted(List<String> scopes, String needed) {
        String all = needed.substring(0, needed.lastIndexOf('.')) + ".ALL";
        return scopes.stream().anyMatch(s -> s.equalsIgnoreCase(needed) || s.equalsIgnoreCase(all));
    }

    private Instant dueAt(Instant expiry) {
        return expiry.minus(settings.renewBefore());
    }

    /** Zoho keeps expiries to the second. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Zoho may echo the URL back with another case of scheme and host, or a trailing slash. */
    static boolean sameUrl(String a, String b) {
        return strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The connection lacks scopes the watch API needs. */
    static final class MissingScopesException extends RuntimeException {
        MissingScopesException(String message) {
            super(message);
        }
    }
}
