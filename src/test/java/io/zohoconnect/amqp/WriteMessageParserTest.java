package io.zohoconnect.amqp;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.component.CrmOperation;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What makes a write message processable, decided before anything is written. */
class WriteMessageParserTest {

    final WriteMessageParser parser = new WriteMessageParser(new ObjectMapper());

    @Test
    void anArrayBodyWithTheThreeHeadersIsAWriteOfEveryRecord() {
        WriteMessage message = parser.parse(message(headers("upsert"), "m-1", null, "[{\"Last_Name\":\"A\"},{\"Last_Name\":\"B\"}]"));
        assertThat(message.operation()).isEqualTo(CrmOperation.UPSERT);
        assertThat(message.records()).hasSize(2);
        assertThat(message.key()).isEqualTo("id:m-1");
        assertThat(message.correlationId()).isEqualTo("m-1");
        assertThat(message.duplicateCheckFields()).isEqualTo("Email");
    }

    @Test
    void anObjectIsOneRecordAndDataWrapsAnArray() {
        assertThat(parser.parse(message(headers("insert"), null, null, "{\"Last_Name\":\"A\"}")).records()).hasSize(1);
        assertThat(parser.parse(message(headers("insert"), null, null, "{\"data\":[{\"a\":1},{\"a\":2}]}")).records()).hasSize(2);
    }

    @Test
    void theCorrelationIdWinsOverTheMessageIdForTheResult() {
        assertThat(parser.parse(message(headers("insert"), "m-1", "order-7", "{}")).correlationId()).isEqualTo("order-7");
    }

    @Test
    void withoutAMessageIdTheSameContentIsTheSameMessage() {
        String first = parser.parse(message(headers("insert"), null, null, "[{\"a\":1}]")).key();
        assertThat(first).startsWith("sha256:");
        assertThat(parser.parse(message(headers("insert"), null, null, "[{\"a\":1}]")).key()).isEqualTo(first);
        assertThat(parser.parse(message(headers("insert"), null, null, "[{\"a\":2}]")).key()).isNotEqualTo(first);
        assertThat(parser.parse(message(headers("update"), null, null, "[{\"a\":1}]")).key()).isNotEqualTo(first);
    }

    @Test
    void brokenMessagesAreRefusedWithAReasonThatSaysWhatToFix() {
        assertRefused(message(headers("insert"), "x", null, "[{\"a\":"), "not valid JSON");
        assertRefused(message(headers("insert"), "x", null, ""), "body is empty");
        assertRefused(message(headers("insert"), "x", null, "[]"), "no records");
        assertRefused(message(headers("insert"), "x", null, "\"text\""), "JSON object or array");
        assertRefused(message(headers("insert"), "x", null, "[1, 2]"), "record 0 is not a JSON object");
        assertRefused(message(headers("delete"), "x", null, "[{\"Name\":\"no id\"}]"), "record 0 has no id");
        assertRefused(message(without("ZohoConnectionId"), "x", null, "{}"), "missing header ZohoConnectionId");
        assertRefused(message(without("ZohoModule"), "x", null, "{}"), "missing header ZohoModule");
        assertRefused(message(without("ZohoWriteOperation"), "x", null, "{}"), "missing header ZohoWriteOperation");
        assertRefused(message(headers("merge"), "x", null, "{}"), "insert, update, upsert, delete");
        Map<String, Object> badModule = headers("insert");
        badModule.put("ZohoModule", "../users");
        assertRefused(message(badModule, "x", null, "{}"), "must name a CRM module");
    }

    @Test
    void deletesTakePlainIdsOrRecordsWithAnId() {
        assertThat(parser.parse(message(headers("delete"), null, null, "[\"123\", {\"id\": 456}]")).records()).hasSize(2);
    }

    private void assertRefused(Message message, String reason) {
        assertThatThrownBy(() -> parser.parse(message)).isInstanceOf(UnprocessableMessageException.class).hasMessageContaining(reason);
    }

    private static Map<String, Object> headers(String operation) {
        Map<String, Object> headers = new java.util.HashMap<>();
        headers.put("ZohoConnectionId", "acme");
        headers.put("ZohoModule", "Leads");
        headers.put("ZohoWriteOperation", operation);
        headers.put("ZohoDuplicateCheckFields", "Email");
        return headers;
    }

    private static Map<String, Object> without(String header) {
        Map<String, Object> headers = headers("insert");
        headers.remove(header);
        return headers;
    }

    private static Message message(Map<String, Object> headers, String messageId, String correlationId, String body) {
        MessageProperties properties = new MessageProperties();
        headers.forEach(properties::setHeader);
        properties.setMessageId(messageId);
        properties.setCorrelationId(correlationId);
        return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
    }
}
