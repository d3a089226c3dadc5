package io.zohoconnect.amqp;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.connection.ZohoHeaders;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Everything the write consumer publishes: results, dead letters and holds. Each publish waits for
 * the broker's confirm, so the incoming message is acknowledged only once what replaces it is safely
 * in the broker; a publish the broker does not confirm throws, and the incoming message stays unacknowledged.
 */
public final class BrokerOutbox {

    static final String HOLD_REASON = "ZohoHoldReason";
    private static final String DEFAULT_EXCHANGE = "";

    private final RabbitTemplate template;
    private final AmqpProperties settings;
    private final ObjectMapper json;
    private final long confirmTimeoutMillis;

    public BrokerOutbox(RabbitTemplate template, AmqpProperties settings, ObjectMapper json, long confirmTimeoutMillis) {
        this.template = template;
        this.settings = settings;
        this.json = json;
        this.confirmTimeoutMillis = confirmTimeoutMillis;
    }

    /** The write result to {@code zoho.crm.write-results}, routing key the module. */
    public void result(WriteMessage message, Map<String, Object> summary) {
        MessageProperties properties = jsonProperties();
        if (message.correlationId() != null) {
            properties.setCorrelationId(message.correlationId());
        }
        properties.setHeader(ZohoHeaders.CONNECTION_ID, message.connectionId());
        properties.setHeader(ZohoHeaders.MODULE, message.module());
        properties.setHeader(ZohoHeaders.WRITE_OPERATION, message.operation().name().toLowerCase());
        properties.setHeader(ZohoHeaders.WRITE_SUCCEEDED, summary.get("succeeded"));
        properties.setHeader(ZohoHeaders.WRITE_FAILED, summary.get("failed"));
        sourceId(properties, message);
        publish(settings.resultsExchange(), message.module(), new Message(bytes(summary), properties));
    }

    /** One record Zoho refused, to the dead-letter queue: body the record, Zoho's code and message as headers. */
    public void refusedRecord(WriteMessage message, Object record, Map<String, Object> result) {
        MessageProperties properties = jsonProperties();
        properties.setHeader(ZohoHeaders.ERROR_CODE, String.valueOf(result.get("code")));
        properties.setHeader(ZohoHeaders.ERROR_MESSAGE, String.valueOf(result.get("message")));
        properties.setHeader(ZohoHeaders.CONNECTION_ID, message.connectionId());
        properties.setHeader(ZohoHeaders.MODULE, message.module());
        properties.setHeader(ZohoHeaders.WRITE_OPERATION, message.operation().name().toLowerCase());
        properties.setHeader("ZohoRecordIndex", result.get("index"));
        sourceId(properties, message);
        if (message.correlationId() != null) {
            properties.setCorrelationId(message.correlationId());
        }
        publish(DEFAULT_EXCHANGE, settings.deadLetterQueue(), new Message(bytes(record), properties));
    }

    /** A message that cannot be processed, to the dead-letter queue: its original bytes and properties plus the reason. */
    public void unprocessable(Message original, String reason) {
        Message letter = MessageBuilder.fromClonedMessage(original).setHeader(ZohoHeaders.ERROR_REASON, reason)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT).build();
        clearDeliveryState(letter.getMessageProperties());
        publish(DEFAULT_EXCHANGE, settings.deadLetterQueue(), letter);
    }

    /** Parks the message in the hold queue; the broker puts it back on the writes queue after the hold delay. */
    public void hold(Message original, String reason) {
        Message held = MessageBuilder.fromClonedMessage(original).setHeader(HOLD_REASON, reason)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setExpiration(Long.toString(settings.holdDelay().toMillis())).build();
        clearDeliveryState(held.getMessageProperties());
        publish(DEFAULT_EXCHANGE, settings.holdQueue(), held);
    }

    private void publish(String exchange, String routingKey, Message message) {
        template.invoke(operations -> {
            operations.send(exchange, routingKey, message);
            operations.waitForConfirmsOrDie(confirmTimeoutMillis);
            return null;
        });
    }

    private static void clearDeliveryState(MessageProperties properties) {
        // what the broker said about the received copy does not belong to the new one
        properties.setReceivedDeliveryMode(null);
        properties.setRedelivered(null);
        properties.setDeliveryTag(0);
        properties.setConsumerTag(null);
        properties.setConsumerQueue(null);
        properties.setReceivedExchange(null);
        properties.setReceivedRoutingKey(null);
    }

    private static MessageProperties jsonProperties() {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        return properties;
    }

    private static void sourceId(MessageProperties properties, WriteMessage message) {
        if (message.messageId() != null) {
            properties.setHeader(ZohoHeaders.SOURCE_MESSAGE_ID, message.messageId());
        }
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
