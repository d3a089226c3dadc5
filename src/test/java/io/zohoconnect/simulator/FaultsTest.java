package io.zohoconnect.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fault injection over {@code /_sim/faults}: each type, count, DC filter; faulted requests change nothing. */
class FaultsTest extends SimulatorTestBase {


    @ParameterizedTest(name = "token fault {0} → HTTP {1} {2}")
    @CsvSource({
            "http_500,       500, text/html",
            "http_503,       503, text/html",
            "html,           502, text/html",
            "html_200,       200, text/html",
            "truncated_json, 200, application/json",
            "empty,          200, ''",
            "throttle,       200, application/json",
            "invalid_code,   200, application/json",
            "invalid_client, 200, application/json"})
    void tokenFaultsAnswerAsConfiguredWithoutConsumingTheCode(String type, int status, String contentType) {
        String code = sim.approve("eu").get("code");
        sim.control.fault("token", type, 1);

        HttpResponse<String> faulted = sim.tokenRequest("eu", sim.exchangeForm(code));

        assertThat(faulted.statusCode()).isEqualTo(status);
        if (contentType.isEmpty()) {
            assertThat(faulted.body()).isEmpty();
        } else {
            assertThat(faulted.headers().firstValue("Content-Type").orElse("")).startsWith(contentType);
        }
        assertThat(faulted.body()).doesNotContain("refresh_token");
        assertThat(sim.exchange("eu", code).has("access_token")).as("the code survives the fault").isTrue();
        assertThat(sim.control.counters().get("codeExchanges").asInt()).as("faulted requests are counted").isEqualTo(2);
    }

    @Test
    void tokenFaultBodiesLookLikeZohosOwn() {
        sim.control.fault("token", "throttle", 1);
        sim.control.fault("token", "truncated_json", 1);
        sim.control.fault("token", "invalid_code", 1);

        JsonNode throttled = sim.refresh("eu", "1000.a.b");
        String truncated = sim.refreshResponse("eu", "1000.a.b").body();
        JsonNode invalid = sim.refresh("eu", "1000.a.b");

        assertThat(throttled.get("error").asText()).isEqualTo("Access Denied");
        assertThat(truncated).startsWith("{\"access_token\":\"1000.");
        assertThat(invalid.get("error").asText()).isEqualTo("invalid_code");
    }

    @Test
    void throttleFaultUsesTheThrottleStatusSetting() {
        sim.control.settings(Map.of("throttleStatus", 400));
        sim.control.fault("token", "throttle", 1);

        assertThat(sim.refreshResponse("eu", "1000.a.b").statusCode()).isEqualTo(400);
    }

