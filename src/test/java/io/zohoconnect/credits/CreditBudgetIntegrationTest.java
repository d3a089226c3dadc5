package io.zohoconnect.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.crm.CreditsExhaustedException;
import io.zohoconnect.crm.ZohoCrmException;
import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.sync.ModuleSync;
import io.zohoconnect.sync.SyncRegistry;
import io.zohoconnect.sync.SyncReport;
import io.zohoconnect.sync.SyncSpec;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The acceptance story of issue 22 against the simulator, which counts every call per org: syncs stop at
 * their background share and wait (never failed, never a 429 from Zoho), route calls keep working within
 * the rest and are refused by the service once the allowance is spent, the syncs finish once the window
 * frees, and the service's ledger matches what Zoho counted.
 */
class CreditBudgetIntegrationTest extends IntegrationTest {

    private static final String DC = "sa";
    private static final String ENV = "sandbox";
    private static final String NEVER = "0 0 0 1 1 ? 2099";

    @Autowired
    CamelContext camel;
    @Autowired
    ModuleSync moduleSync;
    @Autowired
    SyncRegistry registry;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    CreditLedger ledger;

    String connectionId;
    String orgId;
    String orgName;

    @BeforeEach
    void connectAFreeOrg() {
        simulator.resetData();
        connectionId = "credits-" + UUID.randomUUID().toString().substring(0, 8);
        // an org of its own: the service's ledger keeps counting what earlier tests spent on other orgs
        orgName = "Credits " + connectionId;
        simulator.setCredits(DC, ENV, orgName, Map.of("edition", "FREE"));
        simulator.nextGrantOrg(orgName);
        service.connect(connectionId, DC, ENV);
        orgId = service.json(service.getAsAdmin("/api/connections/" + connectionId)).path("org").path("id").asText();
    }

    @AfterEach
    void backToZohosAllowance() {
        service.sendAsAdmin("PUT", "/api/orgs/" + orgId + "/credits", "{\"allowance\": null}");
    }

    @Test
    void aFreeOrgsAllowanceComesFromItsLicense() {
        JsonNode credits = credits();

        assertThat(credits.path("org_id").asText()).isEqualTo(orgId);
        assertThat(credits.path("allowance").asLong()).isEqualTo(5_000);
        assertThat(credits.path("background_share").asDouble()).isEqualTo(0.5);
        assertThat(credits.path("state").asText()).isEqualTo("ok");
    }

