package io.zohoconnect.notifications;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.connection.Secret;

import org.springframework.stereotype.Component;

/**
 * Every decision about a call to {@code POST /zoho/notifications}, in one place. The endpoint is open —
 * Zoho cannot log in — so a call is taken only when it names one of our channels and carries that
 * channel's token (compared in constant time); the module must be the channel's. Anything else is
 * refused before a single id is stored: a forged call is a 403 whatever its content, a body that is not
 * a callback at all a 400, 413 or 415. Refusals are fixed texts: nothing of the request is echoed.
 */
@Component
public class NotificationCallbackGate {

    /** Zoho sends ids by the hundred; a mass update with affected values stays far below this. */
    public static final int MAX_BODY = 512 * 1024;
    static final int MAX_IDS = 10_000;
    private static final Pattern CHANNEL_ID = Pattern.compile("[0-9]{1,19}");
    private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> OPERATIONS = Set.of("insert", "update", "delete");

    /** What a call is: taken, with what it notified, or refused, with the answer to give. */
    public sealed interface Verdict permits Accepted, Refused {
    }

    /** A genuine callback of the channel of {@code syncId}. */
    record Accepted(String syncId, String operation, List<String> ids, Long serverTime) implements Verdict {
    }

    public record Refused(int status, String error, String message) implements Verdict {
    }

    static final Refused FORBIDDEN = new Refused(403, "forbidden",
            "This endpoint takes Zoho's notifications for the channels of this service only.");

    private final NotificationChannelStore channels;
    private final ObjectMapper json;

    NotificationCallbackGate(NotificationChannelStore channels, ObjectMapper json) {
        this.channels = channels;
        this.json = json;
    }

    /**
     * What can be decided from the request head, before anything reads the body (a multipart or form body
     * would otherwise be parsed by the container first): the content type and a declared length.
     *
     * @param contentLength the declared length, -1 when not declared
     * @return the refusal, or null to go on
     */
    public static Refused screen(String contentType, long contentLength) {
        if (contentLength > MAX_BODY) {
            return new Refused(413, "body_too_large", "The request body is too large.");
        }
        if (!takenType(contentType)) {
            return new Refused(415, "unsupported_media_type", "Send Zoho's notification as application/json.");
        }
        return null;
    }

    Verdict check(String contentType, byte[] body) {
        Refused early = screen(contentType, body == null ? 0 : body.length);
        if (early != null) {
            return early;
        }
        if (body == null || body.length == 0) {
            return new Refused(400, "invalid_body", "Send Zoho's notification as a JSON object.");
        }
        JsonNode call;
        try {
            call = json.readTree(body);
        } catch (IOException e) {
            return new Refused(400, "invalid_body", "The request body is not valid JSON.");
        }
        if (call == null || !call.isObject()) {
            return new Refused(400, "invalid_body", "Send Zoho's notification as a JSON object.");
        }
        Optional<NotificationChannel> channel = channelOf(call);
        if (channel.isEmpty()) {
            return FORBIDDEN;
        }
        // a channel's callbacks are for its own module only
        JsonNode module = call.get("module");
        if (module == null || !module.isTextual() || !module.asText().equals(channel.get().module())) {
            return FORBIDDEN;
        }
        JsonNode operation = call.get("operation");
        String op = operation != null && operation.isTextual() ? operation.asText().toLowerCase(Locale.ROOT) : "";
        if (!OPERATIONS.contains(op)) {
            return new Refused(400, "invalid_body", "operation must be insert, update or delete.");
        }
        JsonNode ids = call.get("ids");
        if (ids == null || !ids.isArray() || ids.size() > MAX_IDS) {
            return new Refused(400, "invalid_body", "ids must be a list of record ids.");
        }
        List<String> recordIds = new ArrayList<>(ids.size());
        for (JsonNode id : ids) {
            String text = id.isTextual() || id.isIntegralNumber() ? id.asText() : "";
            if (!RECORD_ID.matcher(text).matches()) {
                return new Refused(400, "invalid_body", "ids must be a list of record ids.");
            }
            recordIds.add(text);
        }
        JsonNode serverTime = call.get("server_time");
        Long at = serverTime != null && serverTime.canConvertToLong() && serverTime.isIntegralNumber()
                ? serverTime.asLong() : null;
        return new Accepted(channel.get().syncId(), op, List.copyOf(recordIds), at);
    }

    /** Our channel named by the call, if its token matches. */
    private Optional<NotificationChannel> channelOf(JsonNode call) {
        JsonNode channelId = call.get("channel_id");
        JsonNode token = call.get("token");
        String id = channelId != null && (channelId.isTextual() || channelId.isIntegralNumber()) ? channelId.asText() : "";
        if (!CHANNEL_ID.matcher(id).matches() || token == null || !token.isTextual() || token.asText().isEmpty()) {
            return Optional.empty();
        }
        Optional<NotificationChannel> channel = channels.byChannelId(id);
        Secret presented = new Secret(token.asText());
        return channel.filter(c -> c.token().sameAs(presented));
    }

    /**
     * JSON as Zoho sends it — also labelled {@code text/plain} or not labelled at all, since Zoho documents no
     * content type for its callbacks; the body must be JSON either way. Form and multipart bodies are refused
     * here, before the container would parse them. (No cookie or session is read here, so accepting a type a
     * browser form can send opens nothing: the channel token in the body is the credential.)
     */
    private static boolean takenType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json") || type.equals("text/plain");
    }
}
