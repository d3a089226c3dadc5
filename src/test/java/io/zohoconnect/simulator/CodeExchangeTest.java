package io.zohoconnect.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** grant_type=authorization_code (ZOHO-API.md §4): errors are HTTP 200 with a JSON error body. */
class CodeExchangeTest extends SimulatorTestBase {


    @Test
    void anApprovedCodeBuysAccessAndRefreshTokensForTheUsersDc() {
        Map<String, String> callback = sim.approve("us", "eu", "user@example.com", Map.of());

        JsonNode tokens = sim.exchange("eu", callback.get("code"));

        assertThat(tokens.get("access_token").asText()).matches("1000\\.[0-9a-f]{32}\\.[0-9a-f]{32}");
        assertThat(tokens.get("refresh_token").asText()).matches("1000\\.[0-9a-f]{32}\\.[0-9a-f]{32}");
        assertThat(tokens.get("scope").asText())
                .isEqualTo("ZohoCRM.modules.ALL ZohoCRM.settings.ALL ZohoCRM.users.READ ZohoCRM.org.READ");
        assertThat(tokens.get("api_domain").asText()).isEqualTo(sim.simulator.baseUrl() + "/eu/api");
        assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(tokens.has("expires_in_sec")).isFalse();
    }

    @Test
    void paramsMayComeInTheQueryString() {
        String code = sim.approve("eu").get("code");

        var response = sim.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                sim.url("/eu/accounts/oauth/v2/token?" + SimHarness.encode(sim.exchangeForm(code)))))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertThat(SimHarness.json(response.body()).has("access_token")).isTrue();
    }

    @Test
    void aCodeIsSingleUse() {
        String code = sim.approve("eu").get("code");
        assertThat(sim.exchange("eu", code).has("access_token")).isTrue();

        var second = sim.tokenRequest("eu", sim.exchangeForm(code));

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(SimHarness.json(second.body()).get("error").asText()).isEqualTo("invalid_code");
    }

    @Test
    void aCodeExpiresAfterTheCodeLifetime() {
        String code = sim.approve("eu").get("code");

        sim.clock.advance(Duration.ofMinutes(2));

        assertThat(sim.exchange("eu", code).get("error").asText()).isEqualTo("invalid_code");
    }

    @Test
    void aCodeIsValidJustBeforeItExpires() {
        String code = sim.approve("eu").get("code");

        sim.clock.advance(Duration.ofSeconds(119));

        assertThat(sim.exchange("eu", code).has("access_token")).isTrue();
    }

    @Test
    void aCodeExchangedAtAnotherDcIsInvalidAndStaysUsableAtItsOwn() {
        String code = sim.approve("us", "eu", "user@example.com", Map.of()).get("code");

        assertThat(sim.exchange("us", code).get("error").asText()).isEqualTo("invalid_code");
        assertThat(sim.exchange("eu", code).has("access_token")).isTrue();
    }

    @Test
    void pkceVerifierMustMatchTheChallenge() {
        String verifier = "a-verifier-of-at-least-forty-three-characters-0123456789";
        String code = sim.approve("eu", "eu", "user@example.com",
                Map.of("code_challenge", s256(verifier), "code_challenge_method", "S256")).get("code");

        var missing = sim.exchangeForm(code);
        assertThat(sim.token("eu", missing).get("error").asText()).isEqualTo("invalid_code");
        var wrong = sim.exchangeForm(code);
        wrong.put("code_verifier", verifier + "x");
        assertThat(sim.token("eu", wrong).get("error").asText()).isEqualTo("invalid_code");
        var right = sim.exchangeForm(code);
        right.put("code_verifier", verifier);
        assertThat(sim.token("eu", right).has("access_token")).isTrue();
    }

    @Test
    void clientChecksComeFirst() {
        String code = sim.approve("eu").get("code");
        var unknownClient = sim.exchangeForm(code);
        unknownClient.put("client_id", "1000.OTHER");
        var wrongSecret = sim.exchangeForm(code);
        wrongSecret.put("client_secret", "nope");
        var wrongRedirect = sim.exchangeForm(code);
        wrongRedirect.put("redirect_uri", "http://localhost:8080/other");

        assertThat(sim.token("eu", unknownClient).get("error").asText()).isEqualTo("invalid_client");
        assertThat(sim.token("eu", wrongSecret).get("error").asText()).isEqualTo("invalid_client_secret");
        assertThat(sim.token("eu", wrongRedirect).get("error").asText()).isEqualTo("invalid_redirect_uri");
        assertThat(sim.exchange("eu", code).has("access_token")).as("failed attempts do not use the code").isTrue();
    }

    @Test
    void onlineAccessGetsNoRefreshToken() {
        String code = sim.approve("eu", "eu", "user@example.com", Map.of("access_type", "online")).get("code");

        JsonNode tokens = sim.exchange("eu", code);

        assertThat(tokens.has("access_token")).isTrue();
        assertThat(tokens.has("refresh_token")).isFalse();
    }

    @Test
    void legacyShapeSendsSecondsAndMilliseconds() {
        sim.control.settings(Map.of("legacyTokenShape", true, "tokenLifetimeSeconds", 1800));

        JsonNode tokens = sim.connect("eu");

        assertThat(tokens.get("expires_in_sec").asLong()).isEqualTo(1800);
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(1_800_000);
    }

    @Test
    void apiDomainCanBeOmittedOrOverridden() {
        sim.control.settings(Map.of("omitApiDomain", true));
        assertThat(sim.connect("eu").has("api_domain")).isFalse();

        sim.control.settings(Map.of("omitApiDomain", false, "apiDomainOverride", Map.of("eu", "https://www.zohoapis.eu")));
        assertThat(sim.connect("eu").get("api_domain").asText()).isEqualTo("https://www.zohoapis.eu");
        assertThat(sim.connect("us").get("api_domain").asText()).isEqualTo(sim.simulator.baseUrl() + "/us/api");
    }

    @Test
    void unknownGrantTypeIsRefused() {
        var form = sim.exchangeForm("x");
        form.put("grant_type", "password");

        assertThat(sim.token("eu", form).get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
