package io.zohoconnect.amqp;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.ZohoProperties;
import io.zohoconnect.connection.ConnectionStore;

import org.apache.camel.ProducerTemplate;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The RabbitMQ way in and out, present only when {@code zoho.amqp.enabled} (profile {@code rabbitmq}).
 * The queues and exchanges are declared when this is created — before Camel starts the consumer — so
 * a broker that is unreachable, or holds a queue of the same name with other arguments, stops start-up
 * with one clear line.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "zoho.amqp", name = "enabled", havingValue = "true")
public class AmqpConfiguration {

    /** How long a publish may wait for the broker's confirm before the write message is given back. */
    static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

    @Bean
    AmqpTopology amqpTopology(AmqpAdmin admin, AmqpProperties settings) {
        AmqpTopology topology = new AmqpTopology(settings);
        topology.declare(admin);
        return topology;
    }

    @Bean
    WriteConsumers writeConsumers(AmqpProperties settings, ZohoProperties zoho) {
        return WriteConsumers.of(settings, zoho.crm());
    }

    @Bean
    BrokerOutbox brokerOutbox(RabbitTemplate template, AmqpProperties settings, ObjectMapper json, AmqpTopology declaredFirst) {
        return new BrokerOutbox(template, settings, json, CONFIRM_TIMEOUT_MILLIS);
    }

    @Bean
    QueuedWrites queuedWrites(WriteMessageParser parser, WriteProgressStore progress, BrokerOutbox outbox,
            ConnectionStore connections, ProducerTemplate producer, ObjectMapper json, AmqpProperties settings) {
        return new QueuedWrites(parser, progress, outbox, connections, producer, json, settings);
    }

    /** The write consumer's message converter: the route gets the AMQP message itself (bytes and properties untouched). */
    @Bean(AmqpWritesRoute.RAW_MESSAGES)
    RawAmqpMessages rawAmqpMessages() {
        return new RawAmqpMessages();
    }

    @Bean
    AmqpWritesRoute amqpWritesRoute(QueuedWrites writes, BrokerOutbox outbox, WriteProgressStore progress,
            WriteConsumers consumers, AmqpProperties settings) {
        return new AmqpWritesRoute(writes, outbox, progress, consumers, settings);
    }

    @Bean
    AmqpEventsRoute amqpEventsRoute(AmqpTopology declaredFirst) {
        return new AmqpEventsRoute();
    }
}
