package io.zohoconnect.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many requests at once, as the refresh-sweep benchmark sends them. */
class ConcurrencyTest {

    private SimHarness sim;
    private ExecutorService pool;

    @BeforeEach
    void start() {
        sim = SimHarness.start(256);
        pool = Executors.newFixedThreadPool(50);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        sim.close();
    }

    @Test
    void twoHundredParallelRefreshesOfDifferentGrantsAllSucceedConcurrently() {
        // one simulated user with 200 grants: lift Zoho's 10-consents and 20-grants-per-user limits
        sim.control.settings(Map.of("autoApprove", true, "grantLimit", 0, "refreshTokensPerUser", 1000));
        List<String> refreshTokens = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String code = SimHarness.callbackQuery(sim.authorize("eu", Map.of())).get("code");
            refreshTokens.add(sim.exchange("eu", code).get("refresh_token").asText());
        }
        sim.control.settings(Map.of("tokenLatencyMillis", 50));
        long started = System.nanoTime();

        List<CompletableFuture<JsonNode>> refreshes = refreshTokens.stream()
                .map(rt -> CompletableFuture.supplyAsync(() -> sim.refresh("eu", rt), pool)).toList();
        List<JsonNode> results = refreshes.stream().map(CompletableFuture::join).toList();

        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(results).allSatisfy(r -> assertThat(r.has("access_token")).as(r.toString()).isTrue());
        assertThat(results.stream().map(r -> r.get("access_token").asText()).distinct()).hasSize(200);
        // 200 × 50 ms one at a time would be 10 s; 50 at a time is about 200 ms
        assertThat(millis).isLessThan(3_000);
        assertThat(sim.control.tokenRequests()).isEqualTo(400);
    }

    @Test
    void concurrentRefreshesOfOneGrantNeverExceedTheLimit() {
        String refreshToken = sim.connect("eu").get("refresh_token").asText();

        List<CompletableFuture<JsonNode>> refreshes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            refreshes.add(CompletableFuture.supplyAsync(() -> sim.refresh("eu", refreshToken), pool));
        }
        List<JsonNode> results = refreshes.stream().map(CompletableFuture::join).toList();

        assertThat(results.stream().filter(r -> r.has("access_token"))).hasSize(10);
        assertThat(results.stream().filter(r -> "Access Denied".equals(r.path("error").asText()))).hasSize(30);
    }

    @Test
    void concurrentExchangesOfOneCodeIssueOneGrant() {
        String code = sim.approve("eu").get("code");

        List<CompletableFuture<JsonNode>> exchanges = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            exchanges.add(CompletableFuture.supplyAsync(() -> sim.exchange("eu", code), pool));
        }

        assertThat(exchanges.stream().map(CompletableFuture::join).filter(r -> r.has("access_token"))).hasSize(1);
    }

    @Test
    void maxConcurrentCrmRequestsAreMeasuredPerOrgAndLimitable() {
        String token = sim.connect("eu").get("access_token").asText();
        sim.control.settings(Map.of("crmLatencyMillis", 200, "crmConcurrencyLimit", 5));

        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> sim.currentUser("eu", token), pool));
        }
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        int max = sim.control.counters().get("maxConcurrentCrmRequestsByOrg").get("eu/production").asInt();
        assertThat(max).isGreaterThan(5).isLessThanOrEqualTo(12);
        assertThat(statuses).contains(200, 429);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSizeLessThanOrEqualTo(12);
    }
}
