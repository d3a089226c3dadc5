package io.zohoconnect.notifications;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Zoho's watch callbacks, without the HTTP: the {@link NotificationCallbackGate} decides; a genuine
 * call's ids are stored ({@link NotificationInbox}) before the answer, so they survive this node, and
 * the work of reading and delivering them is done off the request thread. Zoho gets its answer in the
 * time of one small insert per id. The web edge serves {@link #PATH} and writes the {@link Answer}.
 */
@Component
public class NotificationCallbacks {

    /** Where Zoho posts its watch callbacks. */
    public static final String PATH = NotificationStreams.CALLBACK_PATH;

    private static final Logger log = LoggerFactory.getLogger(NotificationCallbacks.class);

    private final NotificationCallbackGate gate;
    private final NotificationInbox inbox;
    private final NotificationStreams streams;

    NotificationCallbacks(NotificationCallbackGate gate, NotificationInbox inbox, NotificationStreams streams) {
        this.gate = gate;
        this.inbox = inbox;
        this.streams = streams;
    }

    /** What Zoho is answered: 200 with how many ids were taken, or a refusal. */
    public sealed interface Answer permits Stored, Refused {
    }

    /** @param body the 200's JSON body: how many ids the call carried and how many were new */
    public record Stored(Map<String, Object> body) implements Answer {
    }

    /** A call refused (bad, forged, unknown channel) or not stored: the status and the error body's fields. */
    public record Refused(int status, String error, String message) implements Answer {
    }

    /** Checks and stores one callback ({@code body} as received, its Content-Type as sent). */
    public Answer take(String contentType, byte[] body) {
        NotificationCallbackGate.Verdict verdict;
        try {
            verdict = gate.check(contentType, body);
            if (verdict instanceof NotificationCallbackGate.Accepted call) {
                int added = inbox.add(call.syncId(), call.ids(), call.operation(), call.serverTime());
                streams.notified(call.syncId());
                return new Stored(Map.of("accepted", call.ids().size(), "new", added));
            }
        } catch (RuntimeException e) {
            // Zoho may not call again: the gap fill finds what this call carried
            log.warn("A Zoho notification could not be stored ({}); the gap fill will find its changes",
                    e.getClass().getSimpleName());
            return new Refused(503, "unavailable", "The notification could not be stored; try again later.");
        }
        NotificationCallbackGate.Refused refused = (NotificationCallbackGate.Refused) verdict;
        return new Refused(refused.status(), refused.error(), refused.message());
    }
}
