package io.zohoconnect.amqp;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;

import io.zohoconnect.support.RabbitIntegrationTest;
import io.zohoconnect.support.TestBroker.Received;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What the service declares on the broker and sends to it besides write results: events and syncs. */
class RabbitOutputsTest extends RabbitIntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theQueuesAndExchangesAreDeclaredDurableWithTheWritesQueueDeadLetteringToTheDeadLetterQueue() throws Exception {
        Channel channel = broker.newChannel();
        // a declaration that differs from what exists is refused by the broker: these match exactly
        channel.queueDeclare(WRITES, true, false, false,
                Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", DEAD));
        channel.queueDeclare(DEAD, true, false, false, null);
        channel.exchangeDeclare(RESULTS, "topic", true);
        channel.exchangeDeclare(EVENTS, "topic", true);
        assertThatThrownBy(() -> channel.queueDeclare(WRITES, false, false, false, null))
                .hasStackTraceContaining("PRECONDITION_FAILED");
    }

    @Test
    void connectionLifecycleEventsReachTheEventsExchangeWithTheTypeAsRoutingKey() throws Exception {
        String events = broker.subscribe(EVENTS, "connection.#");
        String connectionId = "ev-" + UUID.randomUUID().toString().substring(0, 8);

        service.connect(connectionId, "eu", "production");
        assertThat(service.sendAsAdmin("DELETE", "/api/connections/" + connectionId, null).statusCode()).isEqualTo(200);

        Map<String, Received> byType = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            broker.drain(events).stream().filter(e -> e.body().contains("\"connection_id\":\"" + connectionId + "\""))
                    .forEach(e -> byType.put(e.routingKey(), e));
            return byType.containsKey("connection.deleted");
        });
        Received created = byType.get("connection.created");
        assertThat(created).isNotNull();
        JsonNode body = JSON.readTree(created.body());
        assertThat(body.path("type").asText()).isEqualTo("connection.created");
        assertThat(body.path("connection_id").asText()).isEqualTo(connectionId);
        assertThat(body.path("dc").asText()).isEqualTo("eu");
        assertThat(created.body()).doesNotContain("token\":");
        assertThat(created.properties().getContentType()).isEqualTo("application/json");
        assertThat(byType).containsKeys("connection.revoked", "connection.deleted");
    }

    @Test
    void aModuleSyncFeedsAQueue() throws Exception {
        simulator.seedModule("eu", "production", "Deals", 30, 0, 5);
        service.connect("yaml-inbox", "eu", "production");

        assertThat(service.sendAsAdmin("POST", "/api/syncs/example-deals-to-rabbitmq/run", null).statusCode()).isEqualTo(202);

        Map<String, Received> deals = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            broker.drain(SYNC_QUEUE).forEach(message -> deals.put(message.header("ZohoRecordId"), message));
            return deals.size() == 30;
        });
        Received one = deals.values().iterator().next();
        assertThat(one.routingKey()).isEqualTo("Deals");
        assertThat(one.header("ZohoModule")).isEqualTo("Deals");
        assertThat(one.header("ZohoConnectionId")).isEqualTo("yaml-inbox");
        assertThat(JSON.readTree(one.body()).path("id").asText()).isEqualTo(one.header("ZohoRecordId"));
        assertThat(JSON.readTree(one.body()).has("Deal_Name")).isTrue();
    }
}
