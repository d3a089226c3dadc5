package io.zohoconnect.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.sync.ModuleSync;
import io.zohoconnect.sync.SyncRegistry;
import io.zohoconnect.sync.SyncReport;
import io.zohoconnect.sync.SyncRun;
import io.zohoconnect.sync.SyncRunHistory;
import io.zohoconnect.sync.SyncSpec;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The credits each sync run spent, in {@code GET /api/syncs} and the run history, are the credits Zoho (the
 * simulator, which counts every call per org) charged for that run's calls — by the cost table, so a
 * deleted-records listing counts 2.
 */
class SyncRunCreditsTest extends IntegrationTest {

    private static final String DC = "sa";
    private static final String ENV = "sandbox";
    private static final String NEVER = "0 0 0 1 1 ? 2099";

    @Autowired
    CamelContext camel;
    @Autowired
    ModuleSync moduleSync;
    @Autowired
    SyncRegistry registry;
    @Autowired
    SyncRunHistory history;

    String connectionId;
    String orgName;

    @BeforeEach
    void connectAnOrgOfItsOwn() {
        simulator.resetData();
        connectionId = "runcredits-" + UUID.randomUUID().toString().substring(0, 8);
        orgName = "Run credits " + connectionId;
        simulator.setCredits(DC, ENV, orgName, Map.of("edition", "ENTERPRISE", "users", 10));
        simulator.nextGrantOrg(orgName);
        service.connect(connectionId, DC, ENV);
    }

    @Test
    void eachRunsCreditsAreWhatZohoCountedForItsCalls() {
        inOrg("/modules/Run_Credits/seed", Map.of("count", 1000, "seed", 7)); // 5 pages of 200
        SyncSpec sync = declare("Run_Credits", "incremental", true);

        long before = zohoUsed();
        SyncReport first = moduleSync.run(sync);
        long firstByZoho = zohoUsed() - before;
        inOrg("/modules/Run_Credits/modify", Map.of("count", 3));
        before = zohoUsed();
        SyncReport second = moduleSync.run(sync);
        long secondByZoho = zohoUsed() - before;
        history.sample();

        assertThat(first.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(second.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(firstByZoho).as("five listing pages").isEqualTo(5);
        assertThat(secondByZoho).as("one listing page and a deleted-records listing at 2").isEqualTo(3);
        assertThat(syncView(sync.id()).path("last_run_credits").asLong()).isEqualTo(secondByZoho);
        List<SyncRun> runs = history.recent(sync.id(), 10);
        assertThat(runs).extracting(SyncRun::credits).containsExactly(secondByZoho);
    }

    @Test
    void aFullRunsCreditsIncludeThePagesReadAhead() {
        inOrg("/modules/Run_Wide/seed", Map.of("count", 450, "seed", 9));
        SyncSpec sync = declare("Run_Wide", "full", false);

        long before = zohoUsed();
        SyncReport run = moduleSync.run(sync);
        long byZoho = zohoUsed() - before;
        history.sample();

        assertThat(run.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(run.records()).isEqualTo(450);
        assertThat(byZoho).isPositive();
        assertThat(syncView(sync.id()).path("last_run_credits").asLong()).isEqualTo(byZoho);
        assertThat(history.recent(sync.id(), 10)).extracting(SyncRun::credits).containsExactly(byZoho);
    }

    private long zohoUsed() {
        return simulator.credits(DC, ENV, orgName).path("used").asLong();
    }

    private JsonNode inOrg(String path, Map<String, ?> body) {
        return simulator.send("POST", "/_sim/orgs/" + DC + "/" + ENV + path + "?org="
                + URLEncoder.encode(orgName, StandardCharsets.UTF_8), body);
    }

    private JsonNode syncView(String syncId) {
        for (JsonNode sync : service.json(service.getAsAdmin("/api/syncs")).path("syncs")) {
            if (sync.path("sync_id").asText().equals(syncId)) {
                return sync;
            }
        }
        throw new AssertionError("no sync " + syncId);
    }

    private SyncSpec declare(String module, String mode, boolean deletions) {
        String id = connectionId + "-" + module;
        try {
            TemplatedRouteBuilder.builder(camel, "zoho-module-sync").routeId("zoho-sync-" + id)
                    .parameter("connectionId", connectionId).parameter("module", module)
                    .parameter("fields", "Name").parameter("sink", "mock:run-credits-" + id).parameter("schedule", NEVER)
                    .parameter("mode", mode).parameter("deletions", String.valueOf(deletions)).parameter("batch", "record")
                    .add();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return registry.find(id).orElseThrow();
    }
}
