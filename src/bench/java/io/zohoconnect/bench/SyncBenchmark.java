package io.zohoconnect.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.sync.ConsumerSyncs;
import io.zohoconnect.sync.ModuleSync;
import io.zohoconnect.sync.SyncRegistry;
import io.zohoconnect.sync.SyncReport;
import io.zohoconnect.sync.SyncSpec;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * P3: a module sync of 100,000 records from the simulator — the {@code zoho-crm:changes} consumer into a
 * route that does nothing, and its shorthand zoho-module-sync (JSON text) to a no-op sink — against a bare
 * java.net.http loop that fetches the same pages (same fields, page tokens) and parses them, in the
 * same run; and the peak heap of syncs of 10,000 and 100,000 records (flat = streaming).
 *
 * <p>{@code ./mvnw -B -Pbench verify -Dit.test=SyncBenchmark [-Dbench.records=100000]}
 */
class SyncBenchmark {

    /** Ten fields of a custom module seeded with 20 (Name, Email, … Custom_Field_n). */
    static final String FIELDS = "Name,Email,Owner,Created_Time,Custom_Field_1,Custom_Field_2,Custom_Field_3,Custom_Field_4,"
            + "Custom_Field_5";

    final int records = Integer.getInteger("bench.records", 100_000);
    /** Each round runs every path once; a 100,000-record run takes about a second, so one round alone is noise. */
    static final int ROUNDS = Integer.getInteger("bench.rounds", 9);

