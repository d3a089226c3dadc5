package io.zohoconnect.amqp;

import com.rabbitmq.client.Channel;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;

/**
 * Route {@code zoho-amqp-writes}: consumes {@code zoho.crm.writes} with manual acknowledgement. A
 * message is acknowledged only once {@link QueuedWrites} gave it an outcome — every record written or
 * dead-lettered and the result published, or the whole message dead-lettered or held — each
 * confirmed by the broker. Anything else (the database or the broker failing under us) leaves it to
 * the broker: a process killed at any point loses nothing, its unacknowledged messages are delivered
 * again. Route {@code zoho-amqp-replay-window} forgets processed message ids after the replay window.
 */
final class AmqpWritesRoute extends RouteBuilder {

    static final String RAW_MESSAGES = "zohoRawAmqpMessages";
    private static final Logger log = LoggerFactory.getLogger(AmqpWritesRoute.class);

    private final QueuedWrites writes;
    private final BrokerOutbox outbox;
    private final WriteProgressStore progress;
    private final WriteConsumers consumers;
    private final AmqpProperties settings;

    AmqpWritesRoute(QueuedWrites writes, BrokerOutbox outbox, WriteProgressStore progress, WriteConsumers consumers,
            AmqpProperties settings) {
        this.writes = writes;
        this.outbox = outbox;
        this.progress = progress;
        this.consumers = consumers;
        this.settings = settings;
    }

    @Override
    public void configure() {
        fromF("spring-rabbitmq:default?queues=%s&autoDeclare=false&acknowledgeMode=MANUAL&concurrentConsumers=%d"
                + "&prefetchCount=%d&messageConverter=#%s", settings.writesQueue(), consumers.consumers(),
                consumers.prefetch(), RAW_MESSAGES)
                .routeId("zoho-amqp-writes")
                .process(this::consume);

        fromF("timer:zoho-amqp-replay-window?period=%d&delay=60000", Math.max(60_000, settings.replayWindow().toMillis() / 24))
                .routeId("zoho-amqp-replay-window")
                .process(exchange -> progress.forgetOlderThan(settings.replayWindow()));
    }

    private void consume(Exchange exchange) throws Exception {
        Message message = exchange.getMessage().getBody(Message.class);
        Channel channel = exchange.getProperty(SpringRabbitMQConstants.CHANNEL, Channel.class);
        long tag = message.getMessageProperties().getDeliveryTag();
        try {
            writes.handle(message);
        } catch (RuntimeException e) {
            giveBack(message, channel, tag, e);
            return;
        }
        channel.basicAck(tag, false);
    }

    /** No outcome: try again later (counted as a failed delivery), or leave it to the broker. */
    private void giveBack(Message message, Channel channel, long tag, RuntimeException failure) throws Exception {
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        log.warn("Write message {} got no outcome ({}); it will be delivered again", message.getMessageProperties().getMessageId(),
                error);
        try {
            outbox.hold(message, error);
        } catch (RuntimeException brokerFailure) {
            // the broker did not take the copy: give the message back as it is
            channel.basicNack(tag, false, true);
            return;
        }
        channel.basicAck(tag, false);
    }
}
