package io.zohoconnect.bench;

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
 * records page tokens reach), same fields, into a route that does nothing, in rounds in ABBA order; and the live heap
 * of bulk exports of 10 % of the records and of all of them (flat = streaming).
 *
 * <p>Both sides pay Zoho's time: every CRM call of the simulator (listing pages; creating, following and downloading
 * jobs) takes {@code bench.crmLatencyMillis}, and a Bulk Read job stays ADDED for {@code bench.bulkQueueSeconds}, then
 * IN PROGRESS while it exports its page at {@code bench.bulkRecordsPerSecond}. Zoho documents no export time, so the
 * defaults are an assumption (see {@link #bulkRecordsPerSecond}); the report separates the modelled export time from
 * the rest and shows, marked as extrapolated, what other rates and latencies would give. The service has a public URL,
 * so the simulator calls back when a job completes (polling stays the fallback), as a production setup with
 * {@code zoho.public-url} works.
 *
 * <p>{@code ./mvnw -B -Pbench verify -Dit.test=BulkExportBenchmark [-Dbench.records=250000] [-Dbench.rounds=2]
 * [-Dbench.crmLatencyMillis=50] [-Dbench.bulkQueueSeconds=5] [-Dbench.bulkRecordsPerSecond=2000]}
 */
class BulkExportBenchmark {

    /** Ten fields of a custom module seeded with 20 (Name, Email, … Custom_Field_n). */
    static final String FIELDS = "Name,Email,Owner,Created_Time,Custom_Field_1,Custom_Field_2,Custom_Field_3,Custom_Field_4,"
            + "Custom_Field_5";
    static final String NEVER = "0 0 0 1 1 ? 2099";
    /** Zoho's rows per Bulk Read job page. */
    static final int PAGE_ROWS = 200_000;

    final int records = Integer.getInteger("bench.records", 250_000);
    /** Rounds of both sides in ABBA order; 2 = listing, bulk, bulk, listing. */
    final int rounds = Integer.getInteger("bench.rounds", 2);
    /**
     * Added to every CRM call of the simulator, on both sides (as P2 adds token latency): Zoho answers in tens to hundreds
     * of milliseconds, which a listing pays once per 200 records and a bulk export a few times per job.
     */
    final long crmLatencyMillis = Long.getLong("bench.crmLatencyMillis", 50);
    /** Seconds a job stays ADDED before it runs (Zoho queues jobs; assumed, not documented). */
    final long bulkQueueSeconds = Long.getLong("bench.bulkQueueSeconds", 5);
    /**
     * Records a job exports per second while IN PROGRESS. Zoho documents no figure: it runs jobs asynchronously through a
     * queue and has clients wait for a callback or poll, not answer in seconds. Assumed: 2,000 records/s, so a full
     * 200,000-record page takes 100 s — over a minute, the scale a queued export job suggests — and the report shows
     * what 1,000 to 20,000 records/s, or an instant export, would give.
     */
    final long bulkRecordsPerSecond = Long.getLong("bench.bulkRecordsPerSecond", 2_000);

    @Test
    void bulkExportAgainstPageTokenListing() throws Exception {
        int port = freePort();
        try (BenchSupport.SimulatorJvm simulator = new BenchSupport.SimulatorJvm(0);
                ConfigurableApplicationContext service = BenchSupport.service(simulator.base, "bulk",
                        "--server.port=" + port, "--zoho.public-url=http://127.0.0.1:" + port)) {
            ConnectionStore store = service.getBean(ConnectionStore.class);
            BenchSupport.connect(store, simulator.base, "bench-bulk",
                    List.of("ZohoCRM.modules.ALL", "ZohoCRM.settings.ALL", "ZohoCRM.bulk.READ"));
            simulator.control("POST", "/_sim/orgs/eu/production/modules/Bench_Small/seed",
                    "{\"count\":" + records / 10 + ",\"fields\":20,\"seed\":1}");
            simulator.control("POST", "/_sim/orgs/eu/production/modules/Bench_Large/seed",
                    "{\"count\":" + records + ",\"fields\":20,\"seed\":2}");
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

            // warm both paths once, so neither pays the JIT alone (Zoho's export time off: it warms nothing)
            exportTime(simulator, 0, 0);
            timed(simulator, consumers, registry, "bench-bulk-Bench_Small", records / 10);
            timed(simulator, consumers, registry, "bench-full-Bench_Small", records / 10);

            exportTime(simulator, bulkQueueSeconds, bulkRecordsPerSecond);
            List<Double> bulkSeconds = new ArrayList<>();
            List<Double> listingSeconds = new ArrayList<>();
            List<Long> bulkCalls = new ArrayList<>();
            List<Long> listingCalls = new ArrayList<>();
            List<String> orders = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                List<String> order = Rounds.order(List.of("full", "bulk"), round);
                orders.add(String.join(" → ", order.stream().map(m -> m.equals("full") ? "listing" : "bulk").toList()));
                for (String mode : order) {
                    Run run = timed(simulator, consumers, registry, "bench-" + mode + "-Bench_Large", records);
                    (mode.equals("bulk") ? bulkSeconds : listingSeconds).add(run.seconds());
                    (mode.equals("bulk") ? bulkCalls : listingCalls).add(run.crmCalls());
                }
            }

            // live heap, with the export time off again (it does not change what the service holds)
            exportTime(simulator, 0, 0);
            probe.reset();
            timed(simulator, consumers, registry, "bench-heap-Bench_Small", records / 10);
            long smallLive = probe.maxLiveMb();
            probe.reset();
            timed(simulator, consumers, registry, "bench-heap-Bench_Large", records);
            long largeLive = probe.maxLiveMb();

            report(bulkSeconds, listingSeconds, bulkCalls, listingCalls, orders, smallLive, largeLive, probe.every());
        }
    }

    private void report(List<Double> bulkSeconds, List<Double> listingSeconds, List<Long> bulkCalls, List<Long> listingCalls,
                        List<String> orders, long smallLive, long largeLive, int every) throws Exception {
        double zohoExport = modelledExportSeconds(bulkQueueSeconds, bulkRecordsPerSecond);
        // records/s of bulk over records/s of the listing = listing seconds / bulk seconds, per round
        List<Double> speedup = Rounds.ratios(listingSeconds, bulkSeconds);
        List<Double> bulkService = bulkSeconds.stream().map(b -> b - zohoExport).toList();
        BenchReport.Table perRound = new BenchReport.Table("round", "order", "listing (s)", "listing CRM calls",
                "bulk (s)", "of which Zoho's modelled export (s)", "bulk CRM calls", "bulk / listing (records/s)");
        for (int round = 0; round < rounds; round++) {
            perRound.row(round + 1, orders.get(round), String.format("%.1f", listingSeconds.get(round)),
                    String.format("%,d", listingCalls.get(round)), String.format("%.1f", bulkSeconds.get(round)),
                    String.format("%.1f", zohoExport), String.format("%,d", bulkCalls.get(round)),
                    String.format("%.2f×", speedup.get(round)));
        }
        Rounds.Spread listing = Rounds.Spread.of(listingSeconds);
        Rounds.Spread bulkRest = Rounds.Spread.of(bulkService);
        double listingCallsPerRun = listingCalls.stream().mapToLong(Long::longValue).average().orElse(0);
        double bulkCallsPerRun = bulkCalls.stream().mapToLong(Long::longValue).average().orElse(0);

        BenchReport.Table extrapolated = new BenchReport.Table("Zoho export rate \\ CRM latency per call", "50 ms", "200 ms",
                "500 ms");
        for (long rate : new long[] {1_000, 2_000, 5_000, 20_000, 0}) {
            List<String> cells = new ArrayList<>();
            cells.add(rate == 0 ? "instant (queue time only)" : String.format("%,d records/s", rate));
            for (long latency : new long[] {50, 200, 500}) {
                double extra = (latency - crmLatencyMillis) / 1000.0;
                double listingAt = listing.median() + listingCallsPerRun * extra;
                double bulkAt = bulkRest.median() + modelledExportSeconds(bulkQueueSeconds, rate) + bulkCallsPerRun * extra;
                cells.add(String.format("%.1f×", listingAt / bulkAt));
            }
            extrapolated.row(cells.toArray());
        }
        double budget = listing.median() / 3 - bulkRest.median() - jobs() * bulkQueueSeconds;
        String breakEven = budget <= 0 ? "no export rate would do, with " + bulkQueueSeconds + " s of queue per job"
                : String.format("Zoho would have to export at least %,.0f records/s", records / budget);

        new BenchReport("P7", "Bulk Read export against page-token listing of the same records")
                .condition(String.format("%,d records of 10 fields, to a no-op route; %d rounds, sides in ABBA order",
                        records, rounds))
                .condition(String.format("simulator in its own JVM; every CRM call %d ms (both sides); a Bulk Read job"
                        + " %d s ADDED, then IN PROGRESS at %,d records/s (assumed: Zoho documents no export time); %d"
                        + " job(s) of at most %,d rows, one after the other; completion by callback (zoho.public-url"
                        + " set)", crmLatencyMillis, bulkQueueSeconds, bulkRecordsPerSecond, jobs(), PAGE_ROWS))
                .figure("bulk / listing (records/s)", Rounds.Spread.of(speedup), "%.2f×", "≥ 3×")
                .figure("listing", listing, "%.1f s", null)
                .figure("bulk", Rounds.Spread.of(bulkSeconds), "%.1f s", null)
                .figure("bulk without Zoho's modelled export (" + String.format("%.1f", zohoExport) + " s)", bulkRest,
                        "%.1f s", null)
                .figure(String.format("live heap during a bulk export of %,d records (after full GC, every %,d records)",
                        records / 10, every), String.format("%,d MB", smallLive), "–", 1, "flat")
                .figure(String.format("live heap during a bulk export of %,d records", records),
                        String.format("%,d MB", largeLive), "–", 1, "flat")
                .table(perRound)
                .note(String.format("Extrapolated, not measured: bulk / listing if Zoho exported at another rate or answered"
                        + " each call in another time, from this run's medians (listing %.1f s over %,.0f calls; bulk %.1f s"
                        + " besides the export, over %,.0f calls; %d s of queue per job). For ≥ 3× at %d ms a call, %s.", listing.median(), listingCallsPerRun, bulkRest.median(),
                        bulkCallsPerRun, bulkQueueSeconds, crmLatencyMillis, breakEven))
                .table(extrapolated)
                .write("bulk-export.md");
    }

    /** Jobs a full export takes: one per page of {@link #PAGE_ROWS}, each made after the one before completes. */
    private int jobs() {
        return (records + PAGE_ROWS - 1) / PAGE_ROWS;
    }

    /** Zoho's part of a full bulk export in the model: each job's queue time, then its page's records at the rate. */
    private double modelledExportSeconds(long queueSeconds, long recordsPerSecond) {
        double seconds = 0;
        for (int job = 0; job < jobs(); job++) {
            int rows = Math.min(PAGE_ROWS, records - job * PAGE_ROWS);
            seconds += queueSeconds + (recordsPerSecond == 0 ? 0 : Math.ceil(1000.0 * rows / recordsPerSecond) / 1000);
        }
        return seconds;
    }

    private static void exportTime(BenchSupport.SimulatorJvm simulator, long queueSeconds, long recordsPerSecond)
            throws Exception {
        simulator.control("POST", "/_sim/bulk/settings", "{\"addedSeconds\":" + queueSeconds + ",\"runSeconds\":0,"
                + "\"recordsPerSecond\":" + recordsPerSecond + "}");
    }

    /** A run: its wall time and the CRM calls it made. */
    record Run(double seconds, long crmCalls) {
    }

    /** A run of the consumer's sync, as a tick of its cron runs it. */
    private static Run timed(BenchSupport.SimulatorJvm simulator, ConsumerSyncs consumers, SyncRegistry registry,
                             String syncId, int expected) throws Exception {
        long callsBefore = simulator.control("GET", "/_sim/counters", null).path("crmRequests").asLong();
        long start = System.nanoTime();
        SyncReport report = consumers.run(registry.find(syncId).orElseThrow());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(report.outcome()).as(report.message()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(report.records()).isEqualTo(expected);
        long calls = simulator.control("GET", "/_sim/counters", null).path("crmRequests").asLong() - callsBefore;
        return new Run(seconds, calls);
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
