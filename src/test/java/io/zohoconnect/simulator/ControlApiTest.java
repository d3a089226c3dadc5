package io.zohoconnect.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** The {@code /_sim} control API: counters, settings, reset and the user-side events. */
class ControlApiTest extends SimulatorTestBase {


    @Test
    void countersCountEveryKindOfRequest() {
        JsonNode grant = sim.connect("eu");
        String refreshToken = grant.get("refresh_token").asText();
        sim.refresh("eu", refreshToken);
        sim.refresh("eu", refreshToken);
        sim.currentUser("eu", grant.get("access_token").asText());
        sim.postForm("/eu/accounts/oauth/v2/token/revoke", Map.of("token", refreshToken));

        JsonNode counters = sim.control.counters();

        assertThat(counters.get("tokenRequests").asInt()).isEqualTo(3);
        assertThat(counters.get("tokenRequestsByGrantType").get("authorization_code").asInt()).isEqualTo(1);
        assertThat(counters.get("tokenRequestsByGrantType").get("refresh_token").asInt()).isEqualTo(2);
        assertThat(counters.get("tokenRequestsByClient").get(SimHarness.CLIENT_ID).asInt()).isEqualTo(3);
        assertThat(counters.get("tokenRequestsByDc").get("eu").asInt()).isEqualTo(3);
        assertThat(sim.control.tokenRequestsFor(refreshToken)).isEqualTo(2);
        assertThat(counters.get("codeExchanges").asInt()).isEqualTo(1);
        assertThat(counters.get("revokeRequests").asInt()).isEqualTo(1);
        assertThat(counters.get("authRequests").asInt()).isEqualTo(1);
        // auth page, decision, exchange, 2 refreshes, CRM call, revoke
        assertThat(counters.get("requestsByDc").get("eu").asInt()).isEqualTo(7);
        assertThat(counters.get("crmRequests").asInt()).isEqualTo(1);
        assertThat(counters.get("crmRequestsByToken").get(grant.get("access_token").asText()).asInt()).isEqualTo(1);
        assertThat(counters.get("maxConcurrentCrmRequestsByOrg").get("eu/production").asInt()).isEqualTo(1);
    }

    @Test
    void settingsArePartiallyUpdatedAndReadBack() {
        JsonNode updated = sim.control.settings(Map.of("tokenLifetimeSeconds", 120, "userDc", "au"));

        assertThat(updated.get("tokenLifetimeSeconds").asInt()).isEqualTo(120);
        assertThat(updated.get("userDc").asText()).isEqualTo("au");
        assertThat(updated.get("refreshLimit").asInt()).as("untouched").isEqualTo(10);
        JsonNode read = sim.control.send("GET", "/_sim/settings", null);
        assertThat(read.get("tokenLifetimeSeconds").asInt()).isEqualTo(120);
        assertThat(read.fieldNames()).toIterable().contains("autoApprove", "userDc", "userEmail", "tokenLifetimeSeconds",
                "tokenLatencyMillis", "legacyTokenShape", "omitApiDomain", "apiDomainOverride", "throttleStatus",
                "refreshLimit", "grantLimit");
    }

    @Test
    void unknownOrInvalidSettingsAreRefusedAndChangeNothing() {
        assertThatThrownBy(() -> sim.control.settings(Map.of("tokenLifetime", 5))).hasMessageContaining("400");
        assertThatThrownBy(() -> sim.control.settings(Map.of("throttleStatus", 42))).hasMessageContaining("400");
        assertThatThrownBy(() -> sim.control.settings(Map.of("userDc", "EU!"))).hasMessageContaining("400");

        assertThat(sim.control.send("GET", "/_sim/settings", null).get("throttleStatus").asInt()).isEqualTo(200);
    }

    @Test
    void resetRestoresDefaultsClearsFaultsAndCountersAndKeepsTokens() {
        JsonNode grant = sim.connect("eu");
        String refreshToken = grant.get("refresh_token").asText();
        sim.control.settings(Map.of("refreshLimit", 1));
        sim.refresh("eu", refreshToken);
        assertThat(sim.refresh("eu", refreshToken).get("error").asText()).isEqualTo("Access Denied");
        sim.control.fault("crm", "http_500", -1);

        sim.control.reset();

        assertThat(sim.control.tokenRequests()).isZero();
        assertThat(sim.control.send("GET", "/_sim/settings", null).get("refreshLimit").asInt()).isEqualTo(10);
        assertThat(sim.currentUser("eu", grant.get("access_token").asText()).statusCode()).isEqualTo(200);
        assertThat(sim.refresh("eu", refreshToken).has("access_token")).as("limit windows start over").isTrue();
    }

