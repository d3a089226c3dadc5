package io.zohoconnect.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** The phase-1 CRM API: token checks, current user and org, per DC and environment (ZOHO-API.md §7). */
class CrmApiTest extends SimulatorTestBase {


    @Test
    void currentUserIsTheUserWhoConsented() {
        String token = sim.connect("eu", "jane.doe@example.com").get("access_token").asText();

        HttpResponse<String> response = sim.currentUser("eu", token);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode user = SimHarness.json(response.body()).get("users").get(0);
        assertThat(user.get("email").asText()).isEqualTo("jane.doe@example.com");
        assertThat(user.get("full_name").asText()).isEqualTo("Jane Doe");
        assertThat(user.get("status").asText()).isEqualTo("active");
        assertThat(user.get("id").asText()).matches("[0-9]{19}");
    }

    @Test
    void usersHonourTypeAndCarryAnInfoBlock() {
        String token = sim.connect("eu", "jane.doe@example.com").get("access_token").asText();

        JsonNode all = SimHarness.json(sim.crm("eu", "api", "/crm/v8/users?type=AllUsers", token).body());
        JsonNode active = SimHarness.json(sim.crm("eu", "api", "/crm/v8/users?type=ActiveUsers", token).body());
        JsonNode current = SimHarness.json(sim.currentUser("eu", token).body());
        JsonNode firstPage = SimHarness.json(sim.crm("eu", "api", "/crm/v8/users?per_page=2", token).body());

        assertThat(all.get("users").size()).isGreaterThan(1);
        assertThat(all.get("users").findValuesAsText("email")).contains("jane.doe@example.com");
        assertThat(all.get("info").get("count").asInt()).isEqualTo(all.get("users").size());
        assertThat(all.get("info").get("page").asInt()).isEqualTo(1);
        assertThat(all.get("info").get("per_page").asInt()).isEqualTo(200);
        assertThat(all.get("info").get("more_records").asBoolean()).isFalse();
        assertThat(active.get("users").size()).isEqualTo(all.get("users").size());
        assertThat(current.get("users").size()).isEqualTo(1);
        assertThat(current.get("info").get("count").asInt()).isEqualTo(1);
        assertThat(firstPage.get("users").size()).isEqualTo(2);
        assertThat(firstPage.get("info").get("more_records").asBoolean()).isTrue();
        assertError(sim.crm("eu", "api", "/crm/v8/users?type=Everybody", token), 400, "INVALID_DATA");
    }

    @Test
    void orgIsNamedForItsDcAndEnvironmentWithStableIds() {
        String token = sim.connect("eu").get("access_token").asText();

        JsonNode production = orgOf(sim.crm("eu", "api", "/crm/v8/org", token));
        JsonNode sandbox = orgOf(sim.crm("eu", "sandbox-api", "/crm/v2/org", token));
        JsonNode developer = orgOf(sim.crm("eu", "developer-api", "/crm/v2.1/org", token));

        assertThat(production.get("company_name").asText()).isEqualTo("Simulated org (EU production)");
        assertThat(sandbox.get("company_name").asText()).isEqualTo("Simulated org (EU sandbox)");
        assertThat(developer.get("company_name").asText()).isEqualTo("Simulated org (EU developer)");
        assertThat(production.path("license_details").path("paid_type").asText()).isEqualTo("enterprise");
        assertThat(production.path("license_details").path("paid").asBoolean()).isTrue();
        assertThat(production.get("zgid").asText()).matches("[0-9]{19}");
        assertThat(production.get("time_zone").asText()).isEqualTo("Europe/Berlin");
        assertThat(production.has("primary_email") && production.has("currency") && production.has("iso_code")).isTrue();
        assertThat(production.get("country_code").asText()).isEqualTo("DE");
        assertThat(production.get("id").asText()).isNotEqualTo(sandbox.get("id").asText());
        assertThat(production.get("id").asText()).isEqualTo(new SimOrg("eu", ApiEnvironment.PRODUCTION, null).id());
    }

    @Test
    void idsAreDeterministicAcrossSimulators() {
        String first = userIdIn(sim);
        try (SimHarness other = SimHarness.start()) {
            assertThat(userIdIn(other)).isEqualTo(first);
        }
    }

    @Test
    void missingOrMalformedAuthorizationIsAuthenticationFailure() {
        assertError(sim.currentUser("eu", null), 401, "AUTHENTICATION_FAILURE");
        HttpResponse<String> bearer = sim.send(HttpRequest.newBuilder(URI.create(sim.url("/eu/api/crm/v8/org")))
                .header("Authorization", "Bearer 1000.abc.def").GET());
        assertError(bearer, 401, "AUTHENTICATION_FAILURE");
    }

    @Test
    void unknownTokenIsInvalidToken() {
        HttpResponse<String> response = sim.currentUser("eu", "1000.nope.nope");

        assertError(response, 401, "INVALID_TOKEN");
        assertThat(SimHarness.json(response.body()).get("message").asText()).isEqualTo("invalid oauth token");
        assertThat(SimHarness.json(response.body()).get("details").isObject()).isTrue();
    }

    @Test
    void aTokenOfAnotherDcIsInvalidToken() {
        String token = sim.connect("eu").get("access_token").asText();

        assertError(sim.currentUser("us", token), 401, "INVALID_TOKEN");
    }

    @Test
    void modulesAllDoesNotReachUsersOrOrg() {
        String token = sim.connect("eu", "eu", Map.of("scope", "ZohoCRM.modules.ALL,ZohoCRM.users.ALL"));

        assertThat(sim.currentUser("eu", token).statusCode()).isEqualTo(200);
        assertError(sim.crm("eu", "api", "/crm/v8/org", token), 401, "OAUTH_SCOPE_MISMATCH");
    }

    @Test
    void unknownResourcesAndVersionsAreInvalidUrlPattern() {
        String token = sim.connect("eu").get("access_token").asText();

        assertError(sim.crm("eu", "api", "/crm/v8/Leads/search/more", token), 404, "INVALID_URL_PATTERN");
        assertError(sim.crm("eu", "api", "/crm/v9/org", token), 404, "INVALID_URL_PATTERN");
        assertError(sim.crm("eu", "elsewhere", "/crm/v8/org", token), 404, "INVALID_URL_PATTERN");
    }

    @Test
    void everyVersionFromV2ToV8Answers() {
        String token = sim.connect("ca").get("access_token").asText();
        for (int v = 2; v <= 8; v++) {
            assertThat(sim.crm("ca", "api", "/crm/v" + v + "/users?type=CurrentUser", token).statusCode()).isEqualTo(200);
        }
    }

    private String userIdIn(SimHarness harness) {
        String token = harness.connect("jp").get("access_token").asText();
        return SimHarness.json(harness.currentUser("jp", token).body()).get("users").get(0).get("id").asText();
    }

    private static JsonNode orgOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SimHarness.json(response.body()).get("org").get(0);
    }

    static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = SimHarness.json(response.body());
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("status").asText()).isEqualTo("error");
    }
}
