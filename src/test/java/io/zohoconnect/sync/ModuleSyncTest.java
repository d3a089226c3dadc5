package io.zohoconnect.sync;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.connection.NodeIdentity;
import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.lifecycle.GracefulShutdown;
import io.zohoconnect.support.IntegrationTest;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** zoho-module-sync against the simulator: paging past 2,000, field groups, incremental, deletions, recovery. */
@ExtendWith(OutputCaptureExtension.class)
class ModuleSyncTest extends IntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String NEVER = "0 0 0 1 1 ? 2099";

    @Autowired
    CamelContext camel;
    @Autowired
    PagePrefetch prefetch;
    @Autowired
    ModuleSync moduleSync;
    @Autowired
    SyncRegistry registry;
    @Autowired
    org.apache.camel.ProducerTemplate producer;
    @Autowired
    io.zohoconnect.connection.ConnectionStore connections;
    @Autowired
    SyncStateStore states;
    @Autowired
    ModuleReader reader;
    @Autowired
    ModuleFields moduleFields;
    @Autowired
    SyncMetrics metrics;
    @Autowired
    SyncSettings settings;
    @Autowired
    NodeIdentity nodeIdentity;
    @Autowired
    SyncBacklog backlog;

    String connectionId;

    @BeforeEach
    void connect() {
        simulator.resetData();
        connectionId = "s-" + UUID.randomUUID().toString().substring(0, 8);
        service.connect(connectionId, "au", "production");
    }

    @Test
    void aFullSyncDeliversEveryRecordOnceWithItsHeaders() throws Exception {
        simulator.seedModule("au", "production", "Sync_Full", 5000, 0, 11);
        SyncSpec spec = declare("Sync_Full", "Name,Email", "full", false, "record");
        MockEndpoint sink = sink(spec);

        assertThat(moduleSync.run(spec).outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);

        List<String> ids = ids(sink);
        assertThat(ids).hasSize(5000).doesNotHaveDuplicates();
        assertThat(Set.copyOf(ids)).isEqualTo(Set.copyOf(simulator.liveIds("au", "production", "Sync_Full")));
        Exchange first = sink.getReceivedExchanges().get(0);
        assertThat(first.getMessage().getHeader(ZohoHeaders.CONNECTION_ID)).isEqualTo(connectionId);
        assertThat(first.getMessage().getHeader(ZohoHeaders.MODULE)).isEqualTo("Sync_Full");
        assertThat(first.getMessage().getHeader(ZohoHeaders.RECORD_ID)).isEqualTo(ids.get(0));
        assertThat(first.getMessage().getHeader(ZohoHeaders.MODIFIED_TIME, String.class)).isNotBlank();
        JsonNode record = JSON.readTree(first.getMessage().getBody(String.class));
        assertThat(record.has("Name")).isTrue();
        assertThat(record.has("Email")).isTrue();

        // full mode reads everything again on the next run
        sink.reset();
        moduleSync.run(spec);
        assertThat(ids(sink)).hasSize(5000);
    }

    @Test
    void modulesPastTwoThousandRecordsAreReadWholeWithPageTokens() throws Exception {
        simulator.seedModule("au", "production", "Sync_Large", 12_345, 0, 12);
        SyncSpec spec = declare("Sync_Large", "Name", "incremental", false, "page");
        MockEndpoint sink = sink(spec);

        moduleSync.run(spec);

        Set<String> ids = new HashSet<>();
        int messages = 0;
        for (Exchange page : sink.getReceivedExchanges()) {
            JsonNode records = JSON.readTree(page.getMessage().getBody(String.class));
            assertThat(records.size()).isBetween(1, 200);
            records.forEach(r -> assertThat(ids.add(r.get("id").asText())).isTrue());
            messages++;
        }
        assertThat(ids).hasSize(12_345);
        assertThat(messages).isGreaterThanOrEqualTo(62);
        assertThat(simulator.pageTokenRequests()).isPositive();
    }

    @Test
    void moreThanFiftyFieldsAreReadInGroupsAndMergedById() throws Exception {
        JsonNode seeded = simulator.seedModule("au", "production", "Sync_Wide", Map.of("count", 450, "fields", 120, "seed", 13));
        assertThat(seeded.path("fields").asInt()).isEqualTo(120);
        SyncSpec spec = declare("Sync_Wide", "", "full", false, "record"); // fields discovered
        MockEndpoint sink = sink(spec);

        moduleSync.run(spec);

        assertThat(sink.getReceivedExchanges()).hasSize(450);
        Set<String> fields = new HashSet<>(Set.of("id"));
        JSON.readTree(producer.requestBodyAndHeaders("zoho-crm:raw", null, Map.of(ZohoHeaders.CONNECTION_ID, connectionId,
                ZohoHeaders.CRM_PATH, "settings/fields", Exchange.HTTP_QUERY, "module=Sync_Wide"), String.class))
                .path("fields").forEach(f -> fields.add(f.path("api_name").asText()));
        assertThat(fields.size()).isGreaterThan(100);
        for (Exchange exchange : sink.getReceivedExchanges()) {
            Set<String> keys = new HashSet<>();
            JSON.readTree(exchange.getMessage().getBody(String.class)).fieldNames().forEachRemaining(keys::add);
            assertThat(keys).isEqualTo(fields);
        }
        assertThat(simulator.crmRequestsFor("GET /au/api/crm/v8/Sync_Wide")).isEqualTo(3 * 3); // 3 pages × 3 groups
    }

    @Test
    void anIncrementalRunDeliversExactlyWhatChangedIncludingRecordsSharingTheBoundarySecond() throws Exception {
        simulator.seedModule("au", "production", "Sync_Incr", 1000, 0, 14);
        SyncSpec spec = declare("Sync_Incr", "Name", "incremental", false, "record");
        MockEndpoint sink = sink(spec);
        moduleSync.run(spec);
        assertThat(ids(sink)).hasSize(1000);

        // 37 modifications, 20 of them in one and the same second
        String instant = clock.instant().plusSeconds(60).toString().replaceAll("\\.\\d+Z$", "Z");
        List<String> live = simulator.liveIds("au", "production", "Sync_Incr");
        JsonNode same = simulator.modifyRecords("au", "production", "Sync_Incr",
                Map.of("ids", live.subList(100, 120), "modifiedTime", instant));
        JsonNode others = simulator.modifyRecords("au", "production", "Sync_Incr", Map.of("ids", live.subList(500, 517)));
        Set<String> modified = new HashSet<>();
        same.path("ids").forEach(n -> modified.add(n.asText()));
        others.path("ids").forEach(n -> modified.add(n.asText()));
        assertThat(modified).hasSize(37);

        sink.reset();
        moduleSync.run(spec);
        assertThat(ids(sink)).hasSize(37).doesNotHaveDuplicates();
        assertThat(Set.copyOf(ids(sink))).isEqualTo(modified);

        // nothing changed: nothing re-sent
        sink.reset();
        moduleSync.run(spec);
        assertThat(ids(sink)).isEmpty();

        // more records modified at exactly the boundary second: delivered, the earlier ones not again
        String latest = latestModifiedTime(same, others);
        simulator.modifyRecords("au", "production", "Sync_Incr", Map.of("ids", live.subList(800, 805), "modifiedTime", latest));
        sink.reset();
        moduleSync.run(spec);
        assertThat(Set.copyOf(ids(sink))).isEqualTo(Set.copyOf(live.subList(800, 805)));
    }

    @Test
    void deletionsAreDeliveredAsTombstones() throws Exception {
        simulator.seedModule("au", "production", "Sync_Del", 300, 0, 15);
        SyncSpec spec = declare("Sync_Del", "Name", "incremental", true, "record");
        MockEndpoint sink = sink(spec);
        moduleSync.run(spec);

        clock.advance(Duration.ofMinutes(10));
        JsonNode deleted = simulator.deleteRecords("au", "production", "Sync_Del", 7);
        sink.reset();
        moduleSync.run(spec);

        Set<String> tombstones = sink.getReceivedExchanges().stream()
                .filter(e -> Boolean.TRUE.equals(e.getMessage().getHeader(ModuleSync.DELETED)))
                .map(e -> e.getMessage().getHeader(ZohoHeaders.RECORD_ID, String.class)).collect(Collectors.toSet());
        Set<String> expected = new HashSet<>();
        deleted.path("ids").forEach(n -> expected.add(n.asText()));
        assertThat(tombstones).isEqualTo(expected);
        assertThat(JSON.readTree(sink.getReceivedExchanges().get(0).getMessage().getBody(String.class)).path("deleted").asBoolean())
                .isTrue();

        sink.reset();
        moduleSync.run(spec);
        assertThat(sink.getReceivedExchanges()).isEmpty();
    }

    @Test
    void anExpiredPageTokenRestartsFromTheCheckpointAndLosesNothing() throws Exception {
        simulator.seedModule("au", "production", "Sync_Expire", 3000, 0, 16);
        SyncSpec spec = declare("Sync_Expire", "Name", "incremental", false, "record");
        MockEndpoint sink = sink(spec);
        AtomicInteger seen = new AtomicInteger();
        sink.whenAnyExchangeReceived(e -> {
            if (seen.incrementAndGet() == 1000) {
                simulator.expirePageTokens();
            }
        });

        SyncReport report = moduleSync.run(spec);

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(report.restarts()).isEqualTo(1);
        assertThat(Set.copyOf(ids(sink))).hasSize(3000);
    }

    @Test
    void a401AndA429MidSyncAreRecovered() throws Exception {
        simulator.seedModule("au", "production", "Sync_Faults", 1200, 0, 17);
        SyncSpec spec = declare("Sync_Faults", "Name", "incremental", false, "record");
        MockEndpoint sink = sink(spec);
        AtomicInteger seen = new AtomicInteger();
        sink.whenAnyExchangeReceived(e -> {
            if (seen.incrementAndGet() == 300) {
                simulator.crmFault("invalid_token", 1, "/Sync_Faults", "GET");
            } else if (seen.get() == 700) {
                simulator.fault(Map.of("target", "crm", "type", "http_429", "count", 1, "retryAfterSeconds", 3,
                        "path", "/Sync_Faults"));
            }
        });

        assertThat(moduleSync.run(spec).outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(Set.copyOf(ids(sink))).hasSize(1200);
        assertThat(retries.waits()).contains(Duration.ofSeconds(3));
        String refreshToken = connections.find(connectionId).orElseThrow().refreshToken().value();
        assertThat(simulator.tokenRequestsFor(refreshToken)).isEqualTo(1); // the one refresh after INVALID_TOKEN
    }

    @Test
    void aSyncThatDiesMidRunResumesFromItsCheckpoint() throws Exception {
        simulator.seedModule("au", "production", "Sync_Crash", 5000, 0, 18);
        SyncSpec spec = declare("Sync_Crash", "Name", "incremental", false, "record");
        MockEndpoint sink = sink(spec);
        AtomicBoolean crash = new AtomicBoolean(true);
        AtomicInteger seen = new AtomicInteger();
        sink.whenAnyExchangeReceived(e -> {
            if (seen.incrementAndGet() == 2_555 && crash.getAndSet(false)) {
                throw new IllegalStateException("the sink died");
            }
        });

        SyncReport crashed = moduleSync.run(spec);
        assertThat(crashed.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
        assertThat(crashed.message()).contains("the sink died");
        SyncState checkpoint = camel.getRegistry().findSingleByType(SyncStateStore.class).find(spec.id()).orElseThrow();
        assertThat(checkpoint.recordsTotal()).isBetween(2_400L, 2_554L);
        assertThat(checkpoint.running()).isFalse();

        assertThat(moduleSync.run(spec).outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(Set.copyOf(ids(sink))).isEqualTo(Set.copyOf(simulator.liveIds("au", "production", "Sync_Crash")));
        assertThat(ids(sink).size()).as("at-least-once: only the unacknowledged page is sent twice").isLessThan(5000 + 200);
    }

    @Test
    void theSameSyncNeverRunsTwiceAtOnce() throws Exception {
        simulator.seedModule("au", "production", "Sync_Once", 400, 0, 19);
        SyncSpec spec = declare("Sync_Once", "Name", "incremental", false, "record");
        MockEndpoint sink = sink(spec);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        sink.whenAnyExchangeReceived(e -> {
            inside.countDown();
            release.await(30, TimeUnit.SECONDS);
        });
        CompletableFuture<SyncReport> first = CompletableFuture.supplyAsync(() -> moduleSync.run(spec));
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(moduleSync.run(spec).outcome()).isEqualTo(SyncReport.Outcome.SKIPPED_RUNNING_ELSEWHERE);
        assertThat(service.sendAsAdmin("POST", "/api/syncs/" + spec.id() + "/run", null).statusCode()).isEqualTo(409);
        release.countDown();
        assertThat(first.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
    }

    @Test
    void theApiListsSyncsAndRunsOneNow() throws Exception {
        simulator.seedModule("au", "production", "Sync_Api", 250, 0, 20);
        SyncSpec spec = declare("Sync_Api", "Name", "incremental", false, "record");
        MockEndpoint sink = sink(spec);

        var started = service.sendAsAdmin("POST", "/api/syncs/" + spec.id() + "/run", null);
        assertThat(started.statusCode()).isEqualTo(202);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sink.getReceivedCounter() == 250);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode syncs = service.json(service.getAsAdmin("/api/syncs")).path("syncs");
            JsonNode mine = null;
            for (JsonNode s : syncs) {
                if (s.path("sync_id").asText().equals(spec.id())) {
                    mine = s;
                }
            }
            assertThat(mine).isNotNull();
            assertThat(mine.path("records_total").asInt()).isEqualTo(250);
            assertThat(mine.path("last_success_at").asText()).isNotBlank();
            assertThat(mine.path("checkpoint").asText()).isNotBlank();
            assertThat(mine.path("sink").asText()).isEqualTo("mock:sync-" + spec.id());
        });
        assertThat(service.sendAsAdmin("POST", "/api/syncs/nope/run", null).statusCode()).isEqualTo(404);
        assertThat(service.get("/api/syncs").statusCode()).isEqualTo(401);
    }

    @Test
    void aSyncOfAConnectionThatDoesNotExistSaysSo() {
        SyncSpec spec = new SyncSpec("ghost-Leads-" + UUID.randomUUID().toString().substring(0, 4), "ghost", "Leads",
                List.of("Last_Name"), "mock:ghost", NEVER, SyncSpec.Mode.INCREMENTAL, false, SyncSpec.Batch.RECORD);
        SyncReport report = moduleSync.run(spec);
        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.SKIPPED_NOT_CONNECTED);
        assertThat(report.message()).contains("connect it first");
    }

    @Test
    void aSyncOfAMissingConnectionSaysOnceAtInfoHowToConnectIt(CapturedOutput output) {
        String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 6);
        // no fields: the demo's sync discovers them, which is where the missing connection first shows
        SyncSpec spec = new SyncSpec(ghost + "-Leads", ghost, "Leads", List.of(), "mock:ghost", NEVER,
                SyncSpec.Mode.INCREMENTAL, false, SyncSpec.Batch.RECORD);

        for (int run = 0; run < 3; run++) {
            assertThat(moduleSync.run(spec).outcome()).isEqualTo(SyncReport.Outcome.SKIPPED_NOT_CONNECTED);
        }

        String said = "Sync " + spec.id() + ": connection '" + ghost + "' does not exist yet; connect it on the"
                + " dashboard or with GET /connect?connection_id=" + ghost + "&dc=";
        assertThat(output.getAll().lines().filter(line -> line.contains(said) && line.contains(" INFO ")))
                .as("said once at INFO, not every run").hasSize(1);
        assertThat(output.getAll().lines().filter(line -> line.contains(ghost)))
                .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
        assertThat(output.getAll()).doesNotContain("Exception occurred during execution on the exchange")
                .doesNotContain("TokenUnavailableException");
    }

    /** Declares a sync the way route authors do in Java: a templated route of zoho-module-sync. */
    @Test
    void atShutdownASyncStopsAfterItsPageInFlightReleasesItsLeaseAndTheNextRunResumes() throws Exception {
        simulator.seedModule("au", "production", "Sync_Stop", 1000, 0, 31);
        SyncSpec spec = declare("Sync_Stop", "Name", "incremental", false, "record");
        MockEndpoint sink = sink(spec);
        GracefulShutdown shutdown = new GracefulShutdown(Duration.ofSeconds(20));
        ModuleSync stoppingNode = new ModuleSync(states, reader, moduleFields, metrics, clock, settings,
                nodeIdentity, shutdown, prefetch, null, backlog, null); // no bulk syncs, no readPath=auto here
        // the stopping node's route of the sync: into the same sink
        stoppingNode.attach(spec.id(), message -> producer.send(sink, exchange -> {
            SyncHeaders.set(exchange.getMessage(), message);
            exchange.getMessage().setBody(message.body().toString());
        }));
        // SIGTERM arrives while the first page is being delivered
        sink.whenAnyExchangeReceived(exchange -> shutdown.stopTakingWork());

        SyncReport stopped = stoppingNode.run(spec);

        assertThat(stopped.outcome()).isEqualTo(SyncReport.Outcome.STOPPED);
        assertThat(stopped.records()).isPositive().isLessThan(1000);
        assertThat(ids(sink)).hasSize((int) stopped.records());
        assertThat(shutdown.drain()).as("leases the shutdown had to release").isZero();
        SyncState state = states.find(spec.id()).orElseThrow();
        assertThat(state.running()).isFalse();
        assertThat(state.recordsTotal()).isEqualTo(stopped.records());
        // another node takes the sync at once (the lease would otherwise last its full duration)
        assertThat(states.tryLease(spec.id(), "other-node/1", Duration.ofMinutes(5))).isTrue();
        states.release(spec.id(), "other-node/1");
        // the schedule may still fire on the stopping node: nothing starts
        assertThat(stoppingNode.run(spec).outcome()).isEqualTo(SyncReport.Outcome.STOPPED);
        assertThat(ids(sink)).hasSize((int) stopped.records());

        sink.whenAnyExchangeReceived(exchange -> { });
        SyncReport resumed = moduleSync.run(spec);
        assertThat(resumed.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(resumed.records()).isEqualTo(1000 - stopped.records());
        assertThat(ids(sink)).hasSize(1000).doesNotHaveDuplicates();
    }

    private SyncSpec declare(String module, String fields, String mode, boolean deletions, String batch) throws Exception {
        String id = connectionId + "-" + module;
        TemplatedRouteBuilder.builder(camel, "zoho-module-sync").routeId("zoho-sync-" + id)
                .parameter("connectionId", connectionId).parameter("module", module).parameter("fields", fields)
                .parameter("sink", "mock:sync-" + id).parameter("schedule", NEVER).parameter("mode", mode)
                .parameter("deletions", String.valueOf(deletions)).parameter("batch", batch).add();
        assertThat(camel.getRoute("zoho-sync-" + id)).isNotNull();
        return registry.find(id).orElseThrow();
    }

    private MockEndpoint sink(SyncSpec spec) {
        return camel.getEndpoint(spec.sink(), MockEndpoint.class);
    }

    private static List<String> ids(MockEndpoint sink) {
        return sink.getReceivedExchanges().stream().map(e -> e.getMessage().getHeader(ZohoHeaders.RECORD_ID, String.class))
                .toList();
    }

    private static String latestModifiedTime(JsonNode... modifications) {
        return java.util.Arrays.stream(modifications).map(m -> m.path("modifiedTime").asText())
                .max((a, b) -> java.time.OffsetDateTime.parse(a).compareTo(java.time.OffsetDateTime.parse(b))).orElseThrow();
    }
}
