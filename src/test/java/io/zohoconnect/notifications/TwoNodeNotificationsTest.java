package io.zohoconnect.notifications;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.support.IntegrationTest;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One {@code mode=notifications} consumer on two nodes of one database: one channel for the sync, a
 * callback taken by either node, every change delivered once between them.
 */
class TwoNodeNotificationsTest extends IntegrationTest {

    static final String NEVER = "0 0 0 1 1 ? 2099";

    @Autowired
    CamelContext camel;
    @Autowired
    JdbcClient jdbc;

    @Test
    void twoNodesShareOneChannelAndEitherTakesItsCallbacks() throws Exception {
        simulator.resetData();
        service.connect("two-ntf-conn", "jp", "production");
        simulator.seedModule("jp", "production", "Ntf_Shared", 20, 0, 71);
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        String uri = "zoho-crm:changes/Ntf_Shared?mode=notifications&connectionId=two-ntf-conn&fields=Name"
                + "&schedule=" + NEVER;
        String syncId = "two-ntf-conn-Ntf_Shared";

        // one public URL for the cluster, as behind a load balancer: Zoho calls this node
        ConfigurableApplicationContext other = startOtherNodeBehindThisOne("second-ntf-node");
        try {
            other.getBean(CamelContext.class).addRoutes(consumer("two-ntf-there", uri, deliveries));
            camel.addRoutes(consumer("two-ntf-here", uri, deliveries));
            await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.size() == 20);
            assertThat(deliveries.values()).as("the gap fill at start ran once between them").allMatch(n -> n.get() == 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> channels(syncId) == 1);
            Set<String> channelIds = new java.util.HashSet<>(jdbc.sql("SELECT channel_id FROM zoho_notification_channel"
                    + " WHERE sync_id = :id").param("id", syncId).query(String.class).list());

            deliveries.clear();
            clock.advance(Duration.ofMinutes(1));
            List<String> live = simulator.liveIds("jp", "production", "Ntf_Shared");
            simulator.modifyRecords("jp", "production", "Ntf_Shared", Map.of("ids", live.subList(0, 5)));
            await().atMost(Duration.ofSeconds(15)).until(() -> deliveries.size() == 5);
            assertThat(deliveries.keySet()).isEqualTo(Set.copyOf(live.subList(0, 5)));

            // the same callback on both nodes (a load balancer may send Zoho's retry anywhere): taken, not resent
            JsonNode genuine = simulator.callbacks("notification").stream()
                    .filter(c -> c.path("outcome").asText().equals("sent")).reduce((a, b) -> b).orElseThrow().path("body");
            String otherBase = "http://localhost:" + other.getEnvironment().getProperty("local.server.port");
            for (String base : List.of(service.baseUrl(), otherBase)) {
                assertThat(service.send(HttpRequest.newBuilder(URI.create(base + NotificationStreams.CALLBACK_PATH))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(genuine.toString()))).statusCode()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> pending(syncId) == 0);
            assertThat(deliveries.values()).as("each change once").allMatch(n -> n.get() == 1);
            assertThat(channels(syncId)).as("one channel for the sync").isEqualTo(1);
            channelIds.addAll(jdbc.sql("SELECT channel_id FROM zoho_notification_channel WHERE sync_id = :id")
                    .param("id", syncId).query(String.class).list());
            assertThat(channelIds).as("made once, not re-made by the other node").hasSize(1);
        } finally {
            other.close();
        }
        assertThat(channels(syncId)).as("a node shutting down leaves the channel to the others").isEqualTo(1);
        camel.getRouteController().stopRoute("two-ntf-here");
        camel.removeRoute("two-ntf-here");
        assertThat(channels(syncId)).as("the last route stopped for good disables it").isZero();
    }

    @Test
    void aCallbackTakenByANodeWithoutTheRouteIsDeliveredByTheNodeThatHasIt() throws Exception {
        simulator.resetData();
        service.connect("two-ntf-away", "jp", "production");
        simulator.seedModule("jp", "production", "Ntf_Away", 6, 0, 72);
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        String syncId = "two-ntf-away-Ntf_Away";
        camel.addRoutes(consumer("two-ntf-away-here", "zoho-crm:changes/Ntf_Away?mode=notifications"
                + "&connectionId=two-ntf-away&fields=Name&schedule=" + NEVER, deliveries));
        ConfigurableApplicationContext other = startOtherNodeBehindThisOne("third-ntf-node");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.size() == 6 && channels(syncId) == 1);
            deliveries.clear();
            // Zoho's call does not reach this node: it is taken by the other one, which does not run the route
            simulator.callbackSwitch("notification", true, 0, 0);
            clock.advance(Duration.ofMinutes(1));
            String id = simulator.liveIds("jp", "production", "Ntf_Away").get(3);
            simulator.modifyRecords("jp", "production", "Ntf_Away", Map.of("ids", List.of(id)));
            JsonNode lost = simulator.callbacks("notification").stream()
                    .filter(c -> c.path("outcome").asText().equals("dropped")).reduce((a, b) -> b).orElseThrow().path("body");
            String otherBase = "http://localhost:" + other.getEnvironment().getProperty("local.server.port");
            assertThat(service.send(HttpRequest.newBuilder(URI.create(otherBase + NotificationStreams.CALLBACK_PATH))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(lost.toString()))).statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(15)).until(() -> deliveries.containsKey(id));
            await().atMost(Duration.ofSeconds(10)).until(() -> pending(syncId) == 0);
            assertThat(deliveries.keySet()).containsExactly(id);
        } finally {
            simulator.callbackSwitch("notification", false, 0, 0);
            other.close();
            camel.getRouteController().stopRoute("two-ntf-away-here");
            camel.removeRoute("two-ntf-away-here");
        }
    }

    private long channels(String syncId) {
        return jdbc.sql("SELECT COUNT(*) FROM zoho_notification_channel WHERE sync_id = :id").param("id", syncId)
                .query(Long.class).single();
    }

    private long pending(String syncId) {
        return jdbc.sql("SELECT COUNT(*) FROM zoho_notification_inbox WHERE sync_id = :id").param("id", syncId)
                .query(Long.class).single();
    }

    private static RouteBuilder consumer(String routeId, String uri, Map<String, AtomicInteger> deliveries) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(routeId).process(e -> deliveries.computeIfAbsent(
                        e.getMessage().getHeader(ZohoHeaders.RECORD_ID, String.class), id -> new AtomicInteger())
                        .incrementAndGet());
            }
        };
    }
}
