package io.zohoconnect.component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.support.IntegrationTest;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same {@code zoho-crm:changes} consumer on two nodes of one database, both ticking every second:
 * the sync lease lets one node run at a time and the shared checkpoint carries progress across, so
 * every record arrives exactly once between them.
 */
class TwoNodeChangesConsumerTest extends IntegrationTest {

    @Autowired
    CamelContext camel;

    @Test
    void twoNodesShareOneConsumerSyncThroughItsLease() throws Exception {
        simulator.resetData();
        service.connect("two-node-conn", "jp", "production");
        simulator.seedModule("jp", "production", "Chg_Shared", 4_000, 0, 51);
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        Set<String> nodesThatDelivered = ConcurrentHashMap.newKeySet();
        String uri = "zoho-crm:changes/Chg_Shared?connectionId=two-node-conn&fields=Name&deletions=false"
                + "&schedule=0/1 * * * * ?";

        ConfigurableApplicationContext other = startOtherNode("second-node");
        try {
            other.getBean(CamelContext.class).addRoutes(consumer("two-node-there", uri, "there", deliveries, nodesThatDelivered));
            camel.addRoutes(consumer("two-node-here", uri, "here", deliveries, nodesThatDelivered));

            await().atMost(Duration.ofSeconds(90)).until(() -> deliveries.size() == 4_000);
            assertThat(deliveries.keySet()).isEqualTo(Set.copyOf(simulator.liveIds("jp", "production", "Chg_Shared")));
            assertThat(deliveries.values()).as("each record once: never two runs at once, progress shared")
                    .allMatch(n -> n.get() == 1);
            ZohoCrmChangesConsumer there = (ZohoCrmChangesConsumer) other.getBean(CamelContext.class)
                    .getRoute("two-node-there").getConsumer();
            ZohoCrmChangesConsumer here = (ZohoCrmChangesConsumer) camel.getRoute("two-node-here").getConsumer();
            await().atMost(Duration.ofSeconds(30)).until(() -> there.getCounter() >= 2 && here.getCounter() >= 2);
            assertThat(deliveries.values()).allMatch(n -> n.get() == 1);
        } finally {
            other.close();
            camel.getRouteController().stopRoute("two-node-here");
            camel.removeRoute("two-node-here");
        }
    }

    private static RouteBuilder consumer(String routeId, String uri, String node, Map<String, AtomicInteger> deliveries,
            Set<String> nodes) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(routeId).process(e -> {
                    deliveries.computeIfAbsent(e.getMessage().getHeader(ZohoHeaders.RECORD_ID, String.class),
                            id -> new AtomicInteger()).incrementAndGet();
                    nodes.add(node);
                });
            }
        };
    }
}
