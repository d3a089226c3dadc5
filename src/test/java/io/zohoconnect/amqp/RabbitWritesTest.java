package io.zohoconnect.amqp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.support.RabbitIntegrationTest;
import io.zohoconnect.support.TestBroker.Received;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CRM writes from the RabbitMQ queue, end to end: a plain AMQP client publishes, the service writes
 * to the simulator, and the client reads results and dead letters from the broker.
 */
class RabbitWritesTest extends RabbitIntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WITHIN = Duration.ofSeconds(30);

    String connectionId;
    String results;

    @BeforeEach
    void connect() {
        connectionId = "mq-" + UUID.randomUUID().toString().substring(0, 8);
        service.connect(connectionId, "eu", "production");
        results = broker.subscribe(RESULTS, "#");
    }

    @Test
    void writesFromTheQueueLandInZohoAndTheResultIsCorrelatedToTheMessage() throws Exception {
        int before = leads();
        List<Map<String, Object>> leads = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            leads.add(Map.of("Last_Name", "Queued " + i, "Company", "Acme", "Email", connectionId + "-" + i + "@example.com"));
        }
        broker.publish(WRITES, headers("Leads", "upsert", "Email"), "msg-" + connectionId, null, JSON.writeValueAsString(leads));

        Received result = broker.next(results, WITHIN);
        assertThat(result.routingKey()).isEqualTo("Leads");
        assertThat(result.properties().getCorrelationId()).isEqualTo("msg-" + connectionId);
        assertThat(result.header("ZohoConnectionId")).isEqualTo(connectionId);
        assertThat(result.header("ZohoModule")).isEqualTo("Leads");
        JsonNode summary = JSON.readTree(result.body());
        assertThat(summary.path("total").asInt()).isEqualTo(150);
        assertThat(summary.path("succeeded").asInt()).isEqualTo(150);
        assertThat(summary.path("results").get(149).path("index").asInt()).isEqualTo(149);
        assertThat(summary.path("results").get(149).path("id").asText()).matches("[0-9]+");
        assertThat(leads()).isEqualTo(before + 150);
        assertThat(simulator.crmRequestsFor("POST /eu/api/crm/v8/Leads/upsert")).isEqualTo(2);
        assertThat(broker.drain(DEAD)).isEmpty();
    }

    @Test
    void aSingleRecordObjectIsWrittenAndTheResultCarriesTheIncomingCorrelationId() throws Exception {
        broker.publish(WRITES, headers("Contacts", "insert", null), "m-" + connectionId, "order-42",
                "{\"Last_Name\":\"Single\",\"Email\":\"single@example.com\"}");

        Received result = broker.next(results, WITHIN);
        assertThat(result.properties().getCorrelationId()).isEqualTo("order-42");
        assertThat(result.routingKey()).isEqualTo("Contacts");
        assertThat(JSON.readTree(result.body()).path("succeeded").asInt()).isEqualTo(1);
    }

    @Test
    void recordsZohoRefusedAreDeadLetteredOneByOneWithZohosReason() throws Exception {
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, Object> contact = new HashMap<>(Map.of("Email", "c" + i + "@example.com"));
            if (i % 2 == 1) {
                contact.put("Last_Name", "Contact " + i); // 0 and 2 lack the mandatory Last_Name
            }
            contacts.add(contact);
        }
        broker.publish(WRITES, headers("Contacts", "insert", null), "partial-" + connectionId, null, JSON.writeValueAsString(contacts));

        JsonNode summary = JSON.readTree(broker.next(results, WITHIN).body());
        assertThat(summary.path("succeeded").asInt()).isEqualTo(2);
        assertThat(summary.path("failed").asInt()).isEqualTo(2);
        List<Received> letters = broker.drain(DEAD);
        assertThat(letters).hasSize(2);
        Received first = letters.get(0);
        assertThat(JSON.readTree(first.body()).path("Email").asText()).isEqualTo("c0@example.com");
        assertThat(first.header("ZohoErrorCode")).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(first.header("ZohoErrorMessage")).isNotBlank();
        assertThat(first.header("ZohoConnectionId")).isEqualTo(connectionId);
        assertThat(first.header("ZohoModule")).isEqualTo("Contacts");
        assertThat(first.header("ZohoSourceMessageId")).isEqualTo("partial-" + connectionId);
        assertThat(JSON.readTree(letters.get(1).body()).path("Email").asText()).isEqualTo("c2@example.com");
    }

    @Test
    void messagesThatCannotBeProcessedAreDeadLetteredWithTheirBytesAndTheReason() {
        int before = leads();
        String badJson = "[{\"Last_Name\": \"Broken\"";
        broker.publish(WRITES, headers("Leads", "insert", null), "bad-json-" + connectionId, null, badJson);
        Map<String, Object> noModule = headers("Leads", "insert", null);
        noModule.remove("ZohoModule");
        broker.publish(WRITES, noModule, "no-module-" + connectionId, null, "[{\"Last_Name\":\"X\"}]");
        Map<String, Object> stranger = headers("Leads", "insert", null);
        stranger.put("ZohoConnectionId", "nobody-" + connectionId);
        broker.publish(WRITES, stranger, "stranger-" + connectionId, null, "[{\"Last_Name\":\"X\"}]");
        broker.publish(WRITES, headers("Leads", "merge", null), "bad-op-" + connectionId, null, "[{\"Last_Name\":\"X\"}]");

        List<Received> letters = new ArrayList<>();
        await().atMost(WITHIN).until(() -> {
            letters.addAll(broker.drain(DEAD));
            return letters.size() >= 4;
        });
        Map<String, Received> byId = new HashMap<>();
        letters.forEach(letter -> byId.put(letter.properties().getMessageId(), letter));
        assertThat(byId.get("bad-json-" + connectionId).body()).isEqualTo(badJson);
        assertThat(byId.get("bad-json-" + connectionId).header("ZohoErrorReason")).contains("not valid JSON");
        assertThat(byId.get("no-module-" + connectionId).header("ZohoErrorReason")).contains("missing header ZohoModule");
        assertThat(byId.get("stranger-" + connectionId).header("ZohoErrorReason")).contains("unknown connection 'nobody-");
        assertThat(byId.get("bad-op-" + connectionId).header("ZohoErrorReason")).contains("insert, update, upsert, delete");
        assertThat(byId.get("stranger-" + connectionId).header("ZohoConnectionId")).isEqualTo("nobody-" + connectionId);
        assertThat(leads()).isEqualTo(before);
        assertThat(broker.drain(results)).isEmpty();
    }

    @Test
    void aMessageDeliveredAgainAfterItWasWrittenIsNotWrittenTwice() throws Exception {
        String body = JSON.writeValueAsString(List.of(Map.of("Last_Name", "Once", "Company", "Acme")));
        broker.publish(WRITES, headers("Leads", "insert", null), "once-" + connectionId, null, body);
        broker.next(results, WITHIN);
        int after = leads();

        // the publisher's retry (or the broker's redelivery) of the same message id
        broker.publish(WRITES, headers("Leads", "insert", null), "once-" + connectionId, null, body);
        broker.publish(WRITES, headers("Contacts", "insert", null), "marker-" + connectionId, null,
                "{\"Last_Name\":\"Marker\"}");
        assertThat(broker.next(results, WITHIN).properties().getCorrelationId()).isEqualTo("marker-" + connectionId);

        assertThat(leads()).isEqualTo(after);
        assertThat(simulator.crmRequestsFor("POST /eu/api/crm/v8/Leads")).isEqualTo(1);
    }

    @Test
    void a429ThatOutlastsTheRetriesHoldsTheMessageInsteadOfDeadLetteringIt() throws Exception {
        simulator.crmFault("http_429", 4, "/Leads/upsert", "POST"); // the call's 3 retries, and once more
        broker.publish(WRITES, headers("Leads", "upsert", "Email"), "busy-" + connectionId, null,
                JSON.writeValueAsString(List.of(Map.of("Last_Name", "Later", "Company", "Acme", "Email", connectionId + "@example.com"))));

        Received result = broker.next(results, WITHIN);
        assertThat(result.properties().getCorrelationId()).isEqualTo("busy-" + connectionId);
        assertThat(JSON.readTree(result.body()).path("succeeded").asInt()).isEqualTo(1);
        assertThat(simulator.crmRequestsFor("POST /eu/api/crm/v8/Leads/upsert")).isEqualTo(5);
        assertThat(broker.drain(DEAD)).isEmpty();
    }

    @Test
    void aConnectionThatNeedsReConsentHoldsItsMessagesUntilItIsConnectedAgain() throws Exception {
        simulator.fault("token", "invalid_code", 1);
        clock.advance(Duration.ofMinutes(2)); // past the one-refresh-per-minute rule
        assertThat(service.sendAsAdmin("POST", "/api/connections/" + connectionId + "/refresh", null).statusCode()).isEqualTo(409);

        broker.publish(WRITES, headers("Leads", "upsert", "Email"), "reauth-" + connectionId, null,
                JSON.writeValueAsString(List.of(Map.of("Last_Name", "Waiting", "Company", "Acme", "Email", connectionId + "@example.com"))));
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> broker.readyCount(HOLD) > 0);
        assertThat(simulator.crmRequestsFor("POST /eu/api/crm/v8/Leads/upsert")).isZero();
        assertThat(broker.drain(DEAD)).isEmpty();

        service.connect(connectionId, "eu", "production");
        Received result = broker.next(results, WITHIN);
        assertThat(result.properties().getCorrelationId()).isEqualTo("reauth-" + connectionId);
        assertThat(JSON.readTree(result.body()).path("succeeded").asInt()).isEqualTo(1);
    }

    @Test
    void aMessageWithoutAnOutcomeFiveTimesIsDeadLetteredAsUnprocessable() {
        simulator.crmFault("http_500", -1, "/Deals", "POST"); // an insert is not repeated by the call itself
        broker.publish(WRITES, headers("Deals", "insert", null), "poison-" + connectionId, null,
                "[{\"Deal_Name\":\"Poison\",\"Stage\":\"Qualification\"}]");

        Received letter = broker.next(DEAD, Duration.ofSeconds(60));
        assertThat(letter.properties().getMessageId()).isEqualTo("poison-" + connectionId);
        assertThat(letter.header("ZohoErrorReason")).startsWith("redelivered 5 times without an outcome")
                .contains("INTERNAL_ERROR");
        assertThat(letter.body()).isEqualTo("[{\"Deal_Name\":\"Poison\",\"Stage\":\"Qualification\"}]");
        assertThat(simulator.crmRequestsFor("POST /eu/api/crm/v8/Deals")).isEqualTo(5);
        assertThat(broker.drain(results)).isEmpty();
    }

    private int leads() {
        return simulator.module("eu", "production", "Leads").path("count").asInt();
    }

    private Map<String, Object> headers(String module, String operation, String duplicateCheck) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("ZohoConnectionId", connectionId);
        headers.put("ZohoModule", module);
        headers.put("ZohoWriteOperation", operation);
        if (duplicateCheck != null) {
            headers.put("ZohoDuplicateCheckFields", duplicateCheck);
        }
        return headers;
    }
}
