package io.zohoconnect.bench;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.ZohoHeaders;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * P6: change → sink latency of {@code mode=notifications}. A simulator in its own JVM changes one record
 * at a time at {@code bench.rate} changes/s for {@code bench.seconds} (as a user in Zoho's UI would, through
 * its control API); each change is a watch callback to the service, which stores the id, reads the record
 * and hands it to a route. Latency is from just before the change is made to the record's arrival in the
 * route; the record read (one CRM GET by id) is reported on its own, from the service's
 * {@code zoho.notifications.record.read} timer. Target: p99 ≤ 1 s plus the record read.
 *
 * <p>{@code ./mvnw -B -Pbench verify -Dit.test=NotificationLatencyBenchmark [-Dbench.rate=50 -Dbench.seconds=60]}
 */
class NotificationLatencyBenchmark {

    static final String MODULE = "Bench_Notify";
    final int rate = Integer.getInteger("bench.rate", 50);
    final int seconds = Integer.getInteger("bench.seconds", 60);

    @Test
    void changeToSinkLatency() throws Exception {
        int changes = rate * seconds;
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (BenchSupport.SimulatorJvm simulator = new BenchSupport.SimulatorJvm(0);
                ConfigurableApplicationContext service = BenchSupport.service(simulator.base, "notify",
                        "--server.port=" + port, "--zoho.public-url=http://127.0.0.1:" + port)) {
            ConnectionStore store = service.getBean(ConnectionStore.class);
            BenchSupport.connect(store, simulator.base, "bench-notify", List.of("ZohoCRM.modules.ALL",
                    "ZohoCRM.settings.ALL", "ZohoCRM.notifications.READ", "ZohoCRM.notifications.CREATE",
                    "ZohoCRM.notifications.UPDATE", "ZohoCRM.notifications.DELETE"));
            simulator.control("POST", "/_sim/orgs/eu/production/modules/" + MODULE + "/seed",
                    "{\"count\":" + changes + ",\"fields\":20,\"seed\":6}");
            List<String> ids = new ArrayList<>();
            simulator.control("GET", "/_sim/orgs/eu/production/modules/" + MODULE + "?ids=true", null).path("ids")
                    .forEach(id -> ids.add(id.asText()));
            assertThat(ids).as("the simulator lists the seeded ids").hasSizeGreaterThanOrEqualTo(changes);

            Map<String, Long> changedAt = new ConcurrentHashMap<>();
            Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
            AtomicInteger initial = new AtomicInteger();
            CamelContext camel = service.getBean(CamelContext.class);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("zoho-crm:changes/" + MODULE + "?mode=notifications&connectionId=bench-notify&deletions=false"
                            + "&fields=" + SyncBenchmark.FIELDS + "&schedule=0 0 0 1 1 ? 2099").routeId("bench-notify")
                            .process(e -> {
                                String id = e.getMessage().getHeader(ZohoHeaders.RECORD_ID, String.class);
                                if (changedAt.containsKey(id)) {
                                    arrivedAt.putIfAbsent(id, System.nanoTime());
                                } else {
                                    initial.incrementAndGet();
                                }
                            });
                }
            });
            JdbcClient jdbc = service.getBean(JdbcClient.class);
            await().atMost(Duration.ofMinutes(5)).until(() -> initial.get() >= changes
                    && jdbc.sql("SELECT COUNT(*) FROM zoho_notification_channel").query(Long.class).single() == 1);

            // one change every 1/rate s, each to a record of its own
            ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger next = new AtomicInteger();
            long periodNanos = 1_000_000_000L / rate;
            pacer.scheduleAtFixedRate(() -> {
                int n = next.getAndIncrement();
                if (n >= changes) {
                    return;
                }
                String id = ids.get(n);
                changedAt.put(id, System.nanoTime());
                try {
                    simulator.control("POST", "/_sim/orgs/eu/production/modules/" + MODULE + "/modify",
                            "{\"ids\":[\"" + id + "\"]}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            await().atMost(Duration.ofSeconds(seconds + 60L)).pollInterval(Duration.ofMillis(50))
                    .until(() -> arrivedAt.size() >= changes);
            pacer.shutdownNow();

            long[] latencies = arrivedAt.entrySet().stream()
                    .mapToLong(e -> e.getValue() - changedAt.get(e.getKey())).sorted().toArray();
            Timer reads = service.getBean(MeterRegistry.class).find("zoho.notifications.record.read").timer();
            double readP50 = percentile(reads, 0.5);
            double readP99 = percentile(reads, 0.99);
            double p50 = latencies[(int) (latencies.length * 0.50)] / 1e6;
            double p99 = latencies[Math.min(latencies.length - 1, (int) (latencies.length * 0.99))] / 1e6;
            double max = latencies[latencies.length - 1] / 1e6;
            new BenchReport("P6", "notification change → route (mode=notifications)")
                    .condition(String.format("%,d changes at %d/s, each to a record of its own, made at the simulator (its"
                            + " own JVM) as a user would; watch callbacks over loopback; latency from just before the change"
                            + " to the record's arrival in the route", latencies.length, rate))
                    .figure("change → route p99", String.format("%.1f ms", p99), "–", 1,
                            String.format("≤ 1 s + the record read's p99 (%.1f ms)", readP99))
                    .figure("change → route p50", String.format("%.1f ms", p50), "–", 1, null)
                    .figure("change → route max", String.format("%.1f ms", max), "–", 1, null)
                    .figure(String.format("record read (GET by id, %,d reads) p50 / p99", reads.count()),
                            String.format("%.1f / %.1f ms", readP50, readP99), "–", 1, null)
                    .write("notifications.md");
            assertThat(latencies).hasSize(changes);
        }
    }

    private static double percentile(Timer timer, double which) {
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == which) {
                return value.value(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }
}
