package io.zohoconnect.web.api;

import io.zohoconnect.web.WebResponses;

import io.zohoconnect.notifications.NotificationCallbacks;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code POST /zoho/notifications}: Zoho's watch callbacks. Open (Zoho cannot authenticate); the
 * channel token in the body is the credential, checked by {@link NotificationCallbacks}, which stores
 * a genuine call's ids before this route answers 200.
 */
@Component
public class NotificationCallbackRoutes extends RouteBuilder {

    private final NotificationCallbacks callbacks;
    private final WebResponses responses;

    NotificationCallbackRoutes(NotificationCallbacks callbacks, WebResponses responses) {
        this.callbacks = callbacks;
        this.responses = responses;
    }

    @Override
    public void configure() {
        from("platform-http:" + NotificationCallbacks.PATH + "?httpMethodRestrict=POST")
                .routeId("zoho-notifications-callback")
                .process(this::take);
    }

    private void take(Exchange exchange) {
        NotificationCallbacks.Answer answer = callbacks.take(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE,
                String.class), exchange.getMessage().getBody(byte[].class));
        if (answer instanceof NotificationCallbacks.Stored stored) {
            responses.json(exchange, 200, stored.body());
        } else if (answer instanceof NotificationCallbacks.Refused refused) {
            responses.error(exchange, refused.status(), refused.error(), refused.message());
        }
    }
}