    @Test
    void syncsWaitAtTheirShareRoutesUseTheRestAndEverythingFinishesWhenTheWindowFrees() throws Exception {
        simulator.setCredits(DC, ENV, orgName, Map.of("allowance", 20));
        setAllowance(20); // background share: 10
        List<SyncSpec> syncs = new ArrayList<>();
        for (String module : List.of("Credit_A", "Credit_B", "Credit_C")) {
            inOrg("/modules/" + module + "/seed", Map.of("count", 1000, "seed", 31)); // 5 pages of 200 each
            syncs.add(declare(module));
        }

        List<SyncReport> first = syncs.stream().map(moduleSync::run).toList();

        assertThat(first.get(0).outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(first.get(1).outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(first.get(2).outcome()).isEqualTo(SyncReport.Outcome.WAITING_FOR_CREDITS);
        assertThat(first.get(2).message()).startsWith("waiting for credits until ");
        JsonNode zoho = simulator.credits(DC, ENV, orgName);
        assertThat(zoho.path("calls").asLong()).as("the org read at consent, then the background share, no more")
                .isEqualTo(11);
        assertThat(zoho.path("refused").asLong()).as("no 429 from Zoho").isZero();
        JsonNode waiting = syncView(syncs.get(2).id());
        assertThat(waiting.path("status").asText()).startsWith("waiting for credits until ");
        assertThat(waiting.path("failures_total").asLong()).as("not a failed run").isZero();
        assertThat(credits().path("state").asText()).isEqualTo("background_paused");

        for (int i = 0; i < 9; i++) { // the rest: 20 - 10 background - 1 org read
            Exchange call = routeCall();
            assertThat(call.getException()).as("route call %d", i).isNull();
            assertThat(call.getMessage().getBody(String.class)).contains("\"data\"");
        }
        assertThatThrownBy(this::routeCallOrThrow).isInstanceOf(CreditsExhaustedException.class)
                .extracting(e -> ((ZohoCrmException) e).status()).isEqualTo(429);
        zoho = simulator.credits(DC, ENV, orgName);
        assertThat(zoho.path("calls").asLong()).isEqualTo(20);
        assertThat(zoho.path("refused").asLong()).as("the service refused it, Zoho never did").isZero();
        ledger.flush();
        JsonNode credits = credits();
        assertThat(credits.path("used").asLong()).as("the ledger matches Zoho's count").isEqualTo(zoho.path("used").asLong());
        assertThat(credits.path("background_used").asLong()).isEqualTo(10);
        assertThat(credits.path("interactive_used").asLong()).isEqualTo(10);
        assertThat(ledger.usage(orgId).calls()).as("the ledger counted Zoho's calls").isEqualTo(zoho.path("calls").asLong());
        assertThat(credits.path("state").asText()).isEqualTo("exhausted");
        assertThat(moduleSync.run(syncs.get(2)).outcome()).as("still waiting").isEqualTo(SyncReport.Outcome.WAITING_FOR_CREDITS);

        clock.advance(Duration.ofHours(24).plusMinutes(2)); // the simulator's and the service's clock
        ledger.flush();
        SyncReport resumed = moduleSync.run(syncs.get(2));
        inOrg("/modules/Credit_A/modify", Map.of("count", 5));
        SyncReport incremental = moduleSync.run(syncs.get(0));

        assertThat(resumed.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(incremental.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(incremental.records()).isEqualTo(5);
        for (SyncSpec sync : syncs) {
            assertThat(camel.getEndpoint(sync.sink(), MockEndpoint.class).getReceivedExchanges().stream()
                    .map(e -> e.getMessage().getHeader(ZohoHeaders.RECORD_ID, String.class)).distinct().count())
                    .as(sync.id()).isEqualTo(1000);
        }
        assertThat(syncView(syncs.get(2).id()).path("status").asText()).isEqualTo("ok");
        zoho = simulator.credits(DC, ENV, orgName);
        assertThat(zoho.path("refused").asLong()).isZero();
        ledger.flush();
        assertThat(credits().path("used").asLong()).isEqualTo(zoho.path("used").asLong());
    }

    @Test
    void theAllowanceApiRefusesBadBodiesNamingTheFieldAndUnknownOrgs() {
        HttpResponse<String> wrongType = service.sendAsAdmin("PUT", "/api/orgs/" + orgId + "/credits", "{\"allowance\": \"many\"}");
        HttpResponse<String> unknownField = service.sendAsAdmin("PUT", "/api/orgs/" + orgId + "/credits", "{\"allowances\": 5}");
        HttpResponse<String> missing = service.sendAsAdmin("PUT", "/api/orgs/" + orgId + "/credits", "{}");
        HttpResponse<String> unknownOrg = service.getAsAdmin("/api/orgs/999999/credits");

        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("allowance");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("allowances");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("allowance");
        assertThat(unknownOrg.statusCode()).isEqualTo(404);
        assertThat(setAllowance(123_456).path("allowance").asLong()).isEqualTo(123_456);
    }

    /** A control call on this test's own simulated org. */
    private JsonNode inOrg(String path, Map<String, ?> body) {
        return simulator.send("POST", "/_sim/orgs/" + DC + "/" + ENV + path + "?org="
                + java.net.URLEncoder.encode(orgName, java.nio.charset.StandardCharsets.UTF_8), body);
    }

    private JsonNode setAllowance(long allowance) {
        HttpResponse<String> set = service.sendAsAdmin("PUT", "/api/orgs/" + orgId + "/credits",
                "{\"allowance\": " + allowance + "}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        return service.json(set);
    }

    private JsonNode credits() {
        HttpResponse<String> response = service.getAsAdmin("/api/orgs/" + orgId + "/credits");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return service.json(response);
    }

    private JsonNode syncView(String syncId) {
        for (JsonNode sync : service.json(service.getAsAdmin("/api/syncs")).path("syncs")) {
            if (sync.path("sync_id").asText().equals(syncId)) {
                return sync;
            }
        }
        throw new AssertionError("no sync " + syncId);
    }

    private Exchange routeCall() {
        return producer.request("zoho-crm:raw", e -> {
            e.getMessage().setHeader(ZohoHeaders.CONNECTION_ID, connectionId);
            e.getMessage().setHeader(ZohoHeaders.CRM_PATH, "Credit_A");
            e.getMessage().setHeader(Exchange.HTTP_QUERY, "fields=Name&per_page=1");
        });
    }

    private void routeCallOrThrow() throws Exception {
        Exchange result = routeCall();
        if (result.getException() != null) {
            throw CreditsExhaustedException.in(result.getException()) != null
                    ? CreditsExhaustedException.in(result.getException()) : result.getException();
        }
    }

    private SyncSpec declare(String module) throws Exception {
        String id = connectionId + "-" + module;
        TemplatedRouteBuilder.builder(camel, "zoho-module-sync").routeId("zoho-sync-" + id)
                .parameter("connectionId", connectionId).parameter("module", module).parameter("fields", "Name")
                .parameter("sink", "mock:credits-" + id).parameter("schedule", NEVER).parameter("mode", "incremental")
                .parameter("deletions", "false").parameter("batch", "record").add();
        return registry.find(id).orElseThrow();
    }
}
