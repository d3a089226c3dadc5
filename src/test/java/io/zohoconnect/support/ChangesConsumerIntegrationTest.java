package io.zohoconnect.support;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.sync.ConsumerSyncs;
import io.zohoconnect.sync.SyncRegistry;
import io.zohoconnect.sync.SyncReport;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Base of the end-to-end tests of {@code from("zoho-crm:changes/{module}")}: each test gets a connection of
 * its own, and the routes it adds to the shared Camel context are removed after it (the context is cached
 * across the suite, so a route left behind would keep consuming in the next test class).
 */
public abstract class ChangesConsumerIntegrationTest extends IntegrationTest {

    /** A cron that never fires during a test: runs are started by the test, the admin API or the consumer's start. */
    protected static final String NEVER = "0 0 0 1 1 ? 2099";

    @Autowired
    protected CamelContext camel;
    @Autowired
    private SyncRegistry registry;
    @Autowired
    private ConsumerSyncs consumerSyncs;

    /** The test's connection, connected in the simulator's EU production data center. */
    protected String connectionId;
    /** The ids of the routes the test added, in order. */
    protected final List<String> routes = new ArrayList<>();

    private final String connectionPrefix;

    /** @param connectionPrefix starts the ids of this class's connections, so a log line says which test made it */
    protected ChangesConsumerIntegrationTest(String connectionPrefix) {
        this.connectionPrefix = connectionPrefix;
    }

    @BeforeEach
    void connect() {
        simulator.resetData();
        connectionId = connectionPrefix + UUID.randomUUID().toString().substring(0, 8);
        service.connect(connectionId, "eu", "production");
    }

    @AfterEach
    void removeRoutes() throws Exception {
        for (String id : routes) {
            camel.getRouteController().stopRoute(id);
            camel.removeRoute(id);
        }
    }

    /** Adds the builder's routes (each with a route id) to the context, to be removed after the test. */
    protected void addRoutes(RouteBuilder builder) throws Exception {
        camel.addRoutes(builder);
        for (RouteDefinition route : builder.getRouteCollection().getRoutes()) {
            routes.add(route.getRouteId());
        }
    }

    /** A consumer of {@code module} on the test's connection, with further endpoint options, into a mock endpoint. */
    protected MockEndpoint consume(String module, String options) throws Exception {
        String route = "changes-" + connectionId + "-" + module;
        MockEndpoint sink = camel.getEndpoint("mock:" + route, MockEndpoint.class);
        addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zoho-crm:changes/" + module + "?connectionId=" + connectionId + "&" + options).routeId(route).to(sink);
            }
        });
        return sink;
    }

    /** A run now, on this thread, as a tick of the consumer's cron would run it (into its route). */
    protected SyncReport runNow(String syncId) {
        return consumerSyncs.run(registry.find(syncId).orElseThrow());
    }

    /** The {@link ZohoHeaders#RECORD_ID} of every message the sink received, in order. */
    protected static List<String> ids(MockEndpoint sink) {
        return sink.getReceivedExchanges().stream().map(e -> e.getMessage().getHeader(ZohoHeaders.RECORD_ID, String.class))
                .toList();
    }
}
