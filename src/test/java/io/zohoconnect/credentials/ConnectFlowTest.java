package io.zohoconnect.credentials;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStatus;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.datacenter.Environment;
import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.ServiceClient;
import io.zohoconnect.web.QueryParams;

import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The authorization-code flow end to end: service ⇄ simulator over real HTTP. */
class ConnectFlowTest extends IntegrationTest {

    static final String[] DATA_CENTERS = {"us", "eu", "in", "au", "cn", "jp", "ca", "sa"};

    @Autowired
    ConnectionStore connections;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CamelContext camel;

    @Test
    void connectRedirectsToTheDataCentersConsentPageWithEveryParameter() {
        HttpResponse<String> response = service.getAsAdmin(ServiceClient.connectPath(id(), "eu", "sandbox")
                + "&scopes=ZohoCRM.modules.ALL,ZohoCRM.settings.ALL");
        assertThat(response.statusCode()).isEqualTo(302);
        URI location = URI.create(ServiceClient.location(response));
        assertThat(location.getScheme() + "://" + location.getAuthority() + location.getPath())
                .isEqualTo(simulator.baseUrl() + "/eu/accounts/oauth/v2/auth");
        QueryParams query = QueryParams.parse(location.getRawQuery());
        assertThat(query.get("client_id")).isEqualTo("1000.TESTCLIENT");
        assertThat(query.get("response_type")).isEqualTo("code");
        assertThat(query.get("scope")).isEqualTo("ZohoCRM.modules.ALL,ZohoCRM.settings.ALL");
        assertThat(query.get("access_type")).isEqualTo("offline");
        assertThat(query.get("prompt")).isEqualTo("consent");
        assertThat(query.get("redirect_uri")).isEqualTo(service.baseUrl() + "/oauth/callback");
        assertThat(query.get("state")).matches("[A-Za-z0-9_-]{43,}");
        assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(query.get("code_challenge_method")).isEqualTo("S256");
    }

