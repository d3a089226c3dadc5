package io.zohoconnect.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zohoconnect.connection.ConnectionStore;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * P9: a GET through the gateway ({@code /proxy/crm/v8/…} with a scoped key and {@code Zoho-Connection-Id}) against the
 * same GET sent straight to the simulator with the token set by hand, on loopback, interleaved: each round runs both
 * sides ({@link Rounds#order}: ABBA), {@code bench.calls} sequential calls each, and takes each side's p50 and p99;
 * the overhead is the difference per round. Both sides use one {@code java.net.http} client with keep-alive. The
 * simulator runs in its own JVM. Target: p50 overhead ≤ 2 ms.
 *
 * <p>{@code ./mvnw -B -Pbench verify -Dcds.skip=true -Dit.test=GatewayBenchmark [-Dbench.rounds=8] [-Dbench.calls=1000]}
 */
class GatewayBenchmark {

    static final String ADMIN_KEY = "bench-admin-key-0123456789abcdef";
    static final String QUERY = "fields=Name,Email,Owner&per_page=10&sort_by=id";

    final int calls = Integer.getInteger("bench.calls", 1000);
    final int rounds = Integer.getInteger("bench.rounds", 8);
    final int warmup = Integer.getInteger("bench.warmup", 2000);

    @Test
    void proxiedGetAgainstTheSameGetSentByHand() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        try (BenchSupport.SimulatorJvm simulator = new BenchSupport.SimulatorJvm(0);
                ConfigurableApplicationContext service = BenchSupport.service(simulator.base, "gateway")) {
            ConnectionStore store = service.getBean(ConnectionStore.class);
            BenchSupport.connect(store, simulator.base, "bench-gw");
            simulator.control("POST", "/_sim/orgs/eu/production/modules/Bench_Gw/seed", "{\"count\":200,\"customFields\":2,\"seed\":9}");
            String token = store.find("bench-gw").orElseThrow().accessToken().value();
            String base = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/keys"))
                    .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"connections\":[\"bench-gw\"],"
                            + "\"permissions\":[\"proxy:read\"]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String key = BenchSupport.JSON.readTree(created.body()).path("key").asText();

            HttpRequest proxied = HttpRequest.newBuilder(URI.create(base + "/proxy/crm/v8/Bench_Gw?" + QUERY))
                    .header("Authorization", "Bearer " + key).header("Zoho-Connection-Id", "bench-gw").GET().build();
            HttpRequest direct = HttpRequest.newBuilder(URI.create(simulator.base + "/eu/api/crm/v8/Bench_Gw?" + QUERY))
                    .header("Authorization", "Zoho-oauthtoken " + token).GET().build();
            Map<String, HttpRequest> sides = new LinkedHashMap<>();
            sides.put("direct", direct);
            sides.put("gateway", proxied);
            // the same records either way (page tokens differ: each call gets its own)
            HttpResponse<String> viaGateway = call(http, proxied);
            HttpResponse<String> byHand = call(http, direct);
            assertThat(byHand.statusCode()).as(byHand.body()).isEqualTo(200);
            assertThat(viaGateway.statusCode()).as(viaGateway.body()).isEqualTo(200);
            assertThat(BenchSupport.JSON.readTree(viaGateway.body()).path("data")).hasSize(10)
                    .isEqualTo(BenchSupport.JSON.readTree(byHand.body()).path("data"));
            for (int i = 0; i < warmup; i++) {
                call(http, direct);
                call(http, proxied);
            }
            Map<String, List<Double>> p50 = new LinkedHashMap<>();
            Map<String, List<Double>> p99 = new LinkedHashMap<>();
            sides.keySet().forEach(side -> {
                p50.put(side, new ArrayList<>());
                p99.put(side, new ArrayList<>());
            });
            List<String> orders = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                List<String> order = Rounds.order(List.copyOf(sides.keySet()), round);
                orders.add(String.join(" → ", order));
                for (String side : order) {
                    double[] micros = new double[calls];
                    for (int i = 0; i < calls; i++) {
                        long start = System.nanoTime();
                        HttpResponse<String> answer = call(http, sides.get(side));
                        micros[i] = (System.nanoTime() - start) / 1e3;
                        if (answer.statusCode() != 200) {
                            throw new IllegalStateException(side + " answered " + answer.statusCode() + ": " + answer.body());
                        }
                    }
                    Arrays.sort(micros);
                    p50.get(side).add(micros[(int) Math.floor(0.50 * (calls - 1))]);
                    p99.get(side).add(micros[(int) Math.floor(0.99 * (calls - 1))]);
                }
            }
            List<Double> overhead50 = Rounds.differences(p50.get("gateway"), p50.get("direct"));
            List<Double> overhead99 = Rounds.differences(p99.get("gateway"), p99.get("direct"));
            BenchReport.Table perRound = new BenchReport.Table("round", "order", "direct p50 (µs)", "gateway p50 (µs)",
                    "p50 overhead (µs)", "direct p99 (µs)", "gateway p99 (µs)", "p99 overhead (µs)");
            for (int round = 0; round < rounds; round++) {
                perRound.row(round + 1, orders.get(round), String.format("%,.0f", p50.get("direct").get(round)),
                        String.format("%,.0f", p50.get("gateway").get(round)), String.format("%,.0f", overhead50.get(round)),
                        String.format("%,.0f", p99.get("direct").get(round)), String.format("%,.0f", p99.get("gateway").get(round)),
                        String.format("%,.0f", overhead99.get(round)));
            }
            new BenchReport("P9", "a GET through the gateway against the same GET sent to Zoho (the simulator) by hand")
                    .condition(String.format("%d rounds of %d sequential calls per side after %d warm-up calls each, sides in"
                            + " ABBA order; overhead = gateway − direct per round; one keep-alive java.net.http client;"
                            + " scoped key (looked up in the database per call); simulator in its own JVM on loopback",
                            rounds, calls, warmup))
                    .figure("p50 overhead", Rounds.Spread.of(overhead50), "%,.0f µs", "≤ 2,000 µs")
                    .figure("p99 overhead", Rounds.Spread.of(overhead99), "%,.0f µs", null)
                    .figure("direct p50", Rounds.Spread.of(p50.get("direct")), "%,.0f µs", null)
                    .figure("gateway p50", Rounds.Spread.of(p50.get("gateway")), "%,.0f µs", null)
                    .figure("direct p99", Rounds.Spread.of(p99.get("direct")), "%,.0f µs", null)
                    .figure("gateway p99", Rounds.Spread.of(p99.get("gateway")), "%,.0f µs", null)
                    .note("Not measured here: the request rate at which the overhead doubles (an open-load run, as P5's).")
                    .table(perRound)
                    .write("gateway.md");
        }
    }

    private static HttpResponse<String> call(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
