package io.zohoconnect.amqp;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code zoho.amqp.*}: the RabbitMQ way in and out (profile {@code rabbitmq} sets {@code enabled}).
 * The broker connection itself is Spring Boot's {@code spring.rabbitmq.*}.
 *
 * @param enabled         whether the RabbitMQ routes run; profile rabbitmq turns it on
 * @param writesQueue     durable queue of write messages (dead-letters to dead-letter-queue)
 * @param deadLetterQueue durable queue of refused records and unprocessable messages
 * @param holdQueue       durable queue where messages wait hold-delay after a 429 or for re-consent, then go back to
 *                        the writes queue
 * @param resultsExchange topic exchange of write results, routing key the module
 * @param eventsExchange  topic exchange of connection lifecycle events, routing key the event type
 * @param consumers       consumers of the writes queue; null = the default edition's CRM concurrency
 *                        limit. More than the highest org limit would only wait for call slots, so it is refused.
 * @param prefetch        unacknowledged messages per consumer: what a crashed node hands back to the broker
 * @param maxRedeliveries a message delivered again this many times without an outcome is unprocessable
 * @param holdDelay       how long a message waits in the hold queue after a 429 or while its connection needs
 *                        re-consent, before it is tried again (not counted as a redelivery)
 * @param replayWindow    how long a processed message id is remembered, so a redelivered or republished
 *                        message is not written twice
 */
@Validated
@ConfigurationProperties("zoho.amqp")
public record AmqpProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("zoho.crm.writes") @NotBlank String writesQueue,
        @DefaultValue("zoho.crm.writes.dead") @NotBlank String deadLetterQueue,
        @DefaultValue("zoho.crm.writes.hold") @NotBlank String holdQueue,
        @DefaultValue("zoho.crm.write-results") @NotBlank String resultsExchange,
        @DefaultValue("zoho.events") @NotBlank String eventsExchange,
        @Min(value = 1, message = "must be at least 1") Integer consumers,
        @DefaultValue("1") @Min(value = 1, message = "must be at least 1") @Max(value = 100, message = "must be at most 100")
        int prefetch,
        @DefaultValue("5") @Min(value = 1, message = "must be at least 1") int maxRedeliveries,
        @DefaultValue("30s") @NotNull Duration holdDelay,
        @DefaultValue("24h") @NotNull Duration replayWindow) {
}
