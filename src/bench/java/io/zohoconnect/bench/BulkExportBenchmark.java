package io.zohoconnect.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.sync.ConsumerSyncs;
import io.zohoconnect.sync.SyncRegistry;
import io.zohoconnect.sync.SyncReport;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * P7: a full sync of 250,000 records from the simulator by Bulk Read ({@code zoho-crm:changes?mode=bulk}: a job per
 * 200,000 rows, zipped CSV streamed from a file) against the same consumer listing the same records page by page
 * ({@code mode=full}: 200 a call, page tokens past 2,000, the engine's restart from its checkpoint past the 100,000
 * records page tokens reach), same fields, into a route that does nothing, interleaved in one run; and the live heap
 * of bulk exports of 10 % of the records and of all of them (flat = streaming).
 *
 * <p>The simulator's jobs complete at once here: Zoho's own queue and export time (seconds to minutes a job) is not
 * modelled, so this measures what the service does with a result, not how long Zoho takes to make it.
 *
 * <p>{@code ./mvnw -B -Pbench verify -Dit.test=BulkExportBenchmark [-Dbench.records=250000] [-Dbench.rounds=3]
 * [-Dbench.crmLatencyMillis=50]}
 */
class BulkExportBenchmark {

    /** Ten fields of a custom module seeded with 20 (Name, Email, … Custom_Field_n). */
    static final String FIELDS = "Name,Email,Owner,Created_Time,Custom_Field_1,Custom_Field_2,Custom_Field_3,Custom_Field_4,"
            + "Custom_Field_5";
    static final String NEVER = "0 0 0 1 1 ? 2099";

    final int records = Integer.getInteger("bench.records", 250_000);
    final int rounds = Integer.getInteger("bench.rounds", 3);
    /**
     * Added to every CRM call of the simulator (as P2 adds token latency): 0 measures only what both paths cost on
     * loopback; Zoho answers in tens to hundreds of milliseconds, which a listing pays once per 200 records.
     */
    final long crmLatencyMillis = Long.getLong("bench.crmLatencyMillis", 0);

    @Test
    void bulkExportAgainstPageTokenListing() throws Exception {
        try (BenchSupport.SimulatorJvm simulator = new BenchSupport.SimulatorJvm(0);
                ConfigurableApplicationContext service = BenchSupport.service(simulator.base, "bulk")) {
            ConnectionStore store = service.getBean(ConnectionStore.class);
            BenchSupport.connect(store, simulator.base, "bench-bulk",
                    List.of("ZohoCRM.modules.ALL", "ZohoCRM.settings.ALL", "ZohoCRM.bulk.READ"));
            simulator.control("POST", "/_sim/orgs/eu/production/modules/Bench_Small/seed",
                    "{\"count\":" + records / 10 + ",\"fields\":20,\"seed\":1}");
            simulator.control("POST", "/_sim/orgs/eu/production/modules/Bench_Large/seed",
                    "{\"count\":" + records + ",\"fields\":20,\"seed\":2}");
            simulator.control("POST", "/_sim/bulk/settings", "{\"addedSeconds\":0,\"runSeconds\":0}");
            simulator.control("POST", "/_sim/settings", "{\"crmLatencyMillis\":" + crmLatencyMillis + "}");

            CamelContext camel = service.getBean(CamelContext.class);
            ConsumerSyncs consumers = service.getBean(ConsumerSyncs.class);
            SyncRegistry registry = service.getBean(SyncRegistry.class);
            HeapProbe probe = new HeapProbe(Math.max(500, records / 50));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (String mode : List.of("bulk", "full")) {
                        for (String module : List.of("Bench_Small", "Bench_Large")) {
                            from("zoho-crm:changes/" + module + "?connectionId=bench-bulk&syncId=bench-" + mode + "-" + module
                                    + "&mode=" + mode + "&deletions=false&fields=" + FIELDS + "&schedule=" + NEVER)
                                    .process(e -> { });
                        }
                    }
                    for (String module : List.of("Bench_Small", "Bench_Large")) {
                        from("zoho-crm:changes/" + module + "?connectionId=bench-bulk&syncId=bench-heap-" + module
                                + "&mode=bulk&deletions=false&fields=" + FIELDS + "&schedule=" + NEVER)
                                .process(e -> probe.accept(e.getMessage().getBody()));
                    }
                }
            });

            // warm both paths once, so neither pays the JIT alone
            timed(consumers, registry, "bench-bulk-Bench_Small", records / 10);
            timed(consumers, registry, "bench-full-Bench_Small", records / 10);

            List<Double> bulk = new ArrayList<>();
            List<Double> listing = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                bulk.add(timed(consumers, registry, "bench-bulk-Bench_Large", records));
                listing.add(timed(consumers, registry, "bench-full-Bench_Large", records));
            }

            probe.reset();
            timed(consumers, registry, "bench-heap-Bench_Small", records / 10);
            long smallLive = probe.maxLiveMb();
            probe.reset();
            timed(consumers, registry, "bench-heap-Bench_Large", records);
            long largeLive = probe.maxLiveMb();

            double bulkRate = median(bulk);
            double listingRate = median(listing);
            String table = String.format("""
                    | run (median of %d, interleaved; bulk/listing per round: %s; simulator CRM latency %d ms) | records | seconds | records/s | vs listing |
                    |---|---|---|---|---|
                    | zoho-crm:changes mode=full: page-token listing, 200 a call | %,d | %.1f | %,.0f | 1.00× |
                    | zoho-crm:changes mode=bulk: Bulk Read jobs, zipped CSV | %,d | %.1f | %,.0f | %.2f× |

                    | live heap during a bulk export (after full GC, every %,d records) | max |
                    |---|---|
                    | %,d records | %,d MB |
                    | %,d records | %,d MB |
                    """, rounds, ratios(bulk, listing), crmLatencyMillis, records, records / listingRate, listingRate, records,
                    records / bulkRate, bulkRate, bulkRate / listingRate, probe.every(), records / 10, smallLive, records, largeLive);
            Files.createDirectories(Path.of("target/bench"));
            Files.writeString(Path.of("target/bench/bulk-export.md"), table);
            System.out.println("\nP7 bulk export (" + Runtime.getRuntime().availableProcessors() + " cores)\n" + table);
        }
    }

    /** A run of the consumer's sync, as a tick of its cron runs it; records per second. */
    private static double timed(ConsumerSyncs consumers, SyncRegistry registry, String syncId, int expected) {
        long start = System.nanoTime();
        SyncReport report = consumers.run(registry.find(syncId).orElseThrow());
        assertThat(report.outcome()).as(report.message()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(report.records()).isEqualTo(expected);
        return report.records() / ((System.nanoTime() - start) / 1e9);
    }

    private static String ratios(List<Double> bulk, List<Double> listing) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bulk.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(String.format("%.2f", bulk.get(i) / listing.get(i)));
        }
        return out.toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
