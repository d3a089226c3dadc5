package io.zohoconnect.simulator;

import static io.zohoconnect.simulator.CrmApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** Concurrency limits and editions, faults on record endpoints (with path/method filters), data resets. */
class RecordLimitsAndFaultsTest {

    private static final String LEADS = "/crm/v8/Leads?fields=Last_Name";

    private SimHarness sim;
    private String token;
    private ExecutorService pool;

    @BeforeEach
    void start() {
        sim = SimHarness.start();
        token = sim.connect("eu").get("access_token").asText();
        pool = Executors.newFixedThreadPool(20);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        sim.close();
    }

    @Test
    void recordCallsOverTheConcurrencyLimitAre429() {
        sim.crmGet("eu", LEADS, token); // seed before timing matters
        sim.control.settings(Map.of("crmLatencyMillis", 200, "crmConcurrencyLimit", 4));

        List<Integer> statuses = parallel(10, () -> sim.crmGet("eu", LEADS, token));

        assertThat(statuses).contains(200, 429);
        assertThat(sim.control.counters().get("maxConcurrentCrmRequestsByOrg").get("eu/production").asInt())
                .isGreaterThan(4);
    }

    @Test
    void the429BodyIsZohos() {
        sim.control.settings(Map.of("crmLatencyMillis", 300, "crmConcurrencyLimit", 1));

        List<HttpResponse<String>> responses = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> sim.crmGet("eu", LEADS, token), pool));
        }
        calls.forEach(c -> responses.add(c.join()));

        HttpResponse<String> refused = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertError(refused, 429, "TOO_MANY_REQUESTS");
    }

    @Test
    void editionIsEnterpriseByDefaultAndSettable() {
        assertThat(org().path("license_details").path("paid_type").asText()).isEqualTo("enterprise");

        sim.control.edition("eu", "production", "FREE");

        assertThat(org().path("license_details").path("paid_type").asText()).isEqualTo("free");
        assertThat(orgOf("sandbox-api").path("license_details").path("paid_type").asText()).as("per org")
                .isEqualTo("enterprise");
        assertThatThrownBy(() -> sim.control.edition("eu", "production", "PLATINUM")).hasMessageContaining("400");
    }

    @Test
    void aNegativeConcurrencyLimitMeansTheEditionsLimit() {
        sim.crmGet("eu", LEADS, token);
        sim.control.edition("eu", "production", "FREE");
        sim.control.settings(Map.of("crmLatencyMillis", 300, "crmConcurrencyLimit", -1));

        List<Integer> statuses = parallel(12, () -> sim.crmGet("eu", LEADS, token));

        assertThat(statuses.stream().filter(s -> s == 200).count()).isLessThanOrEqualTo(5 + 2);
        assertThat(statuses).contains(429);
    }

    @Test
    void aCrmFaultCanBeLimitedToAPath() {
        sim.control.crmFault("http_500", 1, "/Leads", null);

        assertThat(sim.crmGet("eu", "/crm/v8/Contacts?fields=Last_Name", token).statusCode()).isEqualTo(200);
        assertError(sim.crmGet("eu", LEADS, token), 500, "INTERNAL_ERROR");
        assertThat(sim.crmGet("eu", LEADS, token).statusCode()).isEqualTo(200);
    }

    @Test
    void aCrmFaultCanBeLimitedToAMethod() {
        sim.control.crmFault("http_429", -1, null, "POST");

        assertThat(sim.crmGet("eu", LEADS, token).statusCode()).isEqualTo(200);
        assertError(sim.crm("POST", "eu", "/crm/v8/Leads", token, "{\"data\":[{\"Last_Name\":\"L\",\"Company\":\"C\"}]}"),
                429, "TOO_MANY_REQUESTS");
        JsonNode faults = sim.control.send("GET", "/_sim/faults", null).get("faults");
        assertThat(faults.get(0).get("method").asText()).isEqualTo("POST");
        assertThatThrownBy(() -> sim.control.crmFault("http_500", 1, null, "P O S T")).hasMessageContaining("400");
    }

    @Test
    void faultsApplyToRecordEndpointsAndFaultedWritesChangeNothing() {
        sim.control.crmFault("truncated_json", 1, "/Leads", "GET");
        sim.control.crmFault("reset", 1, null, "POST");

        HttpResponse<String> truncated = sim.crmGet("eu", LEADS, token);
        assertThat(truncated.statusCode()).isEqualTo(200);
        assertThat(truncated.body()).startsWith("{\"data\":[").doesNotEndWith("}");
        assertThatThrownBy(() -> sim.crm("POST", "eu", "/crm/v8/Leads", token,
                "{\"data\":[{\"Last_Name\":\"L\",\"Company\":\"C\"}]}")).isInstanceOf(RuntimeException.class);
        assertThat(sim.control.module("eu", "production", "Leads").get("count").asInt()).isEqualTo(200);
    }

    @Test
    void resetKeepsDataAndDataResetDropsIt() {
        sim.control.seedModule("eu", "production", "Projects", 10, 0, 1);
        sim.control.seedModule("eu", "production", "Leads", 50, 0, 1);
        sim.control.edition("eu", "production", "ULTIMATE");
        sim.crm("POST", "eu", "/crm/v8/Leads", token, "{\"data\":[{\"Last_Name\":\"L\",\"Company\":\"C\"}]}");

        sim.control.reset();

        assertThat(sim.control.module("eu", "production", "Leads").get("count").asInt()).isEqualTo(51);
        assertThat(sim.control.writeRecordsFor("Leads")).as("counters are reset").isZero();

        sim.control.resetData();

        assertThat(sim.control.module("eu", "production", "Leads").get("count").asInt()).isEqualTo(200);
        assertThatThrownBy(() -> sim.control.module("eu", "production", "Projects")).hasMessageContaining("404");
        assertThat(org().path("license_details").path("paid_type").asText()).isEqualTo("enterprise");
        assertThat(sim.crmGet("eu", LEADS, token).statusCode()).as("tokens survive").isEqualTo(200);
    }

    @Test
    void controlApiRefusesBadDataRequests() {
        assertThatThrownBy(() -> sim.control.modifyRecords("eu", "production", "Leads", 201)).hasMessageContaining("400");
        assertThatThrownBy(() -> sim.control.modifyRecords("eu", "production", "Leads",
                Map.of("ids", List.of("123")))).hasMessageContaining("400");
        assertThatThrownBy(() -> sim.control.modifyRecords("eu", "production", "Leads",
                Map.of("count", 1, "values", Map.of("Nope", 1)))).hasMessageContaining("400");
        assertThatThrownBy(() -> sim.control.modifyRecords("eu", "production", "Leads",
                Map.of("count", 1, "modifiedTime", "noon"))).hasMessageContaining("400");
        assertThatThrownBy(() -> sim.control.seedModule("eu", "staging", "Leads", 1, 0, 1)).hasMessageContaining("400");
        assertThatThrownBy(() -> sim.control.send("POST", "/_sim/orgs/eu/production/modules/Leads/explode", null))
                .hasMessageContaining("404");
    }

    private JsonNode org() {
        return orgOf("api");
    }

    private JsonNode orgOf(String segment) {
        return SimHarness.json(sim.crm("eu", segment, "/crm/v8/org", token).body()).get("org").get(0);
    }

    private List<Integer> parallel(int n, java.util.function.Supplier<HttpResponse<String>> call) {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(CompletableFuture.supplyAsync(call, pool));
        }
        return calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
    }
}
