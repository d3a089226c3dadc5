package io.zohoconnect.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One watch channel of an org (ZOHO-API.md §13): what it watches ({@code Leads.create}, {@code Leads.all}…),
 * where Zoho calls back, the token it echoes and when it lapses. Immutable; an update makes a new one.
 *
 * @param events module API name, a dot, then create, edit, delete or all
 */
record WatchChannel(String channelId, List<String> events, String notifyUrl, String token, Instant expiry,
                    boolean returnAffectedFieldValues, boolean notifyOnRelatedAction) {

    WatchChannel {
        events = List.copyOf(events);
    }

    /** Whether a change ({@code insert}, {@code update} or {@code delete}) of {@code module} is watched. */
    boolean watches(String module, String operation) {
        String event = switch (operation) {
            case "insert" -> "create";
            case "update" -> "edit";
            default -> "delete";
        };
        String lower = module.toLowerCase(Locale.ROOT);
        return events.stream().anyMatch(e -> {
            int dot = e.lastIndexOf('.');
            String watched = e.substring(dot + 1);
            return e.substring(0, dot).toLowerCase(Locale.ROOT).equals(lower)
                    && (watched.equals(event) || watched.equals("all"));
        });
    }

    /** The modules this channel watches, in the order their first event was given. */
    List<String> modules() {
        return events.stream().map(e -> e.substring(0, e.lastIndexOf('.'))).distinct().toList();
    }

    List<String> eventsOf(String module) {
        return events.stream().filter(e -> e.substring(0, e.lastIndexOf('.')).equals(module)).toList();
    }

    boolean live(Instant now) {
        return now.isBefore(expiry);
    }

    WatchChannel withEvents(List<String> newEvents) {
        return new WatchChannel(channelId, newEvents, notifyUrl, token, expiry, returnAffectedFieldValues,
                notifyOnRelatedAction);
    }
}
