package io.zohoconnect.routes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.support.IntegrationTest;

import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** routes/leads-inbox.yaml end to end: a JSON file of leads in the inbox becomes upserted Zoho leads. */
class LeadsInboxRouteTest extends IntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path INBOX = Path.of("target/test-data/inbox/leads");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CamelContext camel;

    @Test
    void leadsDroppedInTheInboxAreUpsertedAndReported() throws Exception {
        simulator.resetData();
        jdbc.sql("DELETE FROM zoho_connection WHERE id = 'yaml-inbox'").update();
        service.connect("yaml-inbox", "in", "production");
        MockEndpoint deadLetters = camel.getEndpoint("mock:zoho-dead-letter", MockEndpoint.class);
        deadLetters.reset();
        long leadsBefore = simulator.module("in", "production", "Leads").path("count").asLong();

        List<Map<String, Object>> leads = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Map<String, Object> lead = new HashMap<>(Map.of("Last_Name", "Inbox " + i, "Email", "inbox" + i + "@example.com"));
            if (i != 17) {
                lead.put("Company", "Acme"); // lead 17 lacks the mandatory Company
            }
            leads.add(lead);
        }
        Files.createDirectories(INBOX);
        String name = "batch-" + java.util.UUID.randomUUID();
        Files.writeString(INBOX.resolve(name + ".json.tmp"), JSON.writeValueAsString(leads));
        Files.move(INBOX.resolve(name + ".json.tmp"), INBOX.resolve(name + ".json"));

        Path result = INBOX.resolve("results/" + name + ".result.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(result) && Files.size(result) > 0);
        JsonNode summary = JSON.readTree(Files.readString(result));
        assertThat(summary.path("total").asInt()).isEqualTo(150);
        assertThat(summary.path("succeeded").asInt()).isEqualTo(149);
        assertThat(summary.path("results").get(17).path("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(simulator.crmRequestsFor("POST /in/api/crm/v8/Leads/upsert")).isEqualTo(2);
        assertThat(simulator.module("in", "production", "Leads").path("count").asLong()).isEqualTo(leadsBefore + 149);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(INBOX.resolve("done/" + name + ".json")));
        assertThat(deadLetters.getReceivedCounter()).isEqualTo(1);
    }
}
