package io.zohoconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.zohoconnect.ZohoHeaders;
import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.OtherNode;
import io.zohoconnect.sync.ModuleSync;
import io.zohoconnect.sync.SyncReport;
import io.zohoconnect.sync.SyncSpec;
import io.zohoconnect.sync.SyncState;
import io.zohoconnect.sync.SyncStateStore;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;

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
    @Value("${spring.datasource.url}")
    String databaseUrl;
    @Value("${zoho.crypto.key}")
    String cryptoKey;

    @Test
    void anExportKilledMidPageOnOneNodeResumesTheSameJobOnAnother() throws Exception {
        simulator.resetData();
        service.connect("bulk-crash", "jp", "production");
        simulator.seedModule("jp", "production", "Bulk_Killed", RECORDS, 0, 81);
        simulator.bulkSettings(Map.of("addedSeconds", 0, "runSeconds", 0));
        SyncSpec spec = new SyncSpec("bulk-crash-Bulk_Killed", "bulk-crash", "Bulk_Killed", List.of("Name", "Email"),
                "direct:bulk-crash-sink", "0 0 0 1 1 ? 2099", SyncSpec.Mode.BULK, false, SyncSpec.Batch.RECORD);
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        AtomicLong messages = new AtomicLong();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:bulk-crash-sink").routeId("bulk-crash-sink-here").process(e -> {
                    messages.incrementAndGet();
                    delivered.add(e.getMessage().getHeader(ZohoHeaders.RECORD_ID, String.class));
                });
            }
        });
        CountDownLatch midPage = new CountDownLatch(1);
        // a short shutdown grace: the node is killed, its hung delivery need not be waited for
        ConfigurableApplicationContext other = OtherNode.start("bulk-crashing-node", databaseUrl, cryptoKey,
                simulator.baseUrl(), "--zoho.shutdown.grace=1s");
        try {
            other.getBean(CamelContext.class).addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:bulk-crash-sink").process(e -> {
                        messages.incrementAndGet();
                        delivered.add(e.getMessage().getHeader(ZohoHeaders.RECORD_ID, String.class));
                        if (delivered.size() == CRASH_AT) {
                            midPage.countDown();
                            new CountDownLatch(1).await(); // hang here, mid-page, until the node dies
                        }
                    });
                }
            });
            ModuleSync otherSync = other.getBean(ModuleSync.class);
            Thread run = new Thread(() -> otherSync.run(spec));
            run.setDaemon(true);
            run.start();
            assertThat(midPage.await(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            other.close(); // the node goes away with its export unfinished
        }
        SyncState afterCrash = states.find(spec.id()).orElseThrow();
        BulkJob stored = bulkJobs.find(spec.id()).orElseThrow();
        assertThat(stored.page()).isEqualTo(1);
        assertThat(stored.rowsDelivered()).as("batches before the crash were checkpointed with the job")
                .isEqualTo(CRASH_AT - 200).isEqualTo(afterCrash.recordsTotal());
        assertThat(simulator.bulkJobs()).hasSize(1);

        // the dead run's lease expires by itself; then this node resumes the same job after its delivered rows
        SyncReport[] resumed = new SyncReport[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            resumed[0] = moduleSync.run(spec);
            return resumed[0].outcome() == SyncReport.Outcome.COMPLETED;
        });

        assertThat(resumed[0].records()).as("only what follows the checkpoint").isEqualTo(RECORDS - stored.rowsDelivered());
        assertThat(simulator.bulkJobs()).as("the first page's job resumed, one job for the second page")
                .extracting(job -> job.path("page").asInt()).containsExactly(1, 2);
        // by set lookups: AssertJ's containsAll would compare 250,000 × 250,000 ids
        List<String> missing = simulator.liveIds("jp", "production", "Bulk_Killed").stream()
                .filter(id -> !delivered.contains(id)).toList();
        assertThat(missing).as("records neither node delivered").isEmpty();
        assertThat(delivered).as("nothing but the module's records").hasSize(RECORDS);
        assertThat(messages.get()).as("only the batch in flight at the crash is sent twice").isLessThanOrEqualTo(RECORDS + 200);
        assertThat(bulkJobs.find(spec.id())).isEmpty();
        camel.getRouteController().stopRoute("bulk-crash-sink-here");
        camel.removeRoute("bulk-crash-sink-here");
    }
}
