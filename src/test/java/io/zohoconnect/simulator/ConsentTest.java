package io.zohoconnect.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The authorization request, the consent page and the redirect back (ZOHO-API.md §2–§3). */
class ConsentTest extends SimulatorTestBase {


    @Test
    void consentPageOffersScopesUserDcEmailAndBothButtons() {
        HttpResponse<String> page = sim.authorize("eu", Map.of());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body())
                .contains("<li>ZohoCRM.modules.ALL</li>", "<li>ZohoCRM.org.READ</li>")
                .contains("<select name=\"user_dc\" id=\"user_dc\">", "<option value=\"eu\" selected>")
                .contains("name=\"email\"", "value=\"user@example.com\"")
                .contains("id=\"approve\"", "id=\"deny\"")
                .contains("action=\"/eu/accounts/oauth/v2/auth/decision\"");
    }

    @Test
    void consentPageEscapesWhatTheRequestCarries() {
        HttpResponse<String> page = sim.authorize("us", Map.of("scope", "ZohoCRM.modules.ALL,<script>alert(1)</script>"));

        assertThat(page.body()).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void approveRedirectsWithCodeStateLocationAndAccountsServer() {
        HttpResponse<String> page = sim.authorize("us", Map.of("state", "abc 123"));
        HttpResponse<String> redirect = sim.decide("us", SimHarness.requestId(page.body()), "approve", "eu", "jane@example.com");

        assertThat(redirect.statusCode()).isEqualTo(302);
        Map<String, String> callback = SimHarness.callbackQuery(redirect);
        assertThat(callback).containsEntry("state", "abc 123").containsEntry("location", "eu")
                .containsEntry("accounts-server", sim.simulator.baseUrl() + "/eu/accounts");
        assertThat(callback.get("code")).matches("1000\\.[0-9a-f]{32}\\.[0-9a-f]{32}");
        assertThat(redirect.headers().firstValue("Location").orElseThrow())
                .contains("accounts-server=http%3A%2F%2F127.0.0.1%3A" + sim.simulator.port() + "%2Feu%2Faccounts");
    }

    @Test
    void denyRedirectsWithAccessDeniedAndState() {
        HttpResponse<String> page = sim.authorize("eu", Map.of("state", "s1"));
        HttpResponse<String> redirect = sim.decide("eu", SimHarness.requestId(page.body()), "deny", null, null);

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(SimHarness.callbackQuery(redirect)).containsOnly(Map.entry("error", "access_denied"), Map.entry("state", "s1"));
    }

    @Test
    void aConsentCanBeAnsweredOnce() {
        String requestId = SimHarness.requestId(sim.authorize("eu", Map.of()).body());
        sim.decide("eu", requestId, "approve", "eu", null);

        assertThat(sim.decide("eu", requestId, "approve", "eu", null).statusCode()).isEqualTo(400);
    }

    @Test
    void unknownClientGetsAnErrorPageNotARedirect() {
        HttpResponse<String> response = sim.authorize("eu", Map.of("client_id", "1000.SOMEONEELSE"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).contains("Invalid Client");
    }

    @Test
    void unregisteredRedirectUriIsNeverRedirectedTo() {
        HttpResponse<String> response = sim.authorize("eu", Map.of("redirect_uri", "https://evil.example/callback"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).doesNotContain("evil.example");
    }

    @Test
    void responseTypeMustBeCode() {
        assertThat(sim.authorize("eu", Map.of("response_type", "token")).statusCode()).isEqualTo(400);
    }

    @Test
    void autoApproveRedirectsAtOnceAsTheConfiguredUser() {
        sim.control.settings(Map.of("autoApprove", true, "userDc", "in"));

        HttpResponse<String> redirect = sim.authorize("us", Map.of("state", "x"));

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(SimHarness.callbackQuery(redirect)).containsEntry("location", "in").containsEntry("state", "x")
                .containsEntry("accounts-server", sim.simulator.baseUrl() + "/in/accounts").containsKey("code");
    }

    @Test
    void theUserDcSettingIsTheConsentPageDefault() {
        sim.control.settings(Map.of("userDc", "jp", "userEmail", "kenji@example.jp"));

        String page = sim.authorize("us", Map.of()).body();

        assertThat(page).contains("<option value=\"jp\" selected>", "value=\"kenji@example.jp\"");
    }

    @Test
    void moreThanTheGrantLimitOfApprovalsIn10MinutesIsDenied() {
        sim.control.settings(Map.of("autoApprove", true, "grantLimit", 3));
        for (int i = 0; i < 3; i++) {
            assertThat(SimHarness.callbackQuery(sim.authorize("eu", Map.of()))).containsKey("code");
        }

        assertThat(SimHarness.callbackQuery(sim.authorize("eu", Map.of()))).containsEntry("error", "access_denied");

        sim.clock.advance(java.time.Duration.ofMinutes(10));
        assertThat(SimHarness.callbackQuery(sim.authorize("eu", Map.of()))).containsKey("code");
    }
}