    static Stream<Arguments> everyDataCenterAndEnvironment() {
        return Stream.of(DATA_CENTERS).flatMap(dc -> Stream.of(Environment.values()).map(env -> Arguments.of(dc, env)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyDataCenterAndEnvironment")
    void connectsInEveryDataCenterAndEnvironment(String dc, Environment environment) {
        String id = id();
        ServiceClient.ConnectFlow flow = service.connect(id, dc, environment.code());

        assertThat(flow.callback().statusCode()).isEqualTo(200);
        assertThat(flow.callback().body()).contains("Connected to Zoho").contains(id);
        QueryParams callback = QueryParams.parse(URI.create(flow.callbackUrl()).getRawQuery());
        assertThat(callback.get("location")).isEqualTo(dc);
        Connection stored = connections.find(id).orElseThrow();
        assertThat(stored.dc()).isEqualTo(dc);
        assertThat(stored.environment()).isEqualTo(environment);
        assertThat(stored.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(stored.accountsServer()).isEqualTo(simulator.baseUrl() + "/" + dc + "/accounts");
        String apiPath = switch (environment) {
            case PRODUCTION -> "/api";
            case SANDBOX -> "/sandbox-api";
            case DEVELOPER -> "/developer-api";
        };
        assertThat(stored.apiDomain()).isEqualTo(simulator.baseUrl() + "/" + dc + apiPath);
        assertThat(stored.refreshToken().value()).startsWith("1000.");
        assertThat(stored.accessTokenExpiresAt()).isAfter(clock.instant().plus(Duration.ofMinutes(50)));
    }

    @Test
    void theConnectionFollowsTheDataCenterZohoNames() {
        simulator.settings(Map.of("userDc", "jp"));
        String id = id();
        service.connect(id, "us", "production");
        assertThat(connections.find(id).orElseThrow().dc()).isEqualTo("jp");
    }

    @Test
    void aCreatedEventIsSentWithoutTokens() throws InterruptedException {
        MockEndpoint events = camel.getEndpoint("mock:zoho-events", MockEndpoint.class);
        events.reset();
        String id = id();
        service.connect(id, "eu", "production");
        Connection stored = connections.find(id).orElseThrow();
        events.expectedMinimumMessageCount(1);
        events.assertIsSatisfied(5000);
        String event = events.getReceivedExchanges().stream().map(e -> e.getMessage().getBody(String.class))
                .filter(body -> body.contains("\"" + id + "\"")).findFirst().orElseThrow();
        assertThat(event).contains("\"type\":\"connection.created\"").contains("\"dc\":\"eu\"")
                .doesNotContain(stored.refreshToken().value()).doesNotContain(stored.accessToken().value());
    }

    @Test
    void aDenialShowsAClearPageAndStoresNothing() {
        String id = id();
        String state = startState(id, "eu");
        HttpResponse<String> response = service.get("/oauth/callback?error=access_denied&state=" + state);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Access was not granted").contains("access_denied");
        assertThat(connections.find(id)).isEmpty();
    }

    @Test
    void aDenialFromTheConsentPageStoresNothing() {
        simulator.settings(Map.of("autoApprove", false));
        String id = id();
        HttpResponse<String> consent = service.get(ServiceClient.location(
                service.getAsAdmin(ServiceClient.connectPath(id, "eu", "production"))));
        assertThat(consent.statusCode()).isEqualTo(200);
        assertThat(consent.body()).contains("id=\"approve\"").contains("id=\"deny\"");
        assertThat(connections.find(id)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example.com", "https://accounts.zoho.eu", "http://127.0.0.1:1/eu/accounts"})
    void aForgedAccountsServerIsRejectedBeforeAnyRequestLeaves(String forged) {
        String id = id();
        String state = startState(id, "eu");
        HttpResponse<String> response = service.get("/oauth/callback?" + ServiceClient.query(Map.of("state", state,
                "code", "1000.code", "location", "eu", "accounts-server", forged)));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_accounts_server");
        assertThat(simulator.tokenRequests()).isZero();
        assertThat(connections.find(id)).isEmpty();
    }

    @Test
    void anotherDataCentersAccountsServerIsRejected() {
        String state = startState(id(), "eu");
        HttpResponse<String> response = service.get("/oauth/callback?" + ServiceClient.query(Map.of("state", state,
                "code", "1000.code", "location", "eu", "accounts-server", simulator.baseUrl() + "/us/accounts")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(simulator.tokenRequests()).isZero();
    }

    @Test
    void anUnknownLocationIsRejected() {
        String state = startState(id(), "eu");
        HttpResponse<String> response = service.get("/oauth/callback?" + ServiceClient.query(Map.of("state", state,
                "code", "1000.code", "location", "xx", "accounts-server", simulator.baseUrl() + "/eu/accounts")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(simulator.tokenRequests()).isZero();
    }

    @Test
    void aStateWorksOnlyOnce() {
        String id = id();
        ServiceClient.ConnectFlow flow = service.connect(id, "eu", "production");
        assertThat(flow.callback().statusCode()).isEqualTo(200);
        int tokenRequests = simulator.tokenRequests();

        HttpResponse<String> replay = service.get(flow.callbackUrl());
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("invalid_state");
        assertThat(simulator.tokenRequests()).isEqualTo(tokenRequests);
    }

    /**
     * Issue 9 item 6: an authorize URL that reaches another browser (phished, leaked) cannot be
     * completed there — with no binding cookie, or with that browser's own cookie from another flow.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aStateIsCompletedOnlyInTheBrowserThatStartedIt(boolean otherBrowserHasItsOwnFlow) {
        String id = id();
        HttpResponse<String> start = service.getAsAdmin(ServiceClient.connectPath(id, "eu", "production"));
        assertThat(service.cookie("zoho_connect_browser")).isPresent();
        String callbackUrl = ServiceClient.location(service.get(ServiceClient.location(start)));

        ServiceClient otherBrowser = new ServiceClient(URI.create(service.baseUrl()).getPort(),
                "test-admin-key-0123456789abcdef");
        if (otherBrowserHasItsOwnFlow) {
            otherBrowser.getAsAdmin(ServiceClient.connectPath(id(), "eu", "production"));
            assertThat(otherBrowser.cookie("zoho_connect_browser")).isPresent()
                    .isNotEqualTo(service.cookie("zoho_connect_browser"));
        }
        int tokenRequests = simulator.tokenRequests();
        HttpResponse<String> replay = otherBrowser.get(callbackUrl);

        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(replay.body()).contains("browser_mismatch").contains("same browser");
        assertThat(simulator.tokenRequests()).as("nothing sent to Zoho").isEqualTo(tokenRequests);
        assertThat(connections.find(id)).isEmpty();
    }

    @Test
    void twoTabsOfOneBrowserShareItsCookieAndBothFinish() {
        String first = id();
        String second = id();
        HttpResponse<String> startFirst = service.getAsAdmin(ServiceClient.connectPath(first, "eu", "production"));
        HttpResponse<String> startSecond = service.getAsAdmin(ServiceClient.connectPath(second, "us", "production"));
        assertThat(startSecond.headers().allValues("Set-Cookie")).as("the cookie is reused, not replaced").isEmpty();
        assertThat(service.get(ServiceClient.location(service.get(ServiceClient.location(startFirst)))).statusCode())
                .isEqualTo(200);
        assertThat(service.get(ServiceClient.location(service.get(ServiceClient.location(startSecond)))).statusCode())
                .isEqualTo(200);
        assertThat(connections.find(first)).isPresent();
        assertThat(connections.find(second)).isPresent();
    }

    @Test
    void aTamperedStateIsRejected() {
        String state = startState(id(), "eu");
        String tampered = (state.charAt(0) == 'A' ? 'B' : 'A') + state.substring(1);
        HttpResponse<String> response = service.get("/oauth/callback?" + ServiceClient.query(Map.of("state", tampered,
                "code", "1000.code", "location", "eu", "accounts-server", simulator.baseUrl() + "/eu/accounts")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_state");
        assertThat(simulator.tokenRequests()).isZero();
    }

    @Test
    void aMissingStateIsRejected() {
        HttpResponse<String> response = service.get("/oauth/callback?code=1000.code&location=eu");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    }

    @Test
    void aStateExpiresAfterItsTtl() {
        String id = id();
        HttpResponse<String> start = service.getAsAdmin(ServiceClient.connectPath(id, "eu", "production"));
        HttpResponse<String> consent = service.get(ServiceClient.location(start));
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        HttpResponse<String> callback = service.get(ServiceClient.location(consent));
        assertThat(callback.statusCode()).isEqualTo(400);
        assertThat(callback.body()).contains("expired_state");
        assertThat(connections.find(id)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http_500", "http_503", "html", "html_200", "truncated_json", "empty", "invalid_code",
            "invalid_client", "throttle", "reset"})
    void aFailingTokenEndpointGivesAClearPageAndStoresNothing(String fault) {
        simulator.fault("token", fault, 1);
        String id = id();
        ServiceClient.ConnectFlow flow = service.connect(id, "eu", "production");
        assertThat(flow.callback().statusCode()).isEqualTo(502);
        assertThat(flow.callback().body()).contains("Could not complete the connection").contains("Nothing was stored");
        if (fault.equals("invalid_client")) {
            assertThat(flow.callback().body()).as("an operator's mistake, said as such").contains("configuration error");
        }
        assertThat(connections.find(id)).isEmpty();
    }

    @Test
    void aTokenEndpointThatHangsTimesOut() {
        simulator.fault(Map.of("target", "token", "type", "timeout", "count", 1, "delayMillis", 4000));
        String id = id();
        ServiceClient.ConnectFlow flow = service.connect(id, "eu", "production");
        assertThat(flow.callback().statusCode()).isEqualTo(502);
        assertThat(flow.callback().body()).contains("could not reach Zoho");
        assertThat(connections.find(id)).isEmpty();
    }

    @Test
    void legacyTokenShapeAndMissingApiDomainAreHandled() {
        simulator.settings(Map.of("legacyTokenShape", true, "omitApiDomain", true));
        String id = id();
        service.connect(id, "au", "production");
        Connection stored = connections.find(id).orElseThrow();
        assertThat(stored.apiDomain()).isEqualTo(simulator.baseUrl() + "/au/api");
        assertThat(stored.accessTokenExpiresAt()).isBetween(clock.instant().plus(Duration.ofMinutes(59)),
                clock.instant().plus(Duration.ofMinutes(61)));
    }

    @Test
    void aReconsentKeepsTheIdAndReplacesAndRevokesTheOldGrant() {
        String id = id();
        service.connect(id, "eu", "production");
        Connection first = connections.find(id).orElseThrow();
        service.connect(id, "eu", "production");
        Connection second = connections.find(id).orElseThrow();

        assertThat(second.createdAt()).isEqualTo(first.createdAt());
        assertThat(second.refreshToken().value()).isNotEqualTo(first.refreshToken().value());
        assertThat(connections.findAll().stream().filter(c -> c.id().equals(id))).hasSize(1);
        assertThat(simulator.counters().path("revokeRequests").asInt()).isEqualTo(1);
    }

    @Test
    void theDatabaseHoldsNoTokenInPlaintext() {
        String id = id();
        service.connect(id, "eu", "production");
        Connection stored = connections.find(id).orElseThrow();
        Map<String, Object> row = jdbc.sql("SELECT * FROM zoho_connection WHERE id = ?").param(id).query().singleRow();
        assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value))
                .doesNotContain(stored.refreshToken().value())
                .doesNotContain(stored.accessToken().value()));
    }

    /** Starts a connect and returns the state the service handed to Zoho. */
    /**
     * Callbacks wait on Zoho (code exchange, org read) while holding a request thread: more of them at
     * once than Spring Boot's default 8 application-task threads must not queue behind each other.
     * The simulator holds each org read for a second and counts how many it held at the same time.
     */
    @Test
    void concurrentCallbacksAreNotQueuedBehindEightThreads() throws Exception {
        int callbacks = 12;
        List<HttpRequest.Builder> requests = new ArrayList<>();
        for (int i = 0; i < callbacks; i++) {
            HttpResponse<String> start = service.getAsAdmin(ServiceClient.connectPath(id(), "eu", "production"));
            HttpRequest.Builder callback = HttpRequest.newBuilder(URI.create(ServiceClient.location(
                    service.get(ServiceClient.location(start))))).GET();
            // the cookies /connect set (the browser binding) go back with the callback, as from a browser
            start.headers().allValues("Set-Cookie").forEach(cookie -> callback.header("Cookie", cookie.split(";", 2)[0]));
            requests.add(callback);
        }
        simulator.settings(Map.of("crmLatencyMillis", 1000));
        ExecutorService browsers = Executors.newFixedThreadPool(callbacks);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (HttpRequest.Builder request : requests) {
                answers.add(browsers.submit(() -> service.send(request)));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        } finally {
            browsers.shutdownNow();
        }
        int mostAtOnce = 0;
        for (JsonNode held : simulator.counters().path("maxConcurrentCrmRequestsByOrg")) {
            mostAtOnce = Math.max(mostAtOnce, held.asInt());
        }
        assertThat(mostAtOnce).as("org reads of concurrent callbacks in flight at once").isGreaterThan(8);
    }

    private String startState(String id, String dc) {
        HttpResponse<String> start = service.getAsAdmin(ServiceClient.connectPath(id, dc, "production"));
        return QueryParams.parse(URI.create(ServiceClient.location(start)).getRawQuery()).get("state");
    }

    static String id() {
        return "c-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
