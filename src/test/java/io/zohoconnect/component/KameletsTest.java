package io.zohoconnect.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.sync.ConsumerSyncs;
import io.zohoconnect.sync.SyncRegistry;
import io.zohoconnect.sync.SyncReport;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kamelets shipped in the jar, used from YAML routes as a route author writes them. */
class KameletsTest extends IntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    SyncRegistry registry;
    @Autowired
    ConsumerSyncs consumerSyncs;

    final List<String> routes = new ArrayList<>();

    @AfterEach
    void removeRoutes() throws Exception {
        for (String id : routes) {
            camel.getRouteController().stopRoute(id);
            camel.removeRoute(id);
        }
    }

    @Test
    void theSourceKameletDeliversAModulePastTwoThousandRecordsAsJson() throws Exception {
        simulator.resetData();
        String connection = "kam-" + UUID.randomUUID().toString().substring(0, 8);
        service.connect(connection, "in", "production");
        simulator.seedModule("in", "production", "Kam_Source", 2_100, 0, 61);
        loadYaml("kamelet-source-" + connection, """
                - route:
                    id: kamelet-source-%1$s
                    from:
                      uri: "kamelet:zoho-crm-source"
                      parameters:
                        connectionId: %1$s
                        module: Kam_Source
                        fields: "Name,Email"
                        schedule: "0 0 0 1 1 ? 2099"
                      steps:
                        - to: "mock:kamelet-source-%1$s"
                """.formatted(connection));
        MockEndpoint sink = camel.getEndpoint("mock:kamelet-source-" + connection, MockEndpoint.class);

        SyncReport report = consumerSyncs.run(registry.find(connection + "-Kam_Source").orElseThrow());

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(sink.getReceivedExchanges()).hasSize(2_100);
        Exchange first = sink.getReceivedExchanges().get(0);
        JsonNode record = JSON.readTree(first.getMessage().getBody(String.class));
        assertThat(record.path("id").asText()).isEqualTo(first.getMessage().getHeader(ZohoHeaders.RECORD_ID));
        assertThat(record.has("Email")).isTrue();
        assertThat(first.getMessage().getHeader(ZohoHeaders.CONNECTION_ID)).isEqualTo(connection);
        assertThat(first.getMessage().getHeader(ZohoHeaders.MODULE)).isEqualTo("Kam_Source");
        assertThat(sink.getReceivedExchanges().stream().map(e -> e.getMessage().getHeader(ZohoHeaders.RECORD_ID)))
                .doesNotHaveDuplicates();
    }

    @Test
    void theSinkKameletUpsertsEveryRecordOfAJsonArrayInBatches() throws Exception {
        String connection = "kam-" + UUID.randomUUID().toString().substring(0, 8);
        service.connect(connection, "in", "production");
        loadYaml("kamelet-sink-" + connection, """
                - route:
                    id: kamelet-sink-%1$s
                    from:
                      uri: "direct:kamelet-sink-%1$s"
                      steps:
                        - to: "kamelet:zoho-crm-sink?connectionId=%1$s&module=Leads&operation=upsert&duplicateCheckFields=Email"
                """.formatted(connection));
        List<Map<String, Object>> leads = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            leads.add(Map.of("Last_Name", "Kamelet " + i, "Company", "Sink Ltd", "Email", "k" + i + "-" + connection + "@example.com"));
        }

        Exchange first = producer.request("direct:kamelet-sink-" + connection,
                e -> e.getMessage().setBody(JSON.writeValueAsString(leads)));
        Exchange again = producer.request("direct:kamelet-sink-" + connection,
                e -> e.getMessage().setBody(JSON.writeValueAsString(leads.subList(0, 10))));

        assertThat(first.getException()).isNull();
        assertThat(first.getMessage().getHeader(ZohoHeaders.WRITE_SUCCEEDED)).isEqualTo(250);
        assertThat(first.getMessage().getHeader(ZohoHeaders.WRITE_FAILED)).isEqualTo(0);
        assertThat(again.getMessage().getHeader(ZohoHeaders.WRITE_SUCCEEDED)).isEqualTo(10);
        JsonNode results = JSON.valueToTree(again.getMessage().getBody()).path("results");
        assertThat(results).hasSize(10);
        results.forEach(r -> assertThat(r.path("action").asText()).as("matched by Email").isEqualTo("update"));
        assertThat(Set.copyOf(simulator.liveIds("in", "production", "Leads"))).hasSizeGreaterThanOrEqualTo(250);
    }

    @Test
    void theSinkKameletWritesToItsConnectionWhateverConnectionAMessageNames() throws Exception {
        simulator.resetData();
        String connection = "kam-pin-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "kam-other-" + UUID.randomUUID().toString().substring(0, 8);
        service.connect(connection, "au", "production");
        service.connect(other, "jp", "production");
        loadYaml("kamelet-pinned-" + connection, """
                - route:
                    id: kamelet-pinned-%1$s
                    from:
                      uri: "direct:kamelet-pinned-%1$s"
                      steps:
                        - to: "kamelet:zoho-crm-sink?connectionId=%1$s&module=Leads&operation=insert"
                """.formatted(connection));

        Exchange written = producer.request("direct:kamelet-pinned-" + connection, e -> {
            e.getMessage().setHeader(ZohoHeaders.CONNECTION_ID, other); // e.g. an AMQP sender's header
            e.getMessage().setBody(JSON.writeValueAsString(List.of(Map.of("Last_Name", "Pinned", "Company", "Au Ltd"))));
        });

        assertThat(written.getException()).isNull();
        assertThat(written.getMessage().getHeader(ZohoHeaders.WRITE_SUCCEEDED)).isEqualTo(1);
        assertThat(simulator.crmRequestsFor("POST /au/api/crm/v8/Leads")).isEqualTo(1);
        assertThat(simulator.crmRequestsFor("POST /jp/api/crm/v8/Leads")).isZero();
    }

    private void loadYaml(String routeId, String yaml) throws Exception {
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString(routeId + ".yaml", yaml));
        routes.add(routeId);
    }
}
