package io.zohoconnect.amqp;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * The broker objects of the contract, all durable: the writes queue (which dead-letters to the
 * dead-letter queue what the broker itself rejects or expires), the dead-letter queue, the hold queue
 * (whose messages expire back into the writes queue) and the results and events topic exchanges.
 */
public final class AmqpTopology {

    private static final String DEFAULT_EXCHANGE = "";

    private final AmqpProperties settings;

    AmqpTopology(AmqpProperties settings) {
        this.settings = settings;
    }

    Queue writesQueue() {
        return QueueBuilder.durable(settings.writesQueue()).deadLetterExchange(DEFAULT_EXCHANGE)
                .deadLetterRoutingKey(settings.deadLetterQueue()).build();
    }

    Queue deadLetterQueue() {
        return QueueBuilder.durable(settings.deadLetterQueue()).build();
    }

    Queue holdQueue() {
        return QueueBuilder.durable(settings.holdQueue()).deadLetterExchange(DEFAULT_EXCHANGE)
                .deadLetterRoutingKey(settings.writesQueue()).build();
    }

    TopicExchange resultsExchange() {
        return ExchangeBuilder.topicExchange(settings.resultsExchange()).durable(true).build();
    }

    TopicExchange eventsExchange() {
        return ExchangeBuilder.topicExchange(settings.eventsExchange()).durable(true).build();
    }

    void declare(AmqpAdmin admin) {
        try {
            admin.declareQueue(deadLetterQueue());
            admin.declareQueue(writesQueue());
            admin.declareQueue(holdQueue());
            admin.declareExchange(resultsExchange());
            admin.declareExchange(eventsExchange());
        } catch (AmqpException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalStateException("Profile rabbitmq: could not declare " + settings.writesQueue() + ", "
                    + settings.deadLetterQueue() + ", " + settings.holdQueue() + ", " + settings.resultsExchange() + " and "
                    + settings.eventsExchange() + " on the broker of spring.rabbitmq.* (" + cause.getMessage()
                    + "). Is RabbitMQ running and reachable, and do existing objects of these names have other arguments?", e);
        }
    }
}
