package io.zohoconnect.notifications;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.crm.CallPurpose;
import io.zohoconnect.crm.CrmCalls;
import io.zohoconnect.crm.CrmReply;
import io.zohoconnect.crm.CrmRequest;
import io.zohoconnect.crm.wire.ZohoDates;

import org.springframework.stereotype.Component;

/**
 * Zoho's watch API ({@code /crm/v8/actions/watch}, ZOHO-API.md §13) through the service's CRM call path
 * (credentials, data center, 401 refresh, back-off): subscribe a channel for a module's create, edit and
 * delete, extend its expiry, ask whether Zoho still knows it, and stop it.
 */
@Component
class ZohoWatchApi {

    static final String PATH = "actions/watch";

    private final CrmCalls calls;
    private final ObjectMapper json;

    ZohoWatchApi(CrmCalls calls, ObjectMapper json) {
        this.calls = calls;
        this.json = json;
    }

    void subscribe(NotificationChannel channel, String notifyUrl) {
        Map<String, Object> watch = new LinkedHashMap<>();
        watch.put("channel_id", channel.channelId());
        watch.put("events", List.of(channel.module() + ".create", channel.module() + ".edit", channel.module() + ".delete"));
        watch.put("channel_expiry", ZohoDates.format(channel.expiresAt()));
        watch.put("token", channel.token().value());
        watch.put("notify_url", notifyUrl);
        send(channel.connectionId(), "POST", null, Map.of("watch", List.of(watch)));
    }

    void extend(NotificationChannel channel, Instant expiresAt) {
        Map<String, Object> watch = new LinkedHashMap<>();
        watch.put("channel_id", channel.channelId());
        watch.put("channel_expiry", ZohoDates.format(expiresAt));
        send(channel.connectionId(), "PATCH", null, Map.of("watch", List.of(watch)));
    }

    /** A channel as Zoho has it: when it lapses and where it calls. */
    record Subscription(Instant expiry, String notifyUrl) {
    }

    /** The channel as Zoho has it, or empty when Zoho no longer knows it (lapsed, stopped elsewhere). */
    Optional<Subscription> atZoho(NotificationChannel channel) {
        CrmReply reply = calls.call(CrmRequest.get(channel.connectionId(), PATH, "channel_id=" + channel.channelId())
                .withPurpose(CallPurpose.BACKGROUND));
        if (reply.empty() || reply.json() == null) {
            return Optional.empty();
        }
        for (JsonNode entry : reply.json().path("watch")) {
            if (channel.channelId().equals(entry.path("channel_id").asText())) {
                Instant expiry = ZohoDates.parse(entry.path("channel_expiry").asText(null));
                return expiry == null ? Optional.empty()
                        : Optional.of(new Subscription(expiry, entry.path("notify_url").asText(null)));
            }
        }
        return Optional.empty();
    }

    /** The channel's expiry as Zoho has it, or empty when Zoho no longer knows it. */
    Optional<Instant> expiryAtZoho(NotificationChannel channel) {
        return atZoho(channel).map(Subscription::expiry);
    }

    void stop(NotificationChannel channel) {
        send(channel.connectionId(), "DELETE", "channel_ids=" + channel.channelId(), null);
    }

    private void send(String connectionId, String method, String query, Object body) {
        String text;
        try {
            text = body == null ? null : json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a watch request could not be written as JSON", e);
        }
        calls.call(new CrmRequest(connectionId, method, PATH, query, text, Map.of()).withPurpose(CallPurpose.BACKGROUND));
    }
}