    @Test
    void syncThroughput() throws Exception {
        try (BenchSupport.SimulatorJvm simulator = new BenchSupport.SimulatorJvm(0);
                ConfigurableApplicationContext service = BenchSupport.service(simulator.base, "sync")) {
            ConnectionStore store = service.getBean(ConnectionStore.class);
            BenchSupport.connect(store, simulator.base, "bench-sync");
            simulator.control("POST", "/_sim/orgs/eu/production/modules/Bench_Small/seed",
                    "{\"count\":" + records / 10 + ",\"fields\":20,\"seed\":1}");
            simulator.control("POST", "/_sim/orgs/eu/production/modules/Bench_Large/seed",
                    "{\"count\":" + records + ",\"fields\":20,\"seed\":2}");
            String token = store.find("bench-sync").orElseThrow().accessToken().value();

            // warm both paths once, so neither pays the JIT alone
            bareLoop(simulator.base, token, "Bench_Small");
            ModuleSync sync = service.getBean(ModuleSync.class);
            CamelContext camel = service.getBean(CamelContext.class);
            sync.run(spec("warm", "Bench_Small", "full").declare(camel));

            // the zoho-crm:changes consumer, into a route that does nothing with the record (one per record, one per page)
            ConsumerSyncs consumers = service.getBean(ConsumerSyncs.class);
            SyncRegistry registry = service.getBean(SyncRegistry.class);
            AtomicLong consumed = new AtomicLong();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (String batch : List.of("record", "page")) {
                        for (String module : List.of("Bench_Small", "Bench_Large")) {
                            from("zoho-crm:changes/" + module + "?connectionId=bench-sync&syncId=bench-consumer-" + batch + "-"
                                    + module + "&mode=full&deletions=false&batch=" + batch + "&fields=" + FIELDS
                                    + "&schedule=0 0 0 1 1 ? 2099").process(e -> consumed.incrementAndGet());
                        }
                    }
                }
            });
            timed(consumers, registry, "bench-consumer-record-Bench_Small");
            timed(consumers, registry, "bench-consumer-page-Bench_Small");

            // interleaved repetitions (the bare loop first in even rounds, last in odd ones, so neither side always
            // runs just after a GC-heavy neighbour); the ratios are taken per round, where both sides saw the same machine
            List<Double> bare = new ArrayList<>();
            List<Double> perRecord = new ArrayList<>();
            List<Double> perPage = new ArrayList<>();
            List<Double> consumerPerRecord = new ArrayList<>();
            List<Double> consumerPerPage = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                if (round % 2 == 0) {
                    bare.add(bareRate(simulator.base, token));
                }
                consumerPerRecord.add(timed(consumers, registry, "bench-consumer-record-Bench_Large"));
                consumerPerPage.add(timed(consumers, registry, "bench-consumer-page-Bench_Large"));
                perRecord.add(timed(sync, spec("large-" + round, "Bench_Large", "full").declare(camel)));
                perPage.add(timed(sync, spec("large-pages-" + round, "Bench_Large", "full").withBatchPage().declare(camel)));
                if (round % 2 == 1) {
                    bare.add(bareRate(simulator.base, token));
                }
            }
            // live heap (after a full GC, every 5,000 records) while syncing 10 % of the records, then all of them
            HeapProbe probe = new HeapProbe(5_000);
            service.getBean(org.apache.camel.CamelContext.class).getRegistry().bind("heapProbe", probe);
            probe.reset();
            assertThat(sync.run(spec("heap-small", "Bench_Small", "full").sink("bean:heapProbe").declare(camel)).records())
                    .isEqualTo(records / 10);
            long smallLive = probe.maxLiveMb();
            probe.reset();
            assertThat(sync.run(spec("heap-large", "Bench_Large", "full").sink("bean:heapProbe").declare(camel)).records())
                    .isEqualTo(records);
            long largeLive = probe.maxLiveMb();

            BenchReport.Table perRound = new BenchReport.Table("round", "bare loop (records/s)", "consumer, per record",
                    "consumer, per page", "zoho-module-sync → log sink, per record",
                    "zoho-module-sync → log sink, per page");
            for (int round = 0; round < ROUNDS; round++) {
                perRound.row(round + 1, String.format("%,.0f", bare.get(round)),
                        String.format("%,.0f (%.2f×)", consumerPerRecord.get(round), consumerPerRecord.get(round) / bare.get(round)),
                        String.format("%,.0f (%.2f×)", consumerPerPage.get(round), consumerPerPage.get(round) / bare.get(round)),
                        String.format("%,.0f (%.2f×)", perRecord.get(round), perRecord.get(round) / bare.get(round)),
                        String.format("%,.0f (%.2f×)", perPage.get(round), perPage.get(round) / bare.get(round)));
            }
            new BenchReport("P3", "module sync against a bare java.net.http loop over the same pages")
                    .condition(String.format("%,d records of 10 fields; %d interleaved rounds, the bare loop first in even"
                            + " rounds and last in odd ones; ratios (records/s over the bare loop's) per round; simulator in"
                            + " its own JVM on loopback", records, ROUNDS))
                    .figure("zoho-crm:changes consumer, one message per record / bare loop",
                            Rounds.Spread.of(Rounds.ratios(consumerPerRecord, bare)), "%.2f×", "≥ 0.8×")
                    .figure("zoho-crm:changes consumer, one message per page / bare loop",
                            Rounds.Spread.of(Rounds.ratios(consumerPerPage, bare)), "%.2f×", "≥ 0.9×")
                    .figure("zoho-module-sync (the consumer, JSON text to a log sink), per record / bare loop", Rounds.Spread.of(Rounds.ratios(perRecord, bare)),
                            "%.2f×", null)
                    .figure("zoho-module-sync (the consumer, JSON text to a log sink), per page / bare loop", Rounds.Spread.of(Rounds.ratios(perPage, bare)),
                            "%.2f×", null)
                    .figure("bare java.net.http loop (same pages, parsed with Jackson)", Rounds.Spread.of(bare),
                            "%,.0f records/s", null)
                    .figure(String.format("live heap while syncing %,d records (after full GC, every 5,000)", records / 10),
                            String.format("%,d MB", smallLive), "–", 1, "flat")
                    .figure(String.format("live heap while syncing %,d records", records), String.format("%,d MB", largeLive),
                            "–", 1, "flat")
                    .table(perRound)
                    .write("sync.md");
        }
    }

    private static double timed(ModuleSync sync, SyncSpec spec) {
        long start = System.nanoTime();
        SyncReport report = sync.run(spec);
        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        return report.records() / ((System.nanoTime() - start) / 1e9);
    }

    /** A run of the consumer's sync, as a tick of its cron runs it. */
    private static double timed(ConsumerSyncs consumers, SyncRegistry registry, String syncId) {
        long start = System.nanoTime();
        SyncReport report = consumers.run(registry.find(syncId).orElseThrow());
        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        return report.records() / ((System.nanoTime() - start) / 1e9);
    }

    private double bareRate(String base, String token) throws Exception {
        long start = System.nanoTime();
        assertThat(bareLoop(base, token, "Bench_Large")).isEqualTo(records);
        return records / ((System.nanoTime() - start) / 1e9);
    }

    private static SpecBuilder spec(String id, String module, String mode) {
        return new SpecBuilder(id, module, mode);
    }

    /** The baseline: the same listing, page token by page token, parsed with Jackson, nothing else. */
    private static long bareLoop(String base, String token, String module) throws Exception {
        long count = 0;
        String pageToken = null;
        while (true) {
            String query = "fields=Modified_Time," + FIELDS + "&per_page=200&sort_by=Modified_Time&sort_order=asc"
                    + (pageToken == null ? "&page=1" : "&page_token=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8));
            HttpResponse<String> response = BenchSupport.HTTP.send(HttpRequest.newBuilder(
                    URI.create(base + "/eu/api/crm/v8/" + module + "?" + query))
                    .header("Authorization", "Zoho-oauthtoken " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 204) {
                return count;
            }
            JsonNode root = BenchSupport.JSON.readTree(response.body());
            count += root.path("data").size();
            if (!root.path("info").path("more_records").asBoolean()) {
                return count;
            }
            pageToken = root.path("info").path("next_page_token").asText();
        }
    }

    private static final class SpecBuilder {
        private final String id;
        private final String module;
        private final String mode;
        private SyncSpec.Batch batch = SyncSpec.Batch.RECORD;
        private String sink = "log:bench-sink?level=OFF";

        SpecBuilder(String id, String module, String mode) {
            this.id = id;
            this.module = module;
            this.mode = mode;
        }

        SpecBuilder sink(String uri) {
            sink = uri;
            return this;
        }

        SpecBuilder withBatchPage() {
            batch = SyncSpec.Batch.PAGE;
            return this;
        }

        /** The sync, declared as a zoho-module-sync route to its sink (a sync runs only into its consumer's route). */
        SyncSpec declare(CamelContext camel) throws Exception {
            SyncSpec spec = new SyncSpec("bench-" + id, "bench-sync", module, SyncSpec.fieldList(FIELDS), sink,
                    "0 0 0 1 1 ? 2099", SyncSpec.Mode.parse(mode), false, batch);
            org.apache.camel.builder.TemplatedRouteBuilder.builder(camel, "zoho-module-sync").routeId("zoho-sync-" + spec.id())
                    .parameter("syncId", spec.id()).parameter("connectionId", spec.connectionId())
                    .parameter("module", spec.module()).parameter("fields", FIELDS).parameter("sink", sink)
                    .parameter("schedule", spec.schedule()).parameter("mode", mode).parameter("deletions", "false")
                    .parameter("batch", batch.name().toLowerCase(java.util.Locale.ROOT)).add();
            return spec;
        }
    }
}
