package io.zohoconnect.sync;

import java.time.Duration;
import java.util.List;

import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.KilledRun;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second service node on the same database runs a sync and is shut down hard in the middle of a
 * page; this node then resumes from the checkpoint once the dead run's lease expires, and the union
 * of what both delivered covers every record.
 */
class SyncCrashResumeTest extends IntegrationTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ModuleSync moduleSync;
    @Autowired
    SyncStateStore states;

    @Test
    void aSyncKilledMidRunOnOneNodeResumesOnAnother() throws Exception {
        simulator.resetData();
        service.connect("crash-conn", "jp", "production");
        simulator.seedModule("jp", "production", "Sync_Killed", 3000, 0, 31);
        SyncSpec spec = new SyncSpec("crash-conn-Sync_Killed", "crash-conn", "Sync_Killed", List.of("Name"),
                "direct:crash-sink", "0 0 0 1 1 ? 2099", SyncSpec.Mode.INCREMENTAL, false, SyncSpec.Batch.RECORD);

        KilledRun.Deliveries delivered = new KilledRun.Deliveries();
        camel.addRoutes(delivered.route(spec, "crash-sink-here"));
        KilledRun.killMidRun(startOtherNode("crashing-node"), spec, delivered, 1_111, Duration.ofSeconds(30));
        SyncState afterCrash = states.find(spec.id()).orElseThrow();
        assertThat(afterCrash.recordsTotal()).isBetween(1_000L, 1_110L); // pages before the crash were checkpointed

        // the dead run's lease expires by itself; then this node resumes from the checkpoint
        SyncReport resumed = KilledRun.resumeHere(moduleSync, spec, Duration.ofSeconds(20));
        assertThat(resumed.records()).as("only what follows the checkpoint").isEqualTo(3000 - afterCrash.recordsTotal());
        assertThat(delivered.ids()).containsAll(simulator.liveIds("jp", "production", "Sync_Killed")).hasSize(3000);
        camel.getRouteController().stopRoute("crash-sink-here");
        camel.removeRoute("crash-sink-here");
    }
}