    @Test
    void timeoutHoldsTheRequestThenAnswers504() {
        sim.control.fault(Map.of("target", "token", "type", "timeout", "count", 1, "delayMillis", 300));
        long started = System.nanoTime();

        HttpResponse<String> response = sim.refreshResponse("eu", "1000.a.b");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void resetDropsTheConnectionWithoutAnswer() {
        String refreshToken = sim.connect("eu").get("refresh_token").asText();
        sim.control.fault("token", "reset", 1);

        assertThatThrownBy(() -> sim.refreshResponse("eu", refreshToken)).isInstanceOf(UncheckedIOException.class);
        assertThat(sim.control.tokenRequestsFor(refreshToken)).isEqualTo(1);
        assertThat(sim.refresh("eu", refreshToken).has("access_token")).isTrue();
    }

    @Test
    void countIsHonouredThenTheEndpointRecovers() {
        String refreshToken = sim.connect("eu").get("refresh_token").asText();
        sim.control.fault("token", "http_503", 2);

        assertThat(sim.refreshResponse("eu", refreshToken).statusCode()).isEqualTo(503);
        assertThat(sim.refreshResponse("eu", refreshToken).statusCode()).isEqualTo(503);
        assertThat(sim.refresh("eu", refreshToken).has("access_token")).isTrue();
    }

    @Test
    void minusOneFaultsUntilCleared() {
        sim.control.fault("token", "http_500", -1);
        for (int i = 0; i < 5; i++) {
            assertThat(sim.refreshResponse("eu", "1000.a.b").statusCode()).isEqualTo(500);
        }

        sim.control.clearFaults();

        assertThat(sim.refreshResponse("eu", "1000.a.b").statusCode()).isEqualTo(200);
    }

    @Test
    void skipLetsThatManyMatchingRequestsThroughBeforeTheFaultFires() {
        String refreshToken = sim.connect("eu").get("refresh_token").asText();
        sim.control.fault(Map.of("target", "token", "type", "http_503", "count", 1, "skip", 2));

        assertThat(sim.refreshResponse("eu", refreshToken).statusCode()).isEqualTo(200);
        assertThat(sim.refreshResponse("eu", refreshToken).statusCode()).isEqualTo(200);
        assertThat(sim.refreshResponse("eu", refreshToken).statusCode()).isEqualTo(503);
        assertThat(sim.refreshResponse("eu", refreshToken).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> sim.control.fault(Map.of("target", "token", "type", "http_503", "skip", -1)))
                .hasMessageContaining("400");
    }

    @Test
    void aFaultCanTargetOneDc() {
        String refreshToken = sim.connect("eu").get("refresh_token").asText();
        sim.control.fault(Map.of("target", "token", "type", "http_500", "count", 1, "dc", "us"));

        assertThat(sim.refreshResponse("eu", refreshToken).statusCode()).isEqualTo(200);
        assertThat(sim.refreshResponse("us", refreshToken).statusCode()).isEqualTo(500);
    }

    @Test
    void revokeFaultLeavesTheGrantAlive() {
        String refreshToken = sim.connect("eu").get("refresh_token").asText();
        sim.control.fault("revoke", "http_500", 1);

        assertThat(sim.postForm("/eu/accounts/oauth/v2/token/revoke", Map.of("token", refreshToken)).statusCode()).isEqualTo(500);
        assertThat(sim.refresh("eu", refreshToken).has("access_token")).isTrue();
        assertThat(sim.control.counters().get("revokeRequests").asInt()).isEqualTo(1);
    }

    @Test
    void authFaultHitsTheAuthorizationPage() {
        sim.control.fault("auth", "http_503", 1);

        assertThat(sim.authorize("eu", Map.of()).statusCode()).isEqualTo(503);
        assertThat(sim.authorize("eu", Map.of()).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "crm fault {0} → HTTP {1} {2}")
    @CsvSource({
            "invalid_token, 401, INVALID_TOKEN",
            "auth_failure,  401, AUTHENTICATION_FAILURE",
            "http_429,      429, TOO_MANY_REQUESTS",
            "http_500,      500, INTERNAL_ERROR"})
    void crmFaultsAnswerWithZohoErrorBodies(String type, int status, String code) {
        String token = sim.connect("eu").get("access_token").asText();
        sim.control.fault("crm", type, 1);

        CrmApiTest.assertError(sim.currentUser("eu", token), status, code);
        assertThat(sim.currentUser("eu", token).statusCode()).as("the token still works").isEqualTo(200);
    }

    @Test
    void crm429CarriesRetryAfterWhenGiven() {
        sim.control.fault(Map.of("target", "crm", "type", "http_429", "count", 1, "retryAfterSeconds", 7));

        HttpResponse<String> response = sim.currentUser("eu", "1000.a.b");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
    }

    @Test
    void crmResetTruncatedJsonAndHtml() {
        String token = sim.connect("eu").get("access_token").asText();
        // java.net.http retries an idempotent GET once on a dropped connection: fault until cleared
        sim.control.fault("crm", "reset", -1);
        assertThatThrownBy(() -> sim.currentUser("eu", token)).isInstanceOf(UncheckedIOException.class);
        sim.control.clearFaults();
        sim.control.fault("crm", "truncated_json", 1);
        sim.control.fault("crm", "html", 1);

        HttpResponse<String> truncated = sim.currentUser("eu", token);
        HttpResponse<String> html = sim.currentUser("eu", token);

        assertThat(truncated.statusCode()).isEqualTo(200);
        assertThat(truncated.body()).startsWith("{\"users\":[").doesNotEndWith("}");
        assertThat(html.statusCode()).isEqualTo(502);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(sim.control.counters().get("crmRequestsByToken").get(token).asInt()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aFaultTypeThatDoesNotFitItsTargetIsRefused() {
        assertThatThrownBy(() -> sim.control.fault("auth", "throttle", 1)).hasMessageContaining("400");
        assertThatThrownBy(() -> sim.control.fault("crm", "nonsense", 1)).hasMessageContaining("400");
        assertThatThrownBy(() -> sim.control.fault("token", "http_500", 0)).hasMessageContaining("400");
    }

    @Test
    void aSetCookieFaultAddsACookieToAnAnswerThatIsOtherwiseUsual() {
        String token = sim.connect("eu").get("access_token").asText();
        sim.control.fault(Map.of("target", "crm", "type", "set_cookie", "count", 1, "path", "/users",
                "cookie", "ZCRM_SESSION=tenant-a; Path=/"));

        HttpResponse<String> withCookie = sim.currentUser("eu", token);
        HttpResponse<String> next = sim.currentUser("eu", token);

        assertThat(withCookie.statusCode()).isEqualTo(200);
        assertThat(withCookie.body()).contains("\"users\"");
        assertThat(withCookie.headers().allValues("Set-Cookie")).containsExactly("ZCRM_SESSION=tenant-a; Path=/");
        assertThat(next.headers().allValues("Set-Cookie")).as("one shot").isEmpty();
    }

    @Test
    void aSetCookieFaultWithoutACookieSetsAFreshSessionCookieOnTokenAnswers() {
        String code = sim.approve("eu").get("code");
        sim.control.setCookie("token", null, 1);

        HttpResponse<String> exchange = sim.tokenRequest("eu", sim.exchangeForm(code));

        assertThat(SimHarness.json(exchange.body()).has("access_token")).isTrue();
        assertThat(exchange.headers().firstValue("Set-Cookie").orElse("")).matches("zsim_session=[0-9a-f]{32}; Path=/");
    }

    @Test
    void aLatencyFaultHoldsMatchingRequestsAndThenAnswersThemAsUsual() {
        String token = sim.connect("eu").get("access_token").asText();
        sim.control.latency("crm", "/users", 400, 1);

        long started = System.nanoTime();
        HttpResponse<String> held = sim.currentUser("eu", token);
        long heldMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(held.statusCode()).isEqualTo(200);
        assertThat(heldMillis).isGreaterThanOrEqualTo(400);
        assertThat(sim.control.send("GET", "/_sim/faults", null).path("faults")).as("its one shot is used").isEmpty();
    }

    @Test
    void passThroughFaultsNeedWhatTheyUse() {
        assertThatThrownBy(() -> sim.control.fault(Map.of("target", "crm", "type", "latency", "count", 1)))
                .hasMessageContaining("positive delayMillis");
        assertThatThrownBy(() -> sim.control.fault(Map.of("target", "crm", "type", "http_500", "count", 1,
                "cookie", "a=b"))).hasMessageContaining("only for type set_cookie");
        assertThatThrownBy(() -> sim.control.fault(Map.of("target", "crm", "type", "set_cookie", "count", 1,
                "cookie", "a=b\r\nX-Injected: 1"))).hasMessageContaining("400");
    }
}
