package io.zohoconnect.sync;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.support.IntegrationTest;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A sync is a {@code zoho-crm:changes} consumer; {@code zoho.syncs[]} and the {@code zoho-module-sync} template
 * (in YAML or Java) are shorthands that build it: the same sync, the same runs. And its timer.
 */
class SyncDeclarationTest extends IntegrationTest {

    @Autowired
    CamelContext camel;
    @Autowired
    SyncRegistry registry;

    @Test
    void syncsDeclaredByPropertiesAndYamlAreRoutesWithReadableIds() {
        assertThat(camel.getRoute("zoho-sync-props-declared")).isNotNull();
        assertThat(camel.getRoute("zoho-sync-example-contacts")).isNotNull();
        SyncSpec props = registry.find("props-declared").orElseThrow();
        assertThat(props.module()).isEqualTo("Deals");
        assertThat(props.fields()).containsExactly("Deal_Name", "Stage");
        assertThat(props.mode()).isEqualTo(SyncSpec.Mode.INCREMENTAL);
        SyncSpec yaml = registry.find("example-contacts").orElseThrow();
        assertThat(yaml.module()).isEqualTo("Contacts");
        assertThat(yaml.sink()).isEqualTo("seda:zoho-contacts");

        JsonNode syncs = service.json(service.getAsAdmin("/api/syncs")).path("syncs");
        assertThat(syncs.findValuesAsText("sync_id")).contains("props-declared", "example-contacts");
    }

