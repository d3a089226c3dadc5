package io.zohoconnect.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.sync.ConsumerSyncs;
import io.zohoconnect.sync.SyncRegistry;
import io.zohoconnect.sync.SyncReport;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The YAML routes shipped in ./routes, loaded by the real start-up and run end to end. */
@ExtendWith(OutputCaptureExtension.class)
class ExampleRoutesTest extends IntegrationTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    ConsumerSyncs consumerSyncs;
    @Autowired
    SyncRegistry registry;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theRoutesFolderIsLoadedAtStartUp() {
        assertThat(camel.getRoute("example-connection-audit")).isNotNull();
    }

    @Test
    void connectionEventsAreAppendedToTheAuditTrail(CapturedOutput output) throws IOException {
        Path file = Path.of("target/test-data/events/events-" + LocalDate.now(ZoneId.systemDefault()) + ".jsonl");
        long before = Files.exists(file) ? Files.readAllLines(file).size() : 0;

        producer.sendBody("seda:zoho-events", "{\"type\":\"connection.created\",\"connection_id\":\"audit-1\",\"dc\":\"eu\"}");
        producer.sendBody("seda:zoho-events", "{\"type\":\"connection.needs_reauth\",\"connection_id\":\"audit-2\","
                + "\"detail\":\"Zoho refused the token request: invalid_code\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file) && Files.readAllLines(file).size() >= before + 2);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.subList((int) before, lines.size()))
                .anySatisfy(line -> assertThat(line).contains("\"connection_id\":\"audit-1\""))
                .anySatisfy(line -> assertThat(line).contains("\"type\":\"connection.needs_reauth\""));
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getAll().contains("Connection audit-2 needs re-consent"));
    }

    @Test
    void theDealsExampleAppendsEveryChangedDealAsAJsonLine() throws Exception {
        simulator.resetData();
        jdbc.sql("DELETE FROM zoho_connection WHERE id = 'yaml-inbox'").update();
        service.connect("yaml-inbox", "in", "production");
        simulator.seedModule("in", "production", "Deals", 230, 0, 71);
        Path file = Path.of("target/test-data/sync/deals/deals-" + LocalDate.now(ZoneId.systemDefault()) + ".jsonl");
        Files.deleteIfExists(file);
        assertThat(camel.getRoute("example-deals-changes")).isNotNull();

        // a tick of the example's schedule (which never fires in tests)
        SyncReport report = consumerSyncs.run(registry.find("yaml-inbox-Deals").orElseThrow());

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(230).allSatisfy(line -> assertThat(line).startsWith("{\"id\":").contains("\"Deal_Name\""));
        assertThat(lines.stream().distinct()).hasSize(230);
    }
}
