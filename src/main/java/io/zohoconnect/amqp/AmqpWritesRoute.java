package io.zohoconnect.amqp;

import java.io.IOException;

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
 *
 * <p>A delivery is handled once: nothing is thrown back to the listener container, and its in-process
 * retries are off ({@code maximumRetryAttempts=1}) — they would count as deliveries and end on the
 * dead channel of a broker outage. The broker's redelivery is the retry: a message whose channel died
 * before its acknowledgement comes back once the broker does, and is answered from what it stored.
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
                + "&prefetchCount=%d&messageConverter=#%s&maximumRetryAttempts=1", settings.writesQueue(),
                consumers.consumers(), consumers.prefetch(), RAW_MESSAGES)
                .routeId("zoho-amqp-writes")
                .process(this::consume);

        fromF("timer:zoho-amqp-replay-window?period=%d&delay=60000", Math.max(60_000, settings.replayWindow().toMillis() / 24))
                .routeId("zoho-amqp-replay-window")
                .process(exchange -> progress.forgetOlderThan(settings.replayWindow()));
    }

    private void consume(Exchange exchange) {
        Message message = exchange.getMessage().getBody(Message.class);
        Channel channel = exchange.getProperty(SpringRabbitMQConstants.CHANNEL, Channel.class);
        long tag = message.getMessageProperties().getDeliveryTag();
        try {
            writes.handle(message);
        } catch (RuntimeException e) {
            giveBack(message, channel, tag, e);
            return;
        }
        acknowledge(message, () -> channel.basicAck(tag, false));
    }

    /** No outcome: try again later (counted as a failed delivery), or leave it to the broker. */
    private void giveBack(Message message, Channel channel, long tag, RuntimeException failure) {
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        log.warn("Write message {} got no outcome ({}); it will be delivered again", id(message), error);
        try {
            outbox.hold(message, error);
        } catch (RuntimeException brokerFailure) {
            // the broker did not take the copy: give the message back as it is
            acknowledge(message, () -> channel.basicNack(tag, false, true));
            return;
        }
        acknowledge(message, () -> channel.basicAck(tag, false));
    }

    /**
     * An ack or nack on the message's channel. When the channel is gone (the broker or the network failed),
     * the broker already holds the message as unacknowledged and delivers it again once it is reachable.
     */
    private static void acknowledge(Message message, ChannelCall call) {
        try {
            call.run();
        } catch (IOException | RuntimeException channelGone) {
            log.warn("Write message {}: the broker connection is gone before its acknowledgement ({}); the broker"
                    + " delivers it again once reachable, and it is answered from its stored outcome", id(message),
                    channelGone.toString());
        }
    }

    private static String id(Message message) {
        String id = message.getMessageProperties().getMessageId();
        return id == null ? "(no message_id)" : id;
    }

    @FunctionalInterface
    private interface ChannelCall {
        void run() throws IOException;
    }
}
