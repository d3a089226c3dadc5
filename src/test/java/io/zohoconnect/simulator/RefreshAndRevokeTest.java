package io.zohoconnect.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** Refresh, Zoho's token limits and revoke (ZOHO-API.md §5–§6). */
class RefreshAndRevokeTest extends SimulatorTestBase {


    @Test
    void refreshGivesANewAccessTokenAndNoRefreshToken() {
        JsonNode grant = sim.connect("eu");

        JsonNode refreshed = sim.refresh("eu", grant.get("refresh_token").asText());

        assertThat(refreshed.get("access_token").asText()).isNotEqualTo(grant.get("access_token").asText());
        assertThat(refreshed.has("refresh_token")).isFalse();
        assertThat(refreshed.get("api_domain").asText()).isEqualTo(sim.simulator.baseUrl() + "/eu/api");
        assertThat(refreshed.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(refreshed.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(sim.currentUser("eu", refreshed.get("access_token").asText()).statusCode()).isEqualTo(200);
        assertThat(sim.currentUser("eu", grant.get("access_token").asText()).statusCode())
                .as("older tokens stay valid until they expire").isEqualTo(200);
    }

    @Test
    void refreshAtAnotherDcIsInvalidCode() {
        String refreshToken = sim.connect("eu").get("refresh_token").asText();

        assertThat(sim.refresh("us", refreshToken).get("error").asText()).isEqualTo("invalid_code");
    }

    @Test
    void unknownRefreshTokenIsInvalidCode() {
        assertThat(sim.refresh("eu", "1000.nope.nope").get("error").asText()).isEqualTo("invalid_code");
    }

    @Test
    void theEleventhRefreshIn10MinutesIsThrottledUntilTheWindowMoves() {
        String refreshToken = sim.connect("eu").get("refresh_token").asText();
        for (int i = 0; i < 10; i++) {
            sim.clock.advance(Duration.ofSeconds(30));
            assertThat(sim.refresh("eu", refreshToken).has("access_token")).isTrue();
        }

        HttpResponse<String> throttled = sim.refreshResponse("eu", refreshToken);

        assertThat(throttled.statusCode()).isEqualTo(200);
        JsonNode body = SimHarness.json(throttled.body());
        assertThat(body.get("error").asText()).isEqualTo("Access Denied");
        assertThat(body.get("error_description").asText())
                .isEqualTo("You have made too many requests continuously. Please try again after some time.");
        assertThat(body.get("status").asText()).isEqualTo("failure");

        sim.clock.advance(Duration.ofSeconds(331)); // t=631 s: the first refresh (t=30 s) has left the window
        assertThat(sim.refresh("eu", refreshToken).has("access_token")).isTrue();
    }

    @Test
    void throttleStatusIsASetting() {
        sim.control.settings(Map.of("refreshLimit", 1, "throttleStatus", 400));
        String refreshToken = sim.connect("eu").get("refresh_token").asText();
        sim.refresh("eu", refreshToken);

        assertThat(sim.refreshResponse("eu", refreshToken).statusCode()).isEqualTo(400);
    }

    @Test
    void theSixteenthLiveTokenEvictsTheOldest() {
        sim.control.settings(Map.of("refreshLimit", 0));
        JsonNode grant = sim.connect("eu");
        List<String> tokens = new ArrayList<>(List.of(grant.get("access_token").asText()));
        for (int i = 0; i < 14; i++) {
            tokens.add(sim.refresh("eu", grant.get("refresh_token").asText()).get("access_token").asText());
        }
        assertThat(tokens).allSatisfy(t -> assertThat(sim.currentUser("eu", t).statusCode()).isEqualTo(200));

        sim.refresh("eu", grant.get("refresh_token").asText()); // the 16th

        HttpResponse<String> oldest = sim.currentUser("eu", tokens.get(0));
        assertThat(oldest.statusCode()).isEqualTo(401);
        assertThat(SimHarness.json(oldest.body()).get("code").asText()).isEqualTo("INVALID_TOKEN");
        assertThat(sim.currentUser("eu", tokens.get(1)).statusCode()).isEqualTo(200);
    }

    @Test
    void expiredTokensDoNotCountAsLive() {
        sim.control.settings(Map.of("refreshLimit", 0, "liveTokenLimit", 2));
        JsonNode grant = sim.connect("eu");
        sim.clock.advance(Duration.ofHours(1));
        String second = sim.refresh("eu", grant.get("refresh_token").asText()).get("access_token").asText();

        sim.refresh("eu", grant.get("refresh_token").asText());

        assertThat(sim.currentUser("eu", second).statusCode()).isEqualTo(200);
    }

    @Test
    void theTwentyFirstRefreshTokenOfAUserRevokesTheFirst() {
        sim.control.settings(Map.of("grantLimit", 0));
        List<JsonNode> grants = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            grants.add(sim.connect("eu", "pat@example.com"));
        }
        JsonNode other = sim.connect("eu", "someone.else@example.com");

        sim.connect("eu", "pat@example.com"); // the 21st

        JsonNode first = grants.get(0);
        assertThat(sim.refresh("eu", first.get("refresh_token").asText()).get("error").asText()).isEqualTo("invalid_code");
        assertThat(sim.currentUser("eu", first.get("access_token").asText()).statusCode()).isEqualTo(401);
        assertThat(sim.refresh("eu", grants.get(1).get("refresh_token").asText()).has("access_token")).isTrue();
        assertThat(sim.refresh("eu", other.get("refresh_token").asText()).has("access_token")).isTrue();
    }

    @Test
    void revokeKillsTheRefreshTokenAndItsAccessTokens() {
        JsonNode grant = sim.connect("eu");
        String refreshToken = grant.get("refresh_token").asText();

        HttpResponse<String> revoked = sim.postForm("/eu/accounts/oauth/v2/token/revoke?token="
                + java.net.URLEncoder.encode(refreshToken, java.nio.charset.StandardCharsets.UTF_8), Map.of());

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(SimHarness.json(revoked.body()).get("status").asText()).isEqualTo("success");
        assertThat(sim.refresh("eu", refreshToken).get("error").asText()).isEqualTo("invalid_code");
        assertThat(sim.currentUser("eu", grant.get("access_token").asText()).statusCode()).isEqualTo(401);
    }

    @Test
    void revokeAcceptsAFormBodyAndAnswers400ForUnknownTokens() {
        String refreshToken = sim.connect("eu").get("refresh_token").asText();

        assertThat(sim.postForm("/eu/accounts/oauth/v2/token/revoke", Map.of("token", refreshToken)).statusCode()).isEqualTo(200);

        HttpResponse<String> again = sim.postForm("/eu/accounts/oauth/v2/token/revoke", Map.of("token", refreshToken));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(SimHarness.json(again.body()).get("error").asText()).isEqualTo("invalid_token");
    }

    @Test
    void accessTokensExpireAfterTheirLifetime() {
        sim.control.settings(Map.of("tokenLifetimeSeconds", 60));
        JsonNode grant = sim.connect("eu");
        assertThat(grant.get("expires_in").asLong()).isEqualTo(60);

        sim.clock.advance(Duration.ofSeconds(59));
        assertThat(sim.currentUser("eu", grant.get("access_token").asText()).statusCode()).isEqualTo(200);
        sim.clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> expired = sim.currentUser("eu", grant.get("access_token").asText());
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(SimHarness.json(expired.body()).get("code").asText()).isEqualTo("INVALID_TOKEN");
    }
}
