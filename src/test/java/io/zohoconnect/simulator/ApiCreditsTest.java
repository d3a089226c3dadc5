package io.zohoconnect.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** ZOHO-API.md §10: API credits per org over a rolling 24 hours, by edition and licenses, and the 429 once they run out. */
class ApiCreditsTest extends SimulatorTestBase {

    private static final String LEADS = "/crm/v8/Leads?fields=Last_Name";

    @Test
    void allowanceFollowsZohosFormulaForEditionAndLicenses() {
        assertThat(OrgCredits.allowanceOf(Edition.FREE, 50)).isEqualTo(5_000);
        assertThat(OrgCredits.allowanceOf(Edition.STANDARD, 10)).isEqualTo(52_500);
        assertThat(OrgCredits.allowanceOf(Edition.STANDARD, 1_000)).as("capped").isEqualTo(100_000);
        assertThat(OrgCredits.allowanceOf(Edition.PROFESSIONAL, 10)).isEqualTo(55_000);
        assertThat(OrgCredits.allowanceOf(Edition.ENTERPRISE, 100)).as("Zoho's own example").isEqualTo(150_000);
        assertThat(OrgCredits.allowanceOf(Edition.ENTERPRISE, 10_000)).isEqualTo(5_000_000);
        assertThat(OrgCredits.allowanceOf(Edition.ULTIMATE, 10_000)).as("uncapped").isEqualTo(20_050_000);

        JsonNode credits = sim.control.setCredits("eu", "production", Map.of("edition", "STANDARD", "users", 10, "add_on", 1000));

        assertThat(credits.path("allowance").asLong()).isEqualTo(53_500);
    }

    @Test
    void theOrgAnswerNamesEditionAndLicenses() {
        String token = sim.connect("eu").get("access_token").asText();
        sim.control.setCredits("eu", "production", Map.of("edition", "PROFESSIONAL", "users", 7));

        JsonNode license = SimHarness.json(sim.crmGet("eu", "/crm/v8/org", token).body()).path("org").get(0)
                .path("license_details");

        assertThat(license.path("paid_type").asText()).isEqualTo("professional");
        assertThat(license.path("users_license_purchased").asInt()).isEqualTo(7);
    }

    @Test
    void callsCostCreditsByZohosTableAndAreCountedPerOrg() {
        String token = sim.connect("eu").get("access_token").asText();

        sim.crmGet("eu", LEADS, token);                                     // 1
        sim.crmGet("eu", "/crm/v8/Leads/deleted?type=all", token);          // 2
        sim.crm("POST", "eu", "/crm/v8/Leads", token, records(25));         // 3: 1 per 10 records
        sim.crm("POST", "eu", "/crm/v8/coql", token,
                "{\"select_query\":\"select Last_Name from Leads where Last_Name is not null limit 0, 10\"}"); // 1

        JsonNode credits = sim.control.credits("eu", "production");
        assertThat(credits.path("calls").asLong()).isEqualTo(4);
        assertThat(credits.path("credits").asLong()).isEqualTo(7);
        assertThat(credits.path("used").asLong()).isEqualTo(7);
        assertThat(sim.control.credits("us", "production").path("calls").asLong()).as("per org").isZero();
    }

    @Test
    void exhaustedCreditsAnswer429UntilTheOldestCallsLeaveTheRollingDay() {
        JsonNode tokens = sim.connect("eu");
        String token = tokens.get("access_token").asText();
        sim.control.setCredits("eu", "production", Map.of("allowance", 3));
        for (int i = 0; i < 3; i++) {
            assertThat(sim.crmGet("eu", LEADS, token).statusCode()).isEqualTo(200);
            sim.clock.advance(Duration.ofMinutes(10));
        }

        HttpResponse<String> refused = sim.crmGet("eu", LEADS, token);

        assertThat(refused.statusCode()).isEqualTo(429);
        JsonNode body = SimHarness.json(refused.body());
        assertThat(body.path("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(body.path("status").asText()).isEqualTo("error");
        JsonNode credits = sim.control.credits("eu", "production");
        assertThat(credits.path("refused").asLong()).isEqualTo(1);
        assertThat(credits.path("next_credit_at").asText()).isEqualTo("2026-11-29T10:00:00Z");

        sim.clock.advance(Duration.ofMinutes(24 * 60 - 30)); // the first call is 24 h old now
        token = sim.refresh("eu", tokens.get("refresh_token").asText()).get("access_token").asText();
        assertThat(sim.crmGet("eu", LEADS, token).statusCode()).isEqualTo(200);
        assertThat(sim.crmGet("eu", LEADS, token).statusCode()).as("one credit freed, one used").isEqualTo(429);
    }

    @Test
    void aFreeOrgHasFiveThousandCredits() {
        sim.control.edition("eu", "production", "FREE");

        assertThat(sim.control.credits("eu", "production").path("allowance").asLong()).isEqualTo(5_000);
    }

    private static String records(int n) {
        StringBuilder body = new StringBuilder("{\"data\":[");
        for (int i = 0; i < n; i++) {
            body.append(i == 0 ? "" : ",").append("{\"Last_Name\":\"L").append(i).append("\"}");
        }
        return body.append("]}").toString();
    }
}
