package io.zohoconnect.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zohoconnect.support.FollowedSync;
import io.zohoconnect.support.OutageIntegrationTest;
import io.zohoconnect.sync.SyncRun;
import io.zohoconnect.sync.SyncRunHistory;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sync meets a database outage (every connection to PostgreSQL cut; issue 19, item 9): the broken run
 * says so at WARN with the cause and is counted at once; its failure (last error, failure count, run
 * history) is recorded as soon as the database answers again, and its lease given back then — so the next
 * run resumes from the checkpoint at once, not when the lease expires ({@code zoho.sync.lease-duration} is
 * two minutes here). A {@code zoho-crm:changes} consumer whose polls meet the outage does not fail silently.
 */
@ExtendWith(OutputCaptureExtension.class)
class SyncDuringDatabaseOutageTest extends OutageIntegrationTest {

    static final String NEVER = "0 0 0 1 1 ? 2099";
    static final Duration BACK_WITHIN = Duration.ofSeconds(15);

    @Autowired
    CamelContext camel;
    @Autowired
    ModuleSync moduleSync;
    @Autowired
    SyncRunHistory history;
    @Autowired
    MeterRegistry meters;

    final List<String> routes = new ArrayList<>();
    String connectionId;

    @AfterEach
    void removeRoutes() throws Exception {
        for (String id : routes) {
            camel.getRouteController().stopRoute(id);
            camel.removeRoute(id);
        }
    }

    @Test
    void aRunBrokenByTheOutageIsWarnedCountedRecordedOnceTheDatabaseIsBackAndTheNextRunResumesAtOnce(CapturedOutput output)
            throws Exception {
        connect();
        simulator.seedModule("eu", "production", "Outage_Sync", 600, 0, 91); // three pages of 200
        SyncSpec spec = new SyncSpec("outage-sync-" + connectionId, connectionId, "Outage_Sync", List.of("Name"),
                "route:outage-sync-sink", NEVER, SyncSpec.Mode.INCREMENTAL, false, SyncSpec.Batch.RECORD);
        AtomicInteger delivered = new AtomicInteger();
        addRoute(new RouteBuilder() {
            @Override
            public void configure() {
                // its consumer registers the sync: listed by GET /api/syncs
                from(FollowedSync.uri(spec)).routeId("outage-sync-sink").process(e -> {
                    if (delivered.incrementAndGet() == 250) {
                        DATABASE.cut(); // in the second page: its checkpoint meets the outage
                    }
                });
            }
        });

        SyncReport broken = moduleSync.run(spec);

        assertThat(broken.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
        assertThat(broken.records()).as("the first page was checkpointed before the outage").isEqualTo(200);
        assertThat(output).containsPattern("WARN .*Sync " + spec.id() + " failed after 200 records .*database");
        assertThat(failures(spec)).as("counted at once, database or not").isEqualTo(1.0);

        DATABASE.restore();
        JsonNode recorded = await().atMost(BACK_WITHIN).pollInterval(Duration.ofMillis(200))
                .until(() -> sync(spec.id()), s -> s.path("failures_total").asLong() == 1 && !s.path("running").asBoolean());
        assertThat(recorded.path("last_error").asText()).containsIgnoringCase("database");
        assertThat(recorded.path("records_total").asLong()).isEqualTo(200);
        history.sample();
        List<SyncRun> runs = history.recent(spec.id(), 5);
        assertThat(runs).last().satisfies(run -> assertThat(run.error()).containsIgnoringCase("database"));

        SyncReport next = moduleSync.run(spec);
        assertThat(next.outcome()).as("the lease was given back: %s", next.message()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(next.records()).as("resumed after the first page").isEqualTo(400);
    }

    @Test
    void aConsumerWhosePollsMeetTheOutageSaysSoAndRecordsItWhenTheDatabaseIsBack(CapturedOutput output) throws Exception {
        connect();
        simulator.seedModule("eu", "production", "Outage_Poll", 30, 0, 92);
        String syncId = "outage-poll-" + connectionId;
        AtomicInteger delivered = new AtomicInteger();
        addRoute(new RouteBuilder() {
            @Override
            public void configure() {
                from("zoho-crm:changes/Outage_Poll?connectionId=" + connectionId + "&syncId=" + syncId
                        + "&fields=Name&deletions=false&schedule=0/1 * * * * ?")
                        .routeId("outage-poll").process(e -> delivered.incrementAndGet());
            }
        });
        await().atMost(BACK_WITHIN).until(() -> delivered.get() == 30);
        SyncSpec spec = new SyncSpec(syncId, connectionId, "Outage_Poll", List.of("Name"), "direct:none", NEVER,
                SyncSpec.Mode.INCREMENTAL, false, SyncSpec.Batch.RECORD);

        DATABASE.cut();
        await().atMost(BACK_WITHIN).pollInterval(Duration.ofMillis(200))
                .until(() -> output.getOut().lines().anyMatch(line -> line.contains("WARN") && line.contains(syncId)
                        && line.toLowerCase().contains("database")));
        assertThat(failures(spec)).isGreaterThanOrEqualTo(1.0);

        DATABASE.restore();
        // recorded at once if the database came back while the poll waited for it, else from the backlog; its
        // last_error may already be cleared by the next poll's success: the count stays
        await().atMost(BACK_WITHIN).pollInterval(Duration.ofMillis(200))
                .until(() -> sync(syncId), s -> s.path("failures_total").asLong() >= 1);
        simulator.modifyRecords("eu", "production", "Outage_Poll", 5);
        await("the consumer syncs again after the outage").atMost(BACK_WITHIN).until(() -> delivered.get() == 35);
    }

    private void connect() {
        simulator.resetData();
        connectionId = "sync-" + UUID.randomUUID().toString().substring(0, 8);
        service.connect(connectionId, "eu", "production");
    }

    private void addRoute(RouteBuilder route) throws Exception {
        camel.addRoutes(route);
        route.getRouteCollection().getRoutes().forEach(r -> routes.add(r.getRouteId()));
    }

    private double failures(SyncSpec spec) {
        Counter counter = meters.find("zoho.sync.failures").tag("sync", spec.id()).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The sync as {@code GET /api/syncs} shows it (an empty node when it is not listed). */
    private JsonNode sync(String syncId) {
        for (JsonNode sync : service.json(service.getAsAdmin("/api/syncs")).path("syncs")) {
            if (sync.path("sync_id").asText().equals(syncId)) {
                return sync;
            }
        }
        return service.json(service.getAsAdmin("/api/syncs")).path("none");
    }
}