    /**
     * The same module declared three ways — {@code zoho.syncs[1]} in integration-test.properties, the template, and a
     * consumer route that converts to JSON text as the shorthands do — is the same sync (only its id and sink differ)
     * and its runs deliver the same messages: records, order, bodies, headers, then changes and tombstones.
     */
    @Test
    void eachShorthandIsTheConsumerAndRunsExactlyAsItDoes() throws Exception {
        String never = "0 0 0 1 1 ? 2099";
        simulator.resetData();
        service.connect("same-conn", "ca", "production");
        simulator.seedModule("ca", "production", "Same_Deals", 450, 0, 23);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zoho-crm:changes/Same_Deals?connectionId=same-conn&syncId=same-consumer&fields=Name,Email&schedule="
                        + never).routeId("same-consumer").convertBodyTo(String.class).to("mock:same-consumer");
            }
        });
        TemplatedRouteBuilder.builder(camel, "zoho-module-sync").routeId("zoho-sync-same-template")
                .parameter("syncId", "same-template").parameter("connectionId", "same-conn").parameter("module", "Same_Deals")
                .parameter("fields", "Name,Email").parameter("sink", "mock:same-template").parameter("schedule", never).add();
        try {
            Map<String, String> sinks = Map.of("props-same", "mock:props-same", "same-template", "mock:same-template",
                    "same-consumer", "route:same-consumer");
            SyncSpec consumer = registry.find("same-consumer").orElseThrow();
            sinks.forEach((id, sink) -> {
                SyncSpec spec = registry.find(id).orElseThrow();
                assertThat(spec.sink()).as("the sink shown for %s", id).isEqualTo(sink);
                assertThat(spec).as(id).isEqualTo(new SyncSpec(id, consumer.connectionId(), consumer.module(),
                        consumer.fields(), sink, consumer.schedule(), consumer.mode(), consumer.deletions(), consumer.batch(),
                        consumer.bulkCriteria()));
            });
            assertThat(camel.getRoute("zoho-sync-props-same").getEndpoint().getEndpointUri())
                    .startsWith("zoho-crm://changes/Same_Deals");

            Map<String, List<String>> first = runEach(sinks);
            assertThat(first.get("same-consumer")).hasSize(451).first().isEqualTo("COMPLETED 450 records 0 tombstones");
            assertThat(first.get("props-same")).isEqualTo(first.get("same-consumer"));
            assertThat(first.get("same-template")).isEqualTo(first.get("same-consumer"));

            simulator.deleteRecords("ca", "production", "Same_Deals", 3);
            simulator.modifyRecords("ca", "production", "Same_Deals", 7); // of the records left
            Map<String, List<String>> second = runEach(sinks);
            assertThat(second.get("same-consumer")).hasSize(11).first().isEqualTo("COMPLETED 7 records 3 tombstones");
            assertThat(second.get("props-same")).isEqualTo(second.get("same-consumer"));
            assertThat(second.get("same-template")).isEqualTo(second.get("same-consumer"));
        } finally {
            for (String route : List.of("same-consumer", "zoho-sync-same-template")) {
                camel.getRouteController().stopRoute(route);
                camel.removeRoute(route);
            }
            service.sendAsAdmin("DELETE", "/api/connections/same-conn", null);
        }
    }

    @Test
    void aSecondSyncUnderTheSameIdWithOtherOptionsOrAnotherSinkIsRefused() throws Exception {
        String never = "0 0 0 1 1 ? 2099";
        TemplatedRouteBuilder.builder(camel, "zoho-module-sync").routeId("twice-a").parameter("syncId", "twice")
                .parameter("connectionId", "twice-conn").parameter("module", "Deals").parameter("sink", "mock:twice-a")
                .parameter("schedule", never).add();
        try {
            assertThatThrownBy(() -> TemplatedRouteBuilder.builder(camel, "zoho-module-sync").routeId("twice-b")
                    .parameter("syncId", "twice").parameter("connectionId", "twice-conn").parameter("module", "Deals")
                    .parameter("sink", "mock:twice-b").parameter("schedule", never).parameter("batch", "page").add())
                    .hasStackTraceContaining("two syncs share the id 'twice'")
                    .hasStackTraceContaining("give one a syncId");
            assertThat(registry.find("twice").orElseThrow().sink()).isEqualTo("mock:twice-a");
        } finally {
            for (String route : List.of("twice-a", "twice-b")) {
                if (camel.getRoute(route) != null) {
                    camel.getRouteController().stopRoute(route);
                    camel.removeRoute(route);
                }
            }
        }
    }

    /** One run of each sync: its report, then every message its sink got (all but the sync id, which differs). */
    private Map<String, List<String>> runEach(Map<String, String> sinks) {
        Map<String, List<String>> runs = new LinkedHashMap<>();
        ModuleSync sync = camel.getRegistry().findSingleByType(ModuleSync.class);
        for (String id : sinks.keySet()) {
            MockEndpoint sink = camel.getEndpoint("mock:" + id, MockEndpoint.class);
            sink.reset();
            SyncReport report = sync.run(registry.find(id).orElseThrow());
            List<String> run = new java.util.ArrayList<>();
            run.add(report.outcome() + " " + report.records() + " records " + report.tombstones() + " tombstones");
            for (Exchange message : sink.getReceivedExchanges()) {
                Map<String, Object> headers = new java.util.TreeMap<>(message.getMessage().getHeaders());
                headers.remove(ZohoHeaders.SYNC_ID);
                headers.keySet().removeIf(name -> !name.startsWith("Zoho"));
                run.add(headers + " " + message.getMessage().getBody(String.class));
            }
            runs.put(id, run);
        }
        return runs;
    }

    @Test
    void aFileSinkWritesJsonLines() throws Exception {
        simulator.resetData();
        service.connect("lines-conn", "cn", "sandbox");
        simulator.seedModule("cn", "sandbox", "Sync_Lines", 250, 0, 22);
        java.nio.file.Path file = java.nio.file.Path.of("target/test-data/sync-lines/lines.jsonl");
        java.nio.file.Files.deleteIfExists(file);
        TemplatedRouteBuilder.builder(camel, "zoho-module-sync").routeId("zoho-sync-lines")
                .parameter("connectionId", "lines-conn").parameter("module", "Sync_Lines").parameter("fields", "Name")
                .parameter("sink", "file:{{zoho.data-dir}}/sync-lines?fileName=lines.jsonl&fileExist=Append&appendChars=\\n")
                .parameter("schedule", "0 0 0 1 1 ? 2099").add();
        SyncSpec spec = registry.find("lines-conn-Sync_Lines").orElseThrow();
        assertThat(camel.getRegistry().findSingleByType(ModuleSync.class).run(spec).records()).isEqualTo(250);
        java.util.List<String> lines = java.nio.file.Files.readAllLines(file);
        assertThat(lines).hasSize(250).allSatisfy(line -> assertThat(line).startsWith("{\"id\":").endsWith("}"));
    }

    @Test
    void theTimerRunsTheSync() throws Exception {
        simulator.resetData();
        service.connect("timer-conn", "cn", "production");
        simulator.seedModule("cn", "production", "Sync_Timer", 30, 0, 21);
        MockEndpoint sink = camel.getEndpoint("mock:sync-timer", MockEndpoint.class);
        TemplatedRouteBuilder.builder(camel, "zoho-module-sync").routeId("zoho-sync-timer")
                .parameter("connectionId", "timer-conn").parameter("module", "Sync_Timer").parameter("fields", "Name")
                .parameter("sink", "mock:sync-timer").parameter("schedule", "0/1 * * * * ?").add();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.getReceivedCounter() >= 30);
        } finally {
            camel.getRouteController().stopRoute("zoho-sync-timer");
            camel.removeRoute("zoho-sync-timer");
        }
    }
}
