package io.zohoconnect.amqp;

import java.util.List;

import io.zohoconnect.component.CrmOperation;

import org.springframework.amqp.core.Message;

/**
 * A write message from {@code zoho.crm.writes}, checked and parsed.
 *
 * @param key                   what the service remembers the message by: its message_id, else a digest of its content
 * @param messageId             the AMQP message_id, if the publisher set one
 * @param correlationId         what the result carries as correlation_id: the message's correlation_id, else its message_id
 * @param duplicateCheckFields  the raw {@code ZohoDuplicateCheckFields} header, or null
 * @param records               the records (maps; plain ids for a delete)
 * @param original              the message as received, for dead letters and holds
 */
public record WriteMessage(
        String key,
        String messageId,
        String correlationId,
        String connectionId,
        String module,
        CrmOperation operation,
        String duplicateCheckFields,
        List<Object> records,
        Message original) {
}
