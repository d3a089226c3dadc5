package io.zohoconnect.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The watch channels of one org by channel id. A lapsed channel is gone: it is neither listed nor called,
 * and an update finds nothing to update, as with Zoho.
 */
final class WatchChannels {

    private final Map<String, WatchChannel> byId = new ConcurrentHashMap<>();

    Optional<WatchChannel> get(String channelId, Instant now) {
        purge(now);
        return Optional.ofNullable(byId.get(channelId));
    }

    void put(WatchChannel channel) {
        byId.put(channel.channelId(), channel);
    }

    boolean remove(String channelId) {
        return byId.remove(channelId) != null;
    }

    /** Live channels by channel id (numerically), then as given. */
    List<WatchChannel> live(Instant now) {
        purge(now);
        List<WatchChannel> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparing((WatchChannel c) -> c.channelId().length()).thenComparing(WatchChannel::channelId));
        return out;
    }

    /** Live channels that watch this change of this module. */
    List<WatchChannel> watching(String module, String operation, Instant now) {
        return live(now).stream().filter(c -> c.watches(module, operation)).toList();
    }

    void clear() {
        byId.clear();
    }

    private void purge(Instant now) {
        byId.values().removeIf(channel -> !channel.live(now));
    }
}
