package io.zohoconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.KilledRun;
import io.zohoconnect.sync.ModuleSync;
import io.zohoconnect.sync.SyncReport;
import io.zohoconnect.sync.SyncSpec;
import io.zohoconnect.sync.SyncState;
import io.zohoconnect.sync.SyncStateStore;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A 250,000-record module exported by Bulk Read — two job pages of 200,000 and 50,000 rows — by a node that
 * dies in the middle of the first page; this node then resumes the same job after the rows the dead node
 * delivered (no new job for that page), continues with the second page, and the union of what both
 * delivered is every record.
 */
class BulkExportCrashResumeTest extends IntegrationTest {

    private static final int RECORDS = 250_000;
    private static final int CRASH_AT = 125_000;

    @Autowired
    CamelContext camel;
    @Autowired
    ModuleSync moduleSync;
    @Autowired
    SyncStateStore states;
    @Autowired
    BulkJobStore bulkJobs;

    @Test
    void anExportKilledMidPageOnOneNodeResumesTheSameJobOnAnother() throws Exception {
        simulator.resetData();
        service.connect("bulk-crash", "jp", "production");
        simulator.seedModule("jp", "production", "Bulk_Killed", RECORDS, 0, 81);
        simulator.bulkSettings(Map.of("addedSeconds", 0, "runSeconds", 0));
        SyncSpec spec = new SyncSpec("bulk-crash-Bulk_Killed", "bulk-crash", "Bulk_Killed", List.of("Name", "Email"),
                "direct:bulk-crash-sink", "0 0 0 1 1 ? 2099", SyncSpec.Mode.BULK, false, SyncSpec.Batch.RECORD);
        KilledRun.Deliveries delivered = new KilledRun.Deliveries();
        camel.addRoutes(delivered.route(spec, "bulk-crash-sink-here"));
        // a short shutdown grace: the node is killed, its hung delivery need not be waited for
        KilledRun.killMidRun(startOtherNode("bulk-crashing-node", "--zoho.shutdown.grace=1s"), spec, delivered, CRASH_AT, Duration.ofSeconds(60));
        SyncState afterCrash = states.find(spec.id()).orElseThrow();
        BulkJob stored = bulkJobs.find(spec.id()).orElseThrow();
        assertThat(stored.page()).isEqualTo(1);
        assertThat(stored.rowsDelivered()).as("batches before the crash were checkpointed with the job")
                .isEqualTo(CRASH_AT - 200).isEqualTo(afterCrash.recordsTotal());
        assertThat(simulator.bulkJobs()).hasSize(1);

        // the dead run's lease expires by itself; then this node resumes the same job after its delivered rows
        SyncReport resumed = KilledRun.resumeHere(moduleSync, spec, Duration.ofSeconds(30));

        assertThat(resumed.records()).as("only what follows the checkpoint").isEqualTo(RECORDS - stored.rowsDelivered());
        assertThat(simulator.bulkJobs()).as("the first page's job resumed, one job for the second page")
                .extracting(job -> job.path("page").asInt()).containsExactly(1, 2);
        // by set lookups: AssertJ's containsAll would compare 250,000 × 250,000 ids
        List<String> missing = simulator.liveIds("jp", "production", "Bulk_Killed").stream()
                .filter(id -> !delivered.ids().contains(id)).toList();
        assertThat(missing).as("records neither node delivered").isEmpty();
        assertThat(delivered.ids()).as("nothing but the module's records").hasSize(RECORDS);
        assertThat(delivered.messages()).as("only the batch in flight at the crash is sent twice").isLessThanOrEqualTo(RECORDS + 200);
        assertThat(bulkJobs.find(spec.id())).isEmpty();
        camel.getRouteController().stopRoute("bulk-crash-sink-here");
        camel.removeRoute("bulk-crash-sink-here");
    }
}
