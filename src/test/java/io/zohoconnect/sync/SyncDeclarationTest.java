package io.zohoconnect.sync;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.support.IntegrationTest;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The three ways to declare a sync, and its timer. */
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
