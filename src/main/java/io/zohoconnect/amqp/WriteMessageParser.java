package io.zohoconnect.amqp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.ZohoHeaders;
import io.zohoconnect.component.CrmOperation;
import io.zohoconnect.web.connect.ConnectRequests;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.stereotype.Component;

/**
 * Reads a write message: headers {@code ZohoConnectionId}, {@code ZohoModule},
 * {@code ZohoWriteOperation}, optional {@code ZohoDuplicateCheckFields}; body a JSON object (one
 * record, or {@code {"data":[…]}}) or array. Everything is checked before anything is written, so a
 * broken message is dead-lettered whole instead of half-written.
 */
@Component
public final class WriteMessageParser {

    private static final Pattern MODULE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");
    private static final Pattern RECORD_ID = Pattern.compile("[0-9A-Za-z_-]{1,40}");
    /** Longer message ids are remembered by their digest (the key column holds 200 characters). */
    private static final int MAX_PLAIN_KEY = 150;

    private final ObjectMapper json;

    public WriteMessageParser(ObjectMapper json) {
        this.json = json;
    }

    public WriteMessage parse(Message message) {
        MessageProperties properties = message.getMessageProperties();
        Map<String, Object> headers = properties.getHeaders();
        String connectionId = header(headers, ZohoHeaders.CONNECTION_ID);
        if (connectionId == null) {
            throw new UnprocessableMessageException("missing header " + ZohoHeaders.CONNECTION_ID
                    + ": set it to the id of a connected Zoho account");
        }
        if (!ConnectRequests.CONNECTION_ID.matcher(connectionId).matches()) {
            throw new UnprocessableMessageException("header " + ZohoHeaders.CONNECTION_ID + " is not a connection id");
        }
        String module = header(headers, ZohoHeaders.MODULE);
        if (module == null) {
            throw new UnprocessableMessageException("missing header " + ZohoHeaders.MODULE + ": set it to a CRM module such as Leads");
        }
        if (!MODULE.matcher(module).matches()) {
            throw new UnprocessableMessageException("header " + ZohoHeaders.MODULE + " must name a CRM module such as Leads");
        }
        String operationName = header(headers, ZohoHeaders.WRITE_OPERATION);
        if (operationName == null) {
            throw new UnprocessableMessageException("missing header " + ZohoHeaders.WRITE_OPERATION
                    + ": set it to insert, update, upsert or delete");
        }
        CrmOperation operation;
        try {
            operation = CrmOperation.parseWrite(operationName);
        } catch (IllegalArgumentException e) {
            throw new UnprocessableMessageException(e.getMessage());
        }
        List<Object> records = records(message.getBody(), operation);
        String messageId = blankToNull(properties.getMessageId());
        String correlationId = blankToNull(properties.getCorrelationId());
        return new WriteMessage(key(messageId, message), messageId, correlationId != null ? correlationId : messageId,
                connectionId, module, operation, header(headers, ZohoHeaders.DUPLICATE_CHECK_FIELDS), records, message);
    }

    private List<Object> records(byte[] body, CrmOperation operation) {
        if (body == null || body.length == 0) {
            throw new UnprocessableMessageException("the body is empty: expected a JSON object or array of records");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (java.io.IOException e) {
            throw new UnprocessableMessageException("the body is not valid JSON: expected a JSON object or array of records");
        }
        JsonNode array = root != null && root.isObject() && root.path("data").isArray() ? root.get("data")
                : root != null && root.isObject() ? json.createArrayNode().add(root) : root;
        if (array == null || !array.isArray()) {
            throw new UnprocessableMessageException("the body must be a JSON object or array of records");
        }
        if (array.isEmpty()) {
            throw new UnprocessableMessageException("the body holds no records");
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode record = array.get(i);
            if (operation == CrmOperation.DELETE) {
                JsonNode id = record.isObject() ? record.path("id") : record;
                if (!id.isValueNode() || !RECORD_ID.matcher(id.asText()).matches()) {
                    throw new UnprocessableMessageException("record " + i + " has no id to delete");
                }
            } else if (!record.isObject()) {
                throw new UnprocessableMessageException("record " + i + " is not a JSON object");
            }
        }
        return json.convertValue(array, new TypeReference<List<Object>>() { });
    }

    private static String key(String messageId, Message message) {
        if (messageId != null && messageId.length() <= MAX_PLAIN_KEY) {
            return "id:" + messageId;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            if (messageId != null) {
                digest.update(messageId.getBytes(StandardCharsets.UTF_8));
                return "id-sha256:" + HexFormat.of().formatHex(digest.digest());
            }
            // no message id: the same headers and body are the same message (set message_id to tell copies apart)
            for (String name : List.of(ZohoHeaders.CONNECTION_ID, ZohoHeaders.MODULE, ZohoHeaders.WRITE_OPERATION,
                    ZohoHeaders.DUPLICATE_CHECK_FIELDS)) {
                digest.update((name + "=" + header(message.getMessageProperties().getHeaders(), name) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            digest.update(message.getBody());
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String header(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        return value == null ? null : blankToNull(value.toString().trim());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
