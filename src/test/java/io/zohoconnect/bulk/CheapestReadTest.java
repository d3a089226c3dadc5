package io.zohoconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.zohoconnect.credits.ReadCosts;
import io.zohoconnect.support.ChangesConsumerIntegrationTest;
import io.zohoconnect.sync.SyncReport;

import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code readPath=auto}: a full sync takes the read path that costs the fewest API credits for the records its last
 * run delivered, and delivers the same records whichever it takes; the credits the simulator (Zoho) counted for each
 * run are what {@link ReadCosts} said they would be.
 */
class CheapestReadTest extends ChangesConsumerIntegrationTest {

    @Autowired
    ReadCosts readCosts;

    CheapestReadTest() {
        super("cheap-");
    }

    @Test
    void aLargeModuleIsReadByBulkReadOnceItsCountIsKnownAndTheSameRecordsArrive() throws Exception {
        simulator.seedModule("eu", "production", "Cheap_Large", 12_000, 0, 83);
        simulator.bulkSettings(Map.of("addedSeconds", 0, "runSeconds", 0)); // done at the first look: one status call
        MockEndpoint sink = consume("Cheap_Large", "mode=full&readPath=auto&fields=Name&batch=page&deletions=false&schedule="
                + NEVER);
        String syncId = connectionId + "-Cheap_Large";
        ReadCosts.Estimate estimate = readCosts.estimate(12_000, 2); // Name and Modified_Time

        long before = zohoUsed();
        SyncReport first = runNow(syncId);
        long firstCredits = zohoUsed() - before;
        Set<String> listed = pageIds(sink);
        sink.reset();
        before = zohoUsed();
        SyncReport second = runNow(syncId);
        long secondCredits = zohoUsed() - before;

        assertThat(first.outcome()).as(first.message()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(second.outcome()).as(second.message()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(estimate.cheapest()).isEqualTo(ReadCosts.Path.BULK);
        assertThat(firstCredits).as("no count yet: the mode's path, 60 listing pages").isEqualTo(estimate.listing()).isEqualTo(60);
        assertThat(simulator.bulkJobs()).as("the second run exported by Bulk Read").hasSize(1);
        assertThat(secondCredits).as("what the arithmetic says Bulk Read costs").isEqualTo(estimate.bulk()).isEqualTo(53);
        assertThat(listed).hasSize(12_000).containsExactlyInAnyOrderElementsOf(simulator.liveIds("eu", "production", "Cheap_Large"));
        assertThat(pageIds(sink)).as("the same records by either path").isEqualTo(listed);
        assertThat(syncView(syncId).path("last_run_credits").asLong()).isEqualTo(secondCredits);
    }

    @Test
    void aSmallModuleKeepsListing() throws Exception {
        simulator.seedModule("eu", "production", "Cheap_Small", 300, 0, 84);
        MockEndpoint sink = consume("Cheap_Small", "mode=full&readPath=auto&fields=Name&batch=page&deletions=false&schedule="
                + NEVER);
        String syncId = connectionId + "-Cheap_Small";

        runNow(syncId);
        sink.reset();
        long before = zohoUsed();
        SyncReport second = runNow(syncId);

        assertThat(second.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(simulator.bulkJobs()).as("listing 2 credits, Bulk Read 53").isEmpty();
        assertThat(zohoUsed() - before).isEqualTo(readCosts.estimate(300, 2).listing()).isEqualTo(2);
        assertThat(pageIds(sink)).hasSize(300);
    }

    private long zohoUsed() {
        return simulator.credits("eu", "production").path("used").asLong();
    }

    private com.fasterxml.jackson.databind.JsonNode syncView(String syncId) {
        for (com.fasterxml.jackson.databind.JsonNode sync : service.json(service.getAsAdmin("/api/syncs")).path("syncs")) {
            if (sync.path("sync_id").asText().equals(syncId)) {
                return sync;
            }
        }
        throw new AssertionError("no sync " + syncId);
    }

    /** The ids of the records in every page the sink received. */
    private static Set<String> pageIds(MockEndpoint sink) {
        Set<String> ids = new HashSet<>();
        for (Exchange exchange : sink.getReceivedExchanges()) {
            for (Object record : exchange.getMessage().getBody(List.class)) {
                ids.add(String.valueOf(((Map<?, ?>) record).get("id")));
            }
        }
        return ids;
    }
}
