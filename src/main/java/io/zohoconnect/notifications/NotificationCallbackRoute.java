package io.zohoconnect.notifications;

import java.util.Map;

import io.zohoconnect.web.WebResponses;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code POST /zoho/notifications}: Zoho's watch callbacks. The {@link NotificationCallbackGate} decides;
 * a genuine call's ids are stored ({@link NotificationInbox}) before the 200, so they survive this node,
 * and the work of reading and delivering them is done off the request thread. Zoho gets its answer in
 * the time of one small insert per id.
 */
@Component
class NotificationCallbackRoute extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(NotificationCallbackRoute.class);

    private final NotificationCallbackGate gate;
    private final NotificationInbox inbox;
    private final NotificationStreams streams;
    private final WebResponses responses;

    NotificationCallbackRoute(NotificationCallbackGate gate, NotificationInbox inbox, NotificationStreams streams,
            WebResponses responses) {
        this.gate = gate;
        this.inbox = inbox;
        this.streams = streams;
        this.responses = responses;
    }

    @Override
    public void configure() {
        from("platform-http:" + NotificationStreams.CALLBACK_PATH + "?httpMethodRestrict=POST")
                .routeId("zoho-notifications-callback")
                .process(this::take);
    }

    private void take(Exchange exchange) {
        NotificationCallbackGate.Verdict verdict;
        try {
            verdict = gate.check(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class),
                    exchange.getMessage().getBody(byte[].class));
            if (verdict instanceof NotificationCallbackGate.Accepted call) {
                int added = inbox.add(call.syncId(), call.ids(), call.operation(), call.serverTime());
                streams.notified(call.syncId());
                responses.json(exchange, 200, Map.of("accepted", call.ids().size(), "new", added));
                return;
            }
        } catch (RuntimeException e) {
            // Zoho may not call again: the gap fill finds what this call carried
            log.warn("A Zoho notification could not be stored ({}); the gap fill will find its changes",
                    e.getClass().getSimpleName());
            responses.error(exchange, 503, "unavailable", "The notification could not be stored; try again later.");
            return;
        }
        NotificationCallbackGate.Refused refused = (NotificationCallbackGate.Refused) verdict;
        responses.error(exchange, refused.status(), refused.error(), refused.message());
    }
}
