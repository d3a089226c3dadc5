package io.zohoconnect.simulator;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns record changes into Zoho's watch callbacks (ZOHO-API.md §13): for every live channel of the org
 * that watches the change, one POST to its {@code notify_url} with the ids of the change. Changes come from
 * the CRM API and from {@code /_sim} (a user editing in Zoho's UI): both are notified alike.
 */
final class WatchNotifier {

    /** One changed record; {@code values} are the fields a change set and their new values (updates). */
    record RecordChange(String id, Map<String, Object> values) {
    }

    private final SimState state;

    WatchNotifier(SimState state) {
        this.state = state;
    }

    /** @param operation {@code insert}, {@code update} or {@code delete} */
    void changed(SimOrg org, ModuleSchema schema, String operation, List<RecordChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Instant now = state.now();
        for (WatchChannel channel : org.watchChannels().watching(schema.apiName(), operation, now)) {
            state.callbacks().post(OutboundCallbacks.NOTIFICATION, channel.notifyUrl(),
                    body(org, schema, operation, changes, channel, now));
        }
    }

    private Map<String, Object> body(SimOrg org, ModuleSchema schema, String operation, List<RecordChange> changes,
                                     WatchChannel channel, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("server_time", now.toEpochMilli());
        if (operation.equals("update")) {
            body.put("affected_fields", changes.stream()
                    .map(c -> Map.<String, Object>of(c.id(), List.copyOf(c.values().keySet()))).toList());
            if (channel.returnAffectedFieldValues()) {
                body.put("affected_values", changes.stream().map(c -> {
                    Map<String, Object> values = new LinkedHashMap<>();
                    values.put("record_id", c.id());
                    values.put("values", c.values());
                    return values;
                }).toList());
            }
        } else {
            body.put("affected_fields", List.of());
        }
        body.put("query_params", queryParams(channel.notifyUrl()));
        body.put("module", schema.apiName());
        body.put("resource_uri", org.apiBase(state.baseUrl()) + "/crm/v8/" + schema.apiName());
        body.put("ids", changes.stream().map(RecordChange::id).toList());
        body.put("operation", operation);
        body.put("channel_id", channel.channelId());
        body.put("token", channel.token());
        return body;
    }

    /** Zoho echoes the notify URL's query parameters back as an object. */
    private static Map<String, String> queryParams(String notifyUrl) {
        String raw = URI.create(notifyUrl).getRawQuery();
        return SimExchange.decodeForm(raw);
    }
}
