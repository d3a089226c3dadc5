package io.zohoconnect.events;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Forwards lifecycle events to the configured sink: log, seda, jms, kafka, an http webhook… With
 * profile rabbitmq also to the topic exchange {@code zoho.events} (route {@code zoho-amqp-events}).
 */
@Component
class EventsRoute extends RouteBuilder {

    static final String AMQP_EVENTS = "direct:zoho-amqp-events";

    private final boolean amqp;

    EventsRoute(@Value("${zoho.amqp.enabled:false}") boolean amqp) {
        this.amqp = amqp;
    }

    @Override
    public void configure() {
        var route = from(ConnectionEvents.ENDPOINT).routeId("zoho-events")
                .setHeader("Content-Type", constant("application/json"));
        if (amqp) {
            // each sink gets its own copy; one that fails does not keep the event from the other
            route.multicast().to("{{zoho.events.uri}}", AMQP_EVENTS).end();
        } else {
            route.to("{{zoho.events.uri}}");
        }
    }
}
