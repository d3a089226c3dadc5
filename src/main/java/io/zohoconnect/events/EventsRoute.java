package io.zohoconnect.events;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Forwards lifecycle events to the configured sink: log, seda, jms, kafka, an http webhook… */
@Component
class EventsRoute extends RouteBuilder {

    @Override
    public void configure() {
        from(ConnectionEvents.ENDPOINT).routeId("zoho-events")
                .setHeader("Content-Type", constant("application/json"))
                .to("{{zoho.events.uri}}");
    }
}
