package io.zohoconnect.crm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.support.CrmFault;
import io.zohoconnect.support.IntegrationTest;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The zoho-crm component's batched writes and empty raw reads against the simulator's records API; the write path's
 * answer to every CRM fault (what a fault does to a read is {@code CrmCallTest}'s).
 */
class CrmWriteTest extends IntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    io.zohoconnect.crm.wire.CrmWire wire;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    CamelContext camel;
    @Autowired
    ConnectionStore connections;

    MockEndpoint deadLetters;
    String connectionId;

    @BeforeEach
    void connect() {
        simulator.resetData();
        deadLetters = camel.getEndpoint("mock:zoho-dead-letter", MockEndpoint.class);
        deadLetters.reset();
        connectionId = "w-" + UUID.randomUUID().toString().substring(0, 8);
        service.connect(connectionId, "eu", "production");
    }

    @Test
    void a250RecordUpsertIsThreeCallsWithResultsInInputOrder() throws Exception {
        List<Map<String, Object>> leads = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            leads.add(Map.of("Last_Name", "Lead " + i, "Company", "Acme", "Email", "lead" + i + "@example.com"));
        }
        JsonNode summary = write("Leads", "upsert", leads, "Email");

        assertThat(summary.path("total").asInt()).isEqualTo(250);
        assertThat(summary.path("succeeded").asInt()).isEqualTo(250);
        assertThat(simulator.crmRequestsFor("POST /eu/api/crm/v8/Leads/upsert")).isEqualTo(3);
        JsonNode results = summary.path("results");
        for (int i = 0; i < 250; i++) {
            assertThat(results.get(i).path("index").asInt()).isEqualTo(i);
            assertThat(results.get(i).path("status").asText()).isEqualTo("success");
            assertThat(results.get(i).path("action").asText()).isEqualTo("insert");
            assertThat(results.get(i).path("id").asText()).matches("[0-9]+");
        }
        // the same file again: every record is now an update of the one inserted before
        JsonNode again = write("Leads", "upsert", leads, "Email");
        assertThat(again.path("results").get(249).path("action").asText()).isEqualTo("update");
        assertThat(again.path("results").get(249).path("id").asText()).isEqualTo(results.get(249).path("id").asText());
        assertThat(deadLetters.getReceivedCounter()).isZero();
    }

    @Test
    void aPartialFailureSendsTheFailedRecordsToTheDeadLetterEndpoint() throws Exception {
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, Object> contact = new HashMap<>(Map.of("Email", "c" + i + "@example.com"));
            if (i % 3 != 0) {
                contact.put("Last_Name", "Contact " + i); // 0, 3, 6 and 9 lack the mandatory Last_Name
            }
            contacts.add(contact);
        }
        deadLetters.expectedMessageCount(4);
        JsonNode summary = write("Contacts", "insert", contacts, null);

        assertThat(summary.path("failed").asInt()).isEqualTo(4);
        assertThat(summary.path("results").get(3).path("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(summary.path("results").get(4).path("status").asText()).isEqualTo("success");
        deadLetters.assertIsSatisfied(5000);
        JsonNode letter = JSON.readTree(deadLetters.getReceivedExchanges().get(1).getMessage().getBody(String.class));
        assertThat(letter.path("index").asInt()).isEqualTo(3);
        assertThat(letter.path("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(letter.path("record").path("Email").asText()).isEqualTo("c3@example.com");
        assertThat(letter.path("connection_id").asText()).isEqualTo(connectionId);
    }

    @Test
    void aBatchWhereEveryRecordFailsStillReportsEachRecord() throws Exception {
        deadLetters.expectedMessageCount(2);
        JsonNode summary = write("Deals", "insert", List.of(Map.of("Amount", 1), Map.of("Amount", 2)), null);
        assertThat(summary.path("failed").asInt()).isEqualTo(2);
        assertThat(summary.path("results").get(1).path("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
        deadLetters.assertIsSatisfied(5000);
    }

    @Test
    void updateAndDeleteWorkOnAnyModule() throws Exception {
        simulator.seedModule("eu", "production", "Vendors_X", 30, 0, 7);
        List<String> ids = simulator.liveIds("eu", "production", "Vendors_X").subList(0, 5);
        List<Map<String, Object>> updates = ids.stream().map(id -> Map.<String, Object>of("id", id, "Name", "Renamed")).toList();
        assertThat(write("Vendors_X", "update", updates, null).path("succeeded").asInt()).isEqualTo(5);

        JsonNode deleted = write("Vendors_X", "delete", new ArrayList<>(ids), null);
        assertThat(deleted.path("succeeded").asInt()).isEqualTo(5);
        assertThat(simulator.module("eu", "production", "Vendors_X").path("count").asInt()).isEqualTo(25);
    }

    static Stream<String> everyCrmFault() {
        return CrmFault.TYPES.stream();
    }

    /**
     * Every fault Zoho's CRM API can show a batched insert, persistently: the insert is repeated only where Zoho
     * certainly did not apply it (a 401, after a refresh; a 429), every record is reported failed with Zoho's code and
     * dead-lettered with the record itself, and Zoho holds none of them. Then, the fault cleared, the dead-lettered
     * records written again succeed, each exactly once.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCrmFault")
    void anInsertZohoFailsIsRepeatedOnlyWhereSafeAndEveryRecordIsReportedAndDeadLettered(String type) throws Exception {
        CrmFault fault = CrmFault.of(type);
        String module = "Fw_" + type;
        simulator.seedModule("eu", "production", module, 0, 0, 1);
        String counted = "POST /eu/api/crm/v8/" + module;
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(Map.of("Name", type + " record " + i, "Email", type.replace('_', '-') + i + "@example.com"));
        }
        deadLetters.expectedMessageCount(records.size());
        String refreshToken = connections.find(connectionId).orElseThrow().refreshToken().value();

        fault.arm(simulator, -1, "/" + module, "POST", 0);
        JsonNode failed = write(module, "insert", records, null);

        assertThat(failed.path("total").asInt()).isEqualTo(3);
        assertThat(failed.path("failed").asInt()).isEqualTo(3);
        assertThat(failed.path("succeeded").asInt()).isZero();
        JsonNode results = failed.path("results");
        assertThat(results).as("a result for every record").hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(results.get(i).path("index").asInt()).isEqualTo(i);
            assertThat(results.get(i).path("status").asText()).isEqualTo("error");
            assertThat(results.get(i).path("code").asText()).isEqualTo(fault.code());
            assertThat(results.get(i).path("message").asText()).isNotBlank();
        }
        deadLetters.assertIsSatisfied(5000);
        for (int i = 0; i < 3; i++) {
            JsonNode letter = JSON.readTree(deadLetters.getReceivedExchanges().get(i).getMessage().getBody(String.class));
            assertThat(letter.path("index").asInt()).isEqualTo(i);
            assertThat(letter.path("code").asText()).isEqualTo(fault.code());
            assertThat(letter.path("connection_id").asText()).isEqualTo(connectionId);
            assertThat(letter.path("module").asText()).isEqualTo(module);
            assertThat(letter.path("operation").asText()).isEqualTo("insert");
            assertThat(letter.path("record").path("Name").asText()).isEqualTo(records.get(i).get("Name"));
        }
        assertThat(simulator.crmRequestsFor(counted)).as("attempts").isEqualTo(fault.attemptsOfAnInsert());
        assertThat(retries.waits()).as("retries scheduled").hasSize(fault.code().equals("TOO_MANY_REQUESTS")
                ? CrmFault.ATTEMPTS - 1 : 0);
        assertThat(connections.find(connectionId).orElseThrow().refreshToken().value()).isEqualTo(refreshToken);
        assertThat(simulator.module("eu", "production", module).path("count").asInt()).isZero();

        simulator.clearFaults();
        deadLetters.reset();
        JsonNode written = write(module, "insert", records, null);
        assertThat(written.path("succeeded").asInt()).isEqualTo(3);
        for (JsonNode result : written.path("results")) {
            assertThat(result.path("status").asText()).isEqualTo("success");
            assertThat(result.path("id").asText()).matches("[0-9]+");
        }
        assertThat(deadLetters.getReceivedCounter()).isZero();
        assertThat(simulator.module("eu", "production", module).path("count").asInt()).isEqualTo(3);
    }

    @Test
    void badWriteRequestsAreClearErrors() {
        assertThatThrownBy(() -> producer.requestBodyAndHeaders("zoho-crm:merge/Leads", "[]",
                Map.of(ZohoHeaders.CONNECTION_ID, connectionId))).rootCause()
                .hasMessageContaining("insert, update, upsert, delete");
        assertThatThrownBy(() -> producer.requestBodyAndHeaders("zoho-crm:insert/Leads", "not json",
                Map.of(ZohoHeaders.CONNECTION_ID, connectionId))).rootCause().hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> producer.requestBodyAndHeaders("zoho-crm:insert/Le-ads", "[]",
                Map.of(ZohoHeaders.CONNECTION_ID, connectionId))).rootCause().hasMessageContaining("not a CRM module");
    }

    @Test
    void emptyResultsAreNotErrors() {
        simulator.seedModule("eu", "production", "Empty_Module", 0, 0, 1);
        Exchange empty = producer.request("zoho-crm:raw", e -> {
            e.getMessage().setHeader(ZohoHeaders.CONNECTION_ID, connectionId);
            e.getMessage().setHeader(ZohoHeaders.CRM_PATH, "Empty_Module");
            e.getMessage().setHeader(Exchange.HTTP_QUERY, "fields=Name");
        });
        assertThat(empty.getException()).isNull();
        assertThat(empty.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(204);
        assertThat(empty.getMessage().getBody()).isNull();

        Exchange notModified = producer.request("zoho-crm:raw", e -> {
            e.getMessage().setHeader(ZohoHeaders.CONNECTION_ID, connectionId);
            e.getMessage().setHeader(ZohoHeaders.CRM_PATH, "Leads");
            e.getMessage().setHeader(Exchange.HTTP_QUERY, "fields=Last_Name");
            e.getMessage().setHeader("If-Modified-Since", "2099-01-01T00:00:00+00:00");
        });
        assertThat(notModified.getException()).isNull();
        assertThat(notModified.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(304);
        assertThat(notModified.getMessage().getBody()).isNull();
    }

    private JsonNode write(String module, String operation, List<?> records, String duplicateCheck) throws Exception {
        Map<String, Object> headers = new HashMap<>(Map.of(ZohoHeaders.CONNECTION_ID, connectionId));
        if (duplicateCheck != null) {
            headers.put(ZohoHeaders.DUPLICATE_CHECK_FIELDS, duplicateCheck);
        }
        Exchange result = producer.request("zoho-crm:" + operation + "/" + module, e -> {
            e.getMessage().setHeaders(headers);
            e.getMessage().setBody(records);
        });
        if (result.getException() != null) {
            throw result.getException();
        }
        JsonNode summary = JSON.readTree(wire.write(result.getMessage().getBody(io.zohoconnect.crm.wire.WriteSummary.class)));
        assertThat(result.getMessage().getHeader(ZohoHeaders.WRITE_FAILED, Long.class)).isEqualTo(summary.path("failed").asLong());
        return summary;
    }
}
