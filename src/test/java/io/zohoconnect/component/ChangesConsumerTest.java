package io.zohoconnect.component;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.support.ChangesConsumerIntegrationTest;
import io.zohoconnect.sync.SyncReport;
import io.zohoconnect.sync.SyncState;
import io.zohoconnect.sync.SyncStateStore;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code from("zoho-crm:changes/{module}")} end to end against the simulator. */
@ExtendWith(OutputCaptureExtension.class)
class ChangesConsumerTest extends ChangesConsumerIntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    SyncStateStore states;

    ChangesConsumerTest() {
        super("c-");
    }

    @Test
    void aModulePastTwoThousandRecordsArrivesWholeOneMessagePerRecordWithItsHeaders() throws Exception {
        simulator.seedModule("eu", "production", "Chg_Large", 2_345, 0, 41);
        MockEndpoint sink = consume("Chg_Large", "fields=Name,Email&deletions=false&schedule=" + NEVER);
        String syncId = connectionId + "-Chg_Large";

        assertThat(service.sendAsAdmin("POST", "/api/syncs/" + syncId + "/run", null).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> sink.getReceivedCounter() >= 2_345);

        List<String> ids = ids(sink);
        assertThat(ids).hasSize(2_345).doesNotHaveDuplicates();
        assertThat(Set.copyOf(ids)).isEqualTo(Set.copyOf(simulator.liveIds("eu", "production", "Chg_Large")));
        assertThat(simulator.pageTokenRequests()).as("past 2,000 records by page token").isPositive();
        Exchange first = sink.getReceivedExchanges().get(0);
        assertThat(first.getMessage().getHeaders()).containsEntry(ZohoHeaders.CONNECTION_ID, connectionId)
                .containsEntry(ZohoHeaders.MODULE, "Chg_Large").containsEntry(ZohoHeaders.SYNC_ID, syncId)
                .containsEntry(ZohoHeaders.RECORD_ID, ids.get(0)).containsEntry(ZohoHeaders.DELETED, false);
        assertThat(first.getMessage().getHeader(ZohoHeaders.MODIFIED_TIME, String.class)).isNotBlank();
        // the body is the record: fields by name, and JSON as text
        @SuppressWarnings("unchecked") Map<String, Object> record = first.getMessage().getBody(Map.class);
        assertThat(record.keySet()).contains("id", "Name", "Email", "Modified_Time");
        assertThat(JSON.readTree(first.getMessage().getBody(String.class)).path("id").asText()).isEqualTo(ids.get(0));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode listed = syncOf(syncId);
            assertThat(listed.path("records_total").asInt()).isEqualTo(2_345);
            assertThat(listed.path("last_success_at").asText()).isNotBlank();
            assertThat(listed.path("sink").asText()).isEqualTo("route:" + syncId);
        });
        ZohoCrmChangesConsumer consumer = (ZohoCrmChangesConsumer) camel.getRoute(routes.get(0)).getConsumer();
        assertThat(consumer.getCounter()).as("its cron never fired: it runs on its schedule only").isZero();
    }

    @Test
    void anIncrementalRunDeliversTheChangesAndTheDeletionsAsTombstones() throws Exception {
        simulator.seedModule("eu", "production", "Chg_Incr", 600, 0, 42);
        MockEndpoint sink = consume("Chg_Incr", "fields=Name&batch=page&schedule=" + NEVER);
        String syncId = connectionId + "-Chg_Incr";
        assertThat(runNow(syncId).outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(recordsIn(sink)).as("no checkpoint yet: the first run reads everything").isEqualTo(600);

        clock.advance(Duration.ofMinutes(10));
        List<String> live = simulator.liveIds("eu", "production", "Chg_Incr");
        JsonNode modified = simulator.modifyRecords("eu", "production", "Chg_Incr", Map.of("ids", live.subList(10, 40)));
        JsonNode deleted = simulator.deleteRecords("eu", "production", "Chg_Incr", Map.of("ids", live.subList(300, 305)));
        sink.reset();
        SyncReport incremental = runNow(syncId);
        assertThat(incremental.records()).isEqualTo(30);
        assertThat(incremental.tombstones()).isEqualTo(5);

        Set<String> changed = new HashSet<>();
        Set<String> tombstones = new HashSet<>();
        for (Exchange exchange : sink.getReceivedExchanges()) {
            if (Boolean.TRUE.equals(exchange.getMessage().getHeader(ZohoHeaders.DELETED))) {
                @SuppressWarnings("unchecked") Map<String, Object> tombstone = exchange.getMessage().getBody(Map.class);
                assertThat(tombstone.keySet()).containsExactly("id", "deleted", "deleted_time", "type");
                assertThat(tombstone.get("deleted")).isEqualTo(true);
                assertThat(exchange.getMessage().getHeader(ZohoHeaders.RECORD_ID)).isEqualTo(tombstone.get("id"));
                tombstones.add((String) tombstone.get("id"));
            } else {
                List<?> page = exchange.getMessage().getBody(List.class);
                page.forEach(r -> changed.add((String) ((Map<?, ?>) r).get("id")));
                assertThat(exchange.getMessage().getHeader(ZohoHeaders.RECORD_COUNT)).isEqualTo(page.size());
                assertThat(JSON.readTree(exchange.getMessage().getBody(String.class)).isArray()).isTrue();
            }
        }
        assertThat(changed).isEqualTo(texts(modified.path("ids")));
        assertThat(tombstones).isEqualTo(texts(deleted.path("ids")));

        sink.reset();
        assertThat(runNow(syncId).outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(sink.getReceivedCounter()).as("nothing changed: nothing sent again").isZero();
    }

    @Test
    void aRouteThatFailsMidRunResumesFromTheCheckpointAndLosesNothing() throws Exception {
        simulator.seedModule("eu", "production", "Chg_Crash", 3_000, 0, 43);
        AtomicBoolean failOnce = new AtomicBoolean(true);
        AtomicInteger seen = new AtomicInteger();
        List<String> delivered = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        String route = "chg-crash-" + connectionId;
        addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zoho-crm:changes/Chg_Crash?connectionId=" + connectionId + "&fields=Name&schedule=" + NEVER)
                        .routeId(route).errorHandler(noErrorHandler())
                        .process(e -> {
                            if (seen.incrementAndGet() == 1_111 && failOnce.getAndSet(false)) {
                                throw new IllegalStateException("the warehouse is down");
                            }
                            delivered.add(e.getMessage().getHeader(ZohoHeaders.RECORD_ID, String.class));
                        });
            }
        });
        String syncId = connectionId + "-Chg_Crash";

        SyncReport failedRun = runNow(syncId);
        assertThat(failedRun.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
        SyncState failed = states.find(syncId).orElseThrow();
        assertThat(failed.lastError()).contains("the warehouse is down");
        assertThat(failed.recordsTotal()).as("the pages before the failure are checkpointed").isEqualTo(1_000);
        assertThat(failed.running()).isFalse();
        assertThat(service.get("/actuator/health/readiness").statusCode())
                .as("one sync's failure does not take the node out of its load balancer").isEqualTo(200);

        SyncReport resumed = runNow(syncId);
        assertThat(resumed.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(resumed.records()).as("it resumes at the checkpoint").isEqualTo(2_000);
        assertThat(Set.copyOf(delivered)).isEqualTo(Set.copyOf(simulator.liveIds("eu", "production", "Chg_Crash")));
        assertThat(delivered.size()).as("only the page that failed is sent again").isLessThan(3_000 + 200);
    }

    @Test
    void aConsumerOfAMissingConnectionStartsSaysOnceHowToConnectItAndSyncsOnceConnected(CapturedOutput output)
            throws Exception {
        String late = "late-" + UUID.randomUUID().toString().substring(0, 6);
        MockEndpoint sink = camel.getEndpoint("mock:late-" + late, MockEndpoint.class);
        String route = "chg-late-" + late;
        addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zoho-crm:changes/Chg_Late?connectionId=" + late + "&schedule=0/1 * * * * ?")
                        .routeId(route).to(sink);
            }
        });
        ZohoCrmChangesConsumer consumer = (ZohoCrmChangesConsumer) camel.getRoute(route).getConsumer();
        assertThat(camel.getRouteController().getRouteStatus(route).isStarted()).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getCounter() >= 3); // three ticks of its cron
        String said = "connection '" + late + "' does not exist yet; connect it on the dashboard or with"
                + " GET /connect?connection_id=" + late + "&dc=";
        assertThat(output.getAll().lines().filter(line -> line.contains(said) && line.contains(" INFO ")))
                .as("said once at INFO, not at every tick").hasSize(1);
        assertThat(output.getAll().lines().filter(line -> line.contains(late)))
                .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));

        service.connect(late, "eu", "production");
        simulator.seedModule("eu", "production", "Chg_Late", 120, 0, 44);
        await().atMost(Duration.ofSeconds(30)).until(() -> sink.getReceivedCounter() >= 120);
        assertThat(Set.copyOf(ids(sink))).hasSize(120);
    }

    @Test
    void aConsumerWithoutAConnectionIdOrWithABadScheduleIsRefusedWithAClearMessage() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> camel.getEndpoint("zoho-crm:changes/Leads")
                .createConsumer(e -> { })))
                .hasMessageContaining("needs a connectionId");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> camel.getEndpoint(
                "zoho-crm:changes/Leads?connectionId=x&schedule=every minute").createConsumer(e -> { })))
                .hasMessageContaining("is not a Quartz cron expression");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> camel.getEndpoint(
                "zoho-crm:changes/Leads?connectionId=x&batch=file").createConsumer(e -> { })))
                .hasMessageContaining("batch must be record or page");
    }

    private JsonNode syncOf(String syncId) {
        for (JsonNode sync : service.json(service.getAsAdmin("/api/syncs")).path("syncs")) {
            if (sync.path("sync_id").asText().equals(syncId)) {
                return sync;
            }
        }
        throw new AssertionError("sync " + syncId + " is not in /api/syncs");
    }

    private static int recordsIn(MockEndpoint sink) {
        return sink.getReceivedExchanges().stream().mapToInt(e -> e.getMessage().getBody(List.class).size()).sum();
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }
}
