package io.zohoconnect.amqp;

import io.zohoconnect.connection.ZohoHeaders;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;

/**
 * Route {@code zoho-amqp-events}: every connection lifecycle event to the topic exchange
 * {@code zoho.events}, routing key the event type (e.g. {@code connection.needs_reauth}), body the
 * event's JSON. Route {@code zoho-events} sends here besides {@code zoho.events.uri}.
 */
final class AmqpEventsRoute extends RouteBuilder {

    /** Where route zoho-events sends each event when profile rabbitmq is on. */
    public static final String ENDPOINT = "direct:zoho-amqp-events";

    @Override
    public void configure() {
        from(ENDPOINT).routeId("zoho-amqp-events")
                .setHeader(SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY, header(ZohoHeaders.EVENT_TYPE))
                .setHeader(SpringRabbitMQConstants.CONTENT_TYPE, constant("application/json"))
                .setHeader(SpringRabbitMQConstants.DELIVERY_MODE, constant("PERSISTENT"))
                .removeHeader("Content-Type")
                .to("spring-rabbitmq:{{zoho.amqp.events-exchange}}?confirm=enabled");
    }
}
