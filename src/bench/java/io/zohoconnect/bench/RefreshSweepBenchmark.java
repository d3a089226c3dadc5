package io.zohoconnect.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.credentials.RefreshResult;
import io.zohoconnect.credentials.RefreshSweep;
import io.zohoconnect.credentials.TokenRefresher;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * P2: a refresh pass over 10,000 due connections against a simulated Zoho whose token endpoint takes
 * 50 ms, at several concurrencies. Reports wall time against the bound N × latency / concurrency,
 * the service's CPU seconds per 1,000 refreshes, token requests (must equal N) and expired tokens
 * handed out to callers during the run (must be 0). The simulator runs in its own JVM.
 *
 * <p>{@code ./mvnw -B -Pbench verify -Dit.test=RefreshSweepBenchmark [-Dbench.connections=10000]
 * [-Dbench.concurrency=8,32] [-Dbench.latencyMillis=50]}
 */
class RefreshSweepBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();

    final int connections = Integer.getInteger("bench.connections", 10_000);
    final long latencyMillis = Long.getLong("bench.latencyMillis", 50);
    final List<Integer> concurrencies = List.of(System.getProperty("bench.concurrency", "8,32").split(","))
            .stream().map(String::trim).map(Integer::parseInt).toList();

    @Test
    void refreshPass() throws Exception {
        List<Pass> passes = new ArrayList<>();
        for (int concurrency : concurrencies) {
            passes.add(run(concurrency, 0));
            passes.add(run(concurrency, 2));
        }
        BenchReport report = new BenchReport("P2", "refresh pass over due connections")
                .condition(String.format("%,d due connections; simulator in its own JVM, %d ms per token request; each pass"
                        + " alone, then with 2 threads asking for tokens of random connections throughout", connections,
                        latencyMillis));
        BenchReport.Table table = new BenchReport.Table("concurrency", "callers", "wall time",
                "bound (pass refreshes × latency / concurrency)", "ratio", "CPU s per 1,000 refreshes", "token requests",
                "expired tokens handed out");
        for (Pass pass : passes) {
            String who = pass.callers() == 0 ? "" : " with " + pass.callers() + " callers";
            report.figure("wall time / bound, concurrency " + pass.concurrency() + who,
                    String.format("%.2f×", pass.wallSeconds() / pass.boundSeconds()), "–", 1, "≤ 1.2×");
            if (pass.callers() == 0) {
                report.figure("service CPU s per 1,000 refreshes, concurrency " + pass.concurrency(),
                        String.format("%.2f", pass.cpuSecondsPer1000()), "–", 1, null);
            } else {
                report.figure("expired tokens handed out, concurrency " + pass.concurrency() + who,
                        String.format("%,d of %,d", pass.expiredHandedOut(), pass.served()), "–", 1, "0");
            }
            report.figure("token requests, concurrency " + pass.concurrency() + who,
                    String.format("%,d", pass.tokenRequests()), "–", 1, String.format("%,d (one per connection)", connections));
            table.row(pass.concurrency(), pass.callers() == 0 ? "none" : pass.callers() + " threads, "
                            + String.format("%,d", pass.served()) + " tokens served", String.format("%.1f s", pass.wallSeconds()),
                    String.format("%.1f s (%,d refreshes)", pass.boundSeconds(), pass.refreshes()),
                    String.format("%.2f×", pass.wallSeconds() / pass.boundSeconds()),
                    pass.callers() == 0 ? String.format("%.2f", pass.cpuSecondsPer1000()) : "— (callers busy-loop)",
                    String.format("%,d", pass.tokenRequests()), pass.callers() == 0 ? "—" : String.valueOf(pass.expiredHandedOut()));
        }
        report.table(table).write("refresh-sweep.md");
    }

    /** One pass: its wall time against the bound, the CPU it took, what Zoho saw and what callers got. */
    record Pass(int concurrency, int callers, double wallSeconds, double boundSeconds, int refreshes, double cpuSecondsPer1000,
                long tokenRequests, long served, long expiredHandedOut) {
    }

    /**
     * One pass over N due connections. With {@code callerThreads} > 0, that many threads keep asking
     * for tokens of random connections meanwhile (refreshing on demand what the pass has not reached):
     * every token they get must be unexpired, and Zoho must still see exactly one request per connection.
     */
    private Pass run(int concurrency, int callerThreads) throws Exception {
        try (BenchSupport.SimulatorJvm simulator = new BenchSupport.SimulatorJvm(0)) {
            String base = simulator.base;
            try (ConfigurableApplicationContext service = BenchSupport.service(base, "refresh-" + concurrency + "-" + callerThreads,
                    "--zoho.refresh.concurrency=" + concurrency,
                    "--camel.component.http.connections-per-route=" + Math.max(50, concurrency * 2))) {
                List<String> ids = new ArrayList<>();
                seed(service.getBean(ConnectionStore.class), base, ids);
                makeAllDue(service);
                setLatency(base, latencyMillis);
                long refreshRequestsBefore = refreshRequests(base);

                AtomicBoolean stop = new AtomicBoolean();
                AtomicLong expiredHandedOut = new AtomicLong();
                AtomicLong served = new AtomicLong();
                ExecutorService callers = Executors.newFixedThreadPool(Math.max(1, callerThreads));
                TokenRefresher refresher = service.getBean(TokenRefresher.class);
                for (int t = 0; t < callerThreads; t++) {
                    Random random = new Random(t);
                    callers.submit(() -> {
                        while (!stop.get()) {
                            var c = refresher.freshConnection(ids.get(random.nextInt(ids.size())));
                            if (!c.accessTokenExpiresAt().isAfter(Instant.now())) {
                                expiredHandedOut.incrementAndGet();
                            }
                            served.incrementAndGet();
                        }
                        return null;
                    });
                }
                long cpuBefore = processCpuNanos();
                long started = System.nanoTime();
                RefreshSweep.SweepReport pass = service.getBean(RefreshSweep.class).run();
                long wallNanos = System.nanoTime() - started;
                long cpuNanos = processCpuNanos() - cpuBefore;
                stop.set(true);
                callers.shutdown();
                callers.awaitTermination(30, TimeUnit.SECONDS);

                long tokenRequests = refreshRequests(base) - refreshRequestsBefore;
                int passRefreshes = pass.get(RefreshResult.Outcome.REFRESHED);
                double bound = passRefreshes * latencyMillis / 1000.0 / concurrency;
                double wall = wallNanos / 1e9;
                assertThat(tokenRequests).as("token requests").isEqualTo(connections);
                assertThat(expiredHandedOut.get()).as("expired tokens handed out").isZero();
                assertThat(passRefreshes).isPositive();
                return new Pass(concurrency, callerThreads, wall, bound, passRefreshes, cpuNanos / 1e9 / (connections / 1000.0),
                        tokenRequests, served.get(), expiredHandedOut.get());
            }
        }
    }

    /** N real grants at the simulator, stored as connections. */
    private void seed(ConnectionStore store, String base, List<String> ids) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<String>> done = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            String id = String.format("bench-%06d", i);
            done.add(pool.submit(() -> {
                BenchSupport.connect(store, base, id);
                return id;
            }));
        }
        for (Future<String> f : done) {
            ids.add(f.get());
        }
        pool.shutdown();
    }

    /** Every token inside the refresh margin, last refreshed long enough ago. */
    private static void makeAllDue(ConfigurableApplicationContext service) {
        JdbcClient.create(service.getBean(javax.sql.DataSource.class))
                .sql("UPDATE zoho_connection SET access_token_expires_at = ?, last_refreshed_at = ?")
                .param(Instant.now().plus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC))
                .param(Instant.now().minus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC))
                .update();
    }

    private static void setLatency(String base, long millis) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/_sim/settings"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tokenLatencyMillis\":" + millis + "}")).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static long refreshRequests(String base) throws Exception {
        JsonNode counters = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/_sim/counters")).build(), HttpResponse.BodyHandlers.ofString()).body());
        return counters.path("tokenRequestsByGrantType").path("refresh_token").asLong();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