    @Test
    void expireTokensEndsAGrantsAccessTokensButNotTheGrant() {
        JsonNode grant = sim.connect("eu");
        String refreshToken = grant.get("refresh_token").asText();

        JsonNode answer = sim.control.send("POST", "/_sim/tokens/expire", Map.of("refresh_token", refreshToken));

        assertThat(answer.get("expired").asInt()).isEqualTo(1);
        CrmApiTest.assertError(sim.currentUser("eu", grant.get("access_token").asText()), 401, "INVALID_TOKEN");
        String fresh = sim.refresh("eu", refreshToken).get("access_token").asText();
        assertThat(sim.currentUser("eu", fresh).statusCode()).isEqualTo(200);
    }

    @Test
    void revokingAGrantInTheConsoleKillsEverything() {
        JsonNode grant = sim.connect("eu");
        String refreshToken = grant.get("refresh_token").asText();

        sim.control.send("POST", "/_sim/grants/revoke", Map.of("refresh_token", refreshToken));

        assertThat(sim.refresh("eu", refreshToken).get("error").asText()).isEqualTo("invalid_code");
        CrmApiTest.assertError(sim.currentUser("eu", grant.get("access_token").asText()), 401, "INVALID_TOKEN");
        assertThatThrownBy(() -> sim.control.send("POST", "/_sim/grants/revoke", Map.of("refresh_token", refreshToken)))
                .hasMessageContaining("404");
    }

    @Test
    void unknownControlPathsAre404() {
        assertThatThrownBy(() -> sim.control.send("GET", "/_sim/nothing", null)).hasMessageContaining("404");
    }

    @Test
    void receivedRequestsAreListedWithTheirQueryAndCookiesUntilReset() {
        String token = sim.connect("eu").get("access_token").asText();
        sim.crmGet("eu", "/crm/v8/users?type=CurrentUser", token, "Cookie", "a=1");

        List<JsonNode> requests = sim.control.requests();

        assertThat(requests).extracting(r -> r.path("method").asText() + " " + r.path("path").asText())
                .contains("POST /eu/accounts/oauth/v2/token", "GET /eu/api/crm/v8/users");
        JsonNode users = requests.get(requests.size() - 1);
        assertThat(users.path("query").asText()).isEqualTo("type=CurrentUser");
        assertThat(users.path("cookies").get(0).asText()).isEqualTo("a=1");
        JsonNode exchange = requests.stream().filter(r -> r.path("path").asText().endsWith("/token")).findFirst()
                .orElseThrow();
        assertThat(exchange.path("query").isNull()).as("the form is in the body, never recorded").isTrue();
        assertThat(exchange.toString()).doesNotContain(SimHarness.CLIENT_SECRET);

        sim.control.reset();
        assertThat(sim.control.requests()).isEmpty();
    }

    @Test
    void answerOverridesChangeTokenAndOrgAnswersAsGiven() {
        sim.control.settings(Map.of("tokenAnswerOverride", Map.of("expires_in_sec", Long.MAX_VALUE),
                "orgAnswerOverride", Map.of("id", "9".repeat(65), "company_name", "Acme\r\nCorp")));

        JsonNode grant = sim.connect("eu");
        JsonNode org = SimHarness.json(sim.crmGet("eu", "/crm/v8/org", grant.get("access_token").asText()).body());

        assertThat(grant.get("expires_in_sec").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(grant.get("expires_in").asLong()).as("the simulator's own field stays").isEqualTo(3600);
        assertThat(org.at("/org/0/id").asText()).hasSize(65);
        assertThat(org.at("/org/0/company_name").asText()).isEqualTo("Acme\r\nCorp");
        assertThat(sim.currentUser("eu", grant.get("access_token").asText()).statusCode())
                .as("the simulator itself still lives by its own settings").isEqualTo(200);
    }
}
