package io.zohoconnect.amqp;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * Hands the consumer the AMQP message as it came: a dead letter must carry the original bytes, and a
 * held message goes back with every property it had.
 */
final class RawAmqpMessages implements MessageConverter {

    @Override
    public Message toMessage(Object object, MessageProperties properties) {
        if (object instanceof Message message) {
            return message;
        }
        throw new MessageConversionException("the write consumer only receives messages");
    }

    @Override
    public Object fromMessage(Message message) {
        return message;
    }
}
