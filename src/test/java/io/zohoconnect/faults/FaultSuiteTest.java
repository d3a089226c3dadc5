package io.zohoconnect.faults;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStatus;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.TokenCipher;
import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.credentials.RefreshRequest;
import io.zohoconnect.credentials.RefreshResult.Outcome;
import io.zohoconnect.credentials.RefreshResult;
import io.zohoconnect.credentials.RefreshSweep;
import io.zohoconnect.credentials.TokenRefresher;
import io.zohoconnect.credentials.TokenUnavailableException;
import io.zohoconnect.crm.ZohoCrmException;
import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.ServiceClient;
import io.zohoconnect.sync.ModuleSync;
import io.zohoconnect.sync.SyncRegistry;
import io.zohoconnect.sync.SyncReport;
import io.zohoconnect.sync.SyncSpec;
import io.zohoconnect.sync.SyncState;
import io.zohoconnect.sync.SyncStateStore;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fault suite: every flow of the service against every fault the simulator can inject for that
 * flow's target. Each (flow, fault) case checks three things:
 * <ol>
 *   <li><b>the right error surfaced</b> — the page, outcome, exception, per-record result or report a
 *       user of that flow sees;</li>
 *   <li><b>nothing lost</b> — tokens in the store unchanged (decrypted from the row), no half-made
 *       connection, no checkpoint past undelivered records, a result for every record written;</li>
 *   <li><b>recovery</b> — once the fault clears (and the clock is past any backoff) the same flow
 *       succeeds.</li>
 * </ol>
 *
 * <p>Each flow works in its own data center and each case on its own connection (and module), so
 * cases never see each other's tokens or records. Waits of the service go through the
 * {@link io.zohoconnect.support.RecordingScheduler}; time moves by {@link io.zohoconnect.support.MutableClock}.
 * {@code timeout} faults hold the request {@value #TIMEOUT_DELAY_MILLIS} ms, a little over the test
 * client's 2 s response timeout, and each flow meets at most one or two of them, so the suite stays
 * short.
 *
 * <p>Pairs left out, and why:
 * <ul>
 *   <li>{@code auth} {@code timeout} (consent page): the browser waits on Zoho's page; the service is
 *       not part of that request, so there is nothing of the service to observe.</li>
 *   <li>persistent {@code timeout} on retried reads (CRM GET, sync): it would cost 1 + 3 retries ×
 *       2 s; the IO-failure branch it would take is the one {@code reset} runs persistently. Those
 *       pairs use {@code count 1} to show a timed-out read is retried and recovers.</li>
 *   <li>{@code revoke} faults that come back as HTTP 200 or a refusal ({@code html_200},
 *       {@code truncated_json}, {@code empty}, {@code throttle}, {@code invalid_client}) are in
 *       {@link #deleteKeepsTheConnectionWhenZohoDoesNotConfirmTheRevoke}.</li>
 * </ul>
 */
class FaultSuiteTest extends IntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String NEVER = "0 0 0 1 1 ? 2099";
    static final long TIMEOUT_DELAY_MILLIS = 3000;
    /** Past the 10-minute refresh margin of a 1-hour token, still before its expiry. */
    static final Duration INTO_MARGIN = Duration.ofMinutes(55);
    /** {@code zoho.refresh.throttle-backoff} (default 2 min). */
    static final Duration THROTTLE_BACKOFF = Duration.ofMinutes(2);
    /** {@code zoho.crm.max-retries} (default 3): a persistent fault on a repeatable call is tried 1 + 3 times. */
    static final int ATTEMPTS = 4;

    static final List<String> TOKEN_FAULTS = List.of("http_500", "http_503", "timeout", "html", "html_200",
            "truncated_json", "empty", "throttle", "invalid_code", "invalid_client", "reset");
    static final List<String> CRM_FAULTS = List.of("invalid_token", "auth_failure", "http_429", "http_500", "http_503",
            "timeout", "reset", "truncated_json", "html", "empty");
    /** Revoke faults the service reports as a failed revoke (and {@code invalid_code}: Zoho's "already revoked"). */
    static final List<String> REVOKE_FAULTS = List.of("http_500", "http_503", "timeout", "html", "reset", "invalid_code");
    /** Consent-page faults; {@code timeout} left out (see the class comment). */
    static final List<String> AUTH_FAULTS = List.of("http_500", "http_503", "html", "reset");

    /** The flows under test, each with the simulator target its faults hit and the DC it works in. */
    enum Flow {
        CONNECT("token", "eu", TOKEN_FAULTS),
        CONSENT_PAGE("auth", "sa", AUTH_FAULTS),
        REFRESH("token", "au", TOKEN_FAULTS),
        CRM_CALL("crm", "in", CRM_FAULTS),
        WRITE_INSERT("crm", "jp", CRM_FAULTS),
        SYNC("crm", "ca", CRM_FAULTS),
        DELETE("revoke", "us", REVOKE_FAULTS);

        final String target;
        final String dc;
        final List<String> faults;

        Flow(String target, String dc, List<String> faults) {
            this.target = target;
            this.dc = dc;
            this.faults = faults;
        }
    }

    /** What a CRM call reports once a fault persists: Zoho's HTTP status, the code, words of the message. */
    record CrmError(int status, String code, String messagePart, boolean tokenRejected) {

        static CrmError of(String fault) {
            return switch (fault) {
                case "invalid_token" -> new CrmError(401, "INVALID_TOKEN", "INVALID_TOKEN", true);
                case "auth_failure" -> new CrmError(401, "AUTHENTICATION_FAILURE", "AUTHENTICATION_FAILURE", true);
                case "http_429" -> new CrmError(429, "TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS", false);
                case "http_500" -> new CrmError(500, "INTERNAL_ERROR", "INTERNAL_ERROR", false);
                case "http_503" -> new CrmError(503, "HTTP_503", "HTTP 503", false);
                case "html" -> new CrmError(502, "HTTP_502", "HTTP 502", false);
                case "truncated_json", "empty" -> new CrmError(200, "MALFORMED_RESPONSE", "truncated or non-JSON body", false);
                case "timeout", "reset" -> new CrmError(0, "IO_ERROR", "failed", false);
                default -> throw new IllegalArgumentException(fault);
            };
        }

        /** Retried by the service for a repeatable call (every CRM fault is: 401 by a refresh, the rest by backoff). */
        int attemptsOfARead() {
            return tokenRejected ? 2 : ATTEMPTS;
        }

        /** A POST insert is repeated only where Zoho certainly did not apply it: 401 (after a refresh) and 429. */
        int attemptsOfAnInsert() {
            return tokenRejected ? 2 : code.equals("TOO_MANY_REQUESTS") ? ATTEMPTS : 1;
        }
    }

    @Autowired
    io.zohoconnect.crm.wire.CrmWire wire;
    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    ConnectionStore connections;
    @Autowired
    TokenRefresher refresher;
    @Autowired
    RefreshSweep sweep;
    @Autowired
    TokenCipher cipher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ModuleSync moduleSync;
    @Autowired
    SyncRegistry syncRegistry;
    @Autowired
    SyncStateStore syncStates;

    static Stream<Arguments> matrix() {
        return Stream.of(Flow.values()).flatMap(flow -> flow.faults.stream().map(fault -> Arguments.of(flow, fault)));
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("matrix")
    void survives(Flow flow, String fault) throws Exception {
        switch (flow) {
            case CONNECT -> connect(fault);
            case CONSENT_PAGE -> consentPage(fault);
            case REFRESH -> refresh(fault);
            case CRM_CALL -> crmCall(fault);
            case WRITE_INSERT -> writeInsert(fault);
            case SYNC -> sync(fault);
            case DELETE -> delete(fault);
        }
    }

    // ---------------------------------------------------------------- connect (code exchange)

    private void connect(String fault) {
        String dc = Flow.CONNECT.dc;
        String id = newId("fc");
        int revokes = revokeRequests();

        // 1. a fresh connect whose code exchange fails: a clear page, nothing stored
        arm("token", fault, -1);
        ServiceClient.ConnectFlow failed = service.connect(id, dc, "production");
        assertThat(failed.callback().statusCode()).isEqualTo(502);
        assertThat(failed.callback().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(failed.callback().body()).contains("Could not complete the connection").contains("Nothing was stored");
        assertThat(rowCount(id)).isZero();
        // the single-use state is spent: replaying Zoho's redirect cannot store anything either
        assertThat(service.get(failed.callbackUrl()).statusCode()).isEqualTo(400);
        assertThat(rowCount(id)).isZero();

        // 2. recovery: the same connect succeeds once Zoho answers again
        simulator.clearFaults();
        ServiceClient.ConnectFlow connected = service.connect(id, dc, "production");
        assertThat(connected.callback().statusCode()).isEqualTo(200);
        assertThat(connected.callback().body()).contains("Connected to Zoho");
        Connection stored = connections.find(id).orElseThrow();
        assertThat(stored.status()).isEqualTo(ConnectionStatus.ACTIVE);
        Tokens first = tokensInRow(id);
        assertThat(first.refreshToken()).isNotBlank();
        assertThat(first.accessToken()).isNotBlank();

        if (fault.equals("timeout")) {
            return; // the re-consent below takes the same ExchangeFailed branch; spare another timed-out request
        }
        // 3. a re-consent of that connection under the same fault: the existing grant is left exactly as it was
        arm("token", fault, -1);
        ServiceClient.ConnectFlow failedAgain = service.connect(id, dc, "production");
        assertThat(failedAgain.callback().statusCode()).isEqualTo(502);
        assertThat(failedAgain.callback().body()).contains("Could not complete the connection");
        assertThat(tokensInRow(id)).isEqualTo(first);
        assertThat(connections.find(id).orElseThrow().status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(revokeRequests()).as("the old grant is not revoked for a failed re-consent").isEqualTo(revokes);

        // 4. and the re-consent succeeds once the fault clears, replacing (and revoking) the old grant
        simulator.clearFaults();
        ServiceClient.ConnectFlow reconnected = service.connect(id, dc, "production");
        assertThat(reconnected.callback().statusCode()).isEqualTo(200);
        assertThat(reconnected.callback().body()).contains("Reconnected to Zoho");
        assertThat(tokensInRow(id).refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(revokeRequests()).isEqualTo(revokes + 1);
    }

    // ---------------------------------------------------------------- consent page (Zoho's authorize URL)

    private void consentPage(String fault) {
        String dc = Flow.CONSENT_PAGE.dc;
        String id = newId("fa");
        arm("auth", fault, -1);

        HttpResponse<String> start = service.getAsAdmin(ServiceClient.connectPath(id, dc, "production"));
        assertThat(start.statusCode()).isEqualTo(302);
        String authorizeUrl = ServiceClient.location(start);
        // the browser sees Zoho's failure; the service never hears back, so it stores nothing
        if (fault.equals("reset")) {
            assertThatThrownBy(() -> service.get(authorizeUrl)).isInstanceOf(java.io.UncheckedIOException.class);
        } else {
            HttpResponse<String> consent = service.get(authorizeUrl);
            assertThat(consent.statusCode()).isGreaterThanOrEqualTo(500);
            assertThat(consent.headers().firstValue("Location")).isEmpty();
        }
        assertThat(rowCount(id)).isZero();

        simulator.clearFaults();
        ServiceClient.ConnectFlow connected = service.connect(id, dc, "production");
        assertThat(connected.callback().statusCode()).isEqualTo(200);
        assertThat(connections.find(id).orElseThrow().status()).isEqualTo(ConnectionStatus.ACTIVE);
    }

    // ---------------------------------------------------------------- refresh

    private void refresh(String fault) {
        boolean permanent = fault.equals("invalid_code");
        boolean clientError = fault.equals("invalid_client");
        String dc = Flow.REFRESH.dc;
        String id = newId("fr");
        service.connect(id, dc, "production");
        Tokens before = tokensInRow(id);
        clock.advance(INTO_MARGIN);

        arm("token", fault, -1);
        RefreshResult failed = refresher.refresh(id, RefreshRequest.SCHEDULED);

        // 1. the right outcome: transient faults back off, Zoho's refusals need re-consent (ZOHO-API.md §4–§5)
        assertThat(failed.outcome()).isEqualTo(permanent ? Outcome.FAILED_PERMANENT
                : clientError ? Outcome.FAILED_CLIENT_CONFIG : Outcome.FAILED_TRANSIENT);
        Connection row = connections.find(id).orElseThrow();
        assertThat(row.lastError()).isNotBlank();
        // 2. a failure never touches the tokens
        assertThat(tokensInRow(id)).isEqualTo(before);
        int tokenRequests = simulator.tokenRequestsFor(before.refreshToken());

        if (permanent) {
            assertThat(row.status()).isEqualTo(ConnectionStatus.NEEDS_REAUTH);
            assertThat(row.lastError()).contains(fault);
            assertThatThrownBy(() -> refresher.freshConnection(id))
                    .isInstanceOf(TokenUnavailableException.class).hasMessageContaining("needs re-consent");
            // no more attempts at Zoho, even after the fault clears and hours pass: only a new consent helps
            simulator.clearFaults();
            clock.advance(Duration.ofHours(2));
            assertThat(refresher.refresh(id, RefreshRequest.SCHEDULED).outcome()).isEqualTo(Outcome.NOT_REFRESHABLE);
            assertThat(simulator.tokenRequestsFor(before.refreshToken())).isEqualTo(tokenRequests);
            assertThat(tokensInRow(id)).isEqualTo(before);

            // 3. recovery: the user connects again, and refreshes work from then on
            clock.reset();
            assertThat(service.connect(id, dc, "production").callback().statusCode()).isEqualTo(200);
            assertThat(connections.find(id).orElseThrow().status()).isEqualTo(ConnectionStatus.ACTIVE);
            Tokens reconnected = tokensInRow(id);
            clock.advance(INTO_MARGIN);
            assertThat(refresher.refresh(id, RefreshRequest.SCHEDULED).outcome()).isEqualTo(Outcome.REFRESHED);
            assertThat(tokensInRow(id).refreshToken()).isEqualTo(reconnected.refreshToken());
            assertThat(tokensInRow(id).accessToken()).isNotEqualTo(reconnected.accessToken());
            return;
        }

        assertThat(row.status()).as("the current token is still valid")
                .isEqualTo(clientError ? ConnectionStatus.CLIENT_MISCONFIGURED : ConnectionStatus.ACTIVE);
        assertThat(row.failureCount()).isEqualTo(1);
        assertThat(row.nextAttemptAt()).isAfter(clock.instant());
        if (fault.equals("throttle")) {
            // throttle-backoff (2 min) less the ±20 % jitter, as implemented; the documented "at least
            // 2 minutes" is checked by throttledRefreshesWaitAtLeastTheThrottleBackoff (disabled: a bug)
            assertThat(row.nextAttemptAt()).as("throttled: a long wait")
                    .isAfterOrEqualTo(clock.instant().plus(THROTTLE_BACKOFF.multipliedBy(8).dividedBy(10)).minusSeconds(1));
        }
        // callers keep getting the still-valid token, without another request to Zoho while it backs off
        assertThat(refresher.freshConnection(id).accessToken().value()).isEqualTo(before.accessToken());
        assertThat(refresher.refresh(id, RefreshRequest.SCHEDULED).outcome()).isEqualTo(Outcome.BACKING_OFF);
        assertThat(simulator.tokenRequestsFor(before.refreshToken())).isEqualTo(tokenRequests);

        // 3. recovery: past the backoff, with Zoho answering again, the refresh succeeds
        simulator.clearFaults();
        clock.advance(Duration.between(clock.instant(), row.nextAttemptAt()).plusSeconds(1));
        assertThat(refresher.refresh(id, RefreshRequest.SCHEDULED).outcome()).isEqualTo(Outcome.REFRESHED);
        Connection recovered = connections.find(id).orElseThrow();
        assertThat(recovered.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(recovered.failureCount()).isZero();
        assertThat(recovered.lastError()).isNull();
        Tokens after = tokensInRow(id);
        assertThat(after.refreshToken()).isEqualTo(before.refreshToken());
        assertThat(after.accessToken()).isNotEqualTo(before.accessToken());
    }

    /**
     * README ("throttle: at least 2 minutes") and {@code Backoff}'s own javadoc ("a throttle waits at
     * least throttle-backoff") promise a floor; {@code Backoff.after} applies the ±20 % jitter after the
     * floor, so a throttled refresh may retry after 96 s. Each connection's first throttled refresh
     * lands below 2 minutes with probability ½: with ten of them this fails with probability 1 − 2⁻¹⁰
     * while the bug exists.
     */
    @org.junit.jupiter.api.Test
    void throttledRefreshesWaitAtLeastTheThrottleBackoff() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = newId("ft");
            service.connect(id, Flow.REFRESH.dc, "production");
            ids.add(id);
        }
        clock.advance(INTO_MARGIN);
        arm("token", "throttle", -1);
        for (String id : ids) {
            Instant now = clock.instant();
            assertThat(refresher.refresh(id, RefreshRequest.SCHEDULED).outcome()).isEqualTo(Outcome.FAILED_TRANSIENT);
            assertThat(connections.find(id).orElseThrow().nextAttemptAt()).as("next attempt of %s", id)
                    .isAfterOrEqualTo(now.plus(THROTTLE_BACKOFF));
        }
    }

    // ---------------------------------------------------------------- CRM call (zoho-crm:raw)

    private void crmCall(String fault) {
        String dc = Flow.CRM_CALL.dc;
        String id = newId("fk");
        service.connect(id, dc, "production");
        Tokens before = tokensInRow(id);
        CrmError expected = CrmError.of(fault);
        String counted = "GET /" + dc + "/api/crm/v8/org";
        int atConnect = simulator.crmRequestsFor(counted); // the consent read the org once

        // 1a. one fault: retried (after a refresh for a rejected token) and succeeded
        crmFault(fault, 1, "/org", "GET");
        Exchange retried = crm(id, "org");
        assertThat(retried.getException()).isNull();
        assertThat(retried.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(retried.getMessage().getBody(String.class)).contains("\"org\"");
        assertThat(simulator.crmRequestsFor(counted) - atConnect).isEqualTo(2);
        if (expected.tokenRejected()) {
            assertThat(simulator.tokenRequestsFor(before.refreshToken())).isEqualTo(1);
            assertThat(retries.waits()).isEmpty();
        } else {
            assertThat(simulator.tokenRequestsFor(before.refreshToken())).isZero();
            assertThat(retries.waits()).hasSize(1);
        }
        Tokens afterRetry = tokensInRow(id);
        assertThat(afterRetry.refreshToken()).isEqualTo(before.refreshToken());

        // 1b. the fault persists: bounded retries, then ZohoCrmException with Zoho's code
        if (!fault.equals("timeout")) { // see the class comment: 4 × 2 s, and the branch reset takes
            retries.clear();
            crmFault(fault, -1, "/org", "GET");
            Exchange refused = crm(id, "org");
            assertThat(refused.getException()).isInstanceOfSatisfying(ZohoCrmException.class, e -> {
                assertThat(e.code()).isEqualTo(expected.code());
                assertThat(e.status()).isEqualTo(expected.status());
                assertThat(e.getMessage()).contains(expected.messagePart());
            });
            assertThat(simulator.crmRequestsFor(counted) - atConnect).isEqualTo(2 + expected.attemptsOfARead());
            assertThat(retries.waits()).hasSize(expected.tokenRejected() ? 0 : ATTEMPTS - 1);
            // 2. nothing lost: the grant is intact; only a rejected token is ever replaced (once per call)
            Tokens afterFailure = tokensInRow(id);
            assertThat(afterFailure.refreshToken()).isEqualTo(before.refreshToken());
            if (expected.tokenRejected()) {
                assertThat(simulator.tokenRequestsFor(before.refreshToken())).isEqualTo(2);
                assertThat(afterFailure.accessToken()).isNotEqualTo(afterRetry.accessToken());
            } else {
                assertThat(afterFailure).isEqualTo(afterRetry);
                assertThat(simulator.tokenRequestsFor(before.refreshToken())).isZero();
            }
            assertThat(connections.find(id).orElseThrow().status()).isEqualTo(ConnectionStatus.ACTIVE);
        }

        // 3. recovery
        simulator.clearFaults();
        Exchange recovered = crm(id, "org");
        assertThat(recovered.getException()).isNull();
        assertThat(recovered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
    }

    // ---------------------------------------------------------------- batched write (zoho-crm:insert)

    private void writeInsert(String fault) throws Exception {
        String dc = Flow.WRITE_INSERT.dc;
        String id = newId("fw");
        service.connect(id, dc, "production");
        Tokens before = tokensInRow(id);
        String module = "Fw_" + fault;
        simulator.seedModule(dc, "production", module, 0, 0, 1);
        CrmError expected = CrmError.of(fault);
        String counted = "POST /" + dc + "/api/crm/v8/" + module;
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(Map.of("Name", fault + " record " + i, "Email", fault.replace('_', '-') + i + "@example.com"));
        }
        MockEndpoint deadLetters = camel.getEndpoint("mock:zoho-dead-letter", MockEndpoint.class);
        deadLetters.reset();
        deadLetters.expectedMessageCount(records.size());

        crmFault(fault, -1, "/" + module, "POST");
        JsonNode failed = write(id, module, records);

        // 1. every record reported failed with Zoho's code, and dead-lettered with the record itself
        assertThat(failed.path("total").asInt()).isEqualTo(3);
        assertThat(failed.path("failed").asInt()).isEqualTo(3);
        assertThat(failed.path("succeeded").asInt()).isZero();
        JsonNode results = failed.path("results");
        assertThat(results).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(results.get(i).path("index").asInt()).isEqualTo(i);
            assertThat(results.get(i).path("status").asText()).isEqualTo("error");
            assertThat(results.get(i).path("code").asText()).isEqualTo(expected.code());
            assertThat(results.get(i).path("message").asText()).isNotBlank();
        }
        deadLetters.assertIsSatisfied(5000);
        List<JsonNode> letters = new ArrayList<>();
        for (Exchange letter : deadLetters.getReceivedExchanges()) {
            letters.add(JSON.readTree(letter.getMessage().getBody(String.class)));
        }
        for (int i = 0; i < 3; i++) {
            JsonNode letter = letters.get(i);
            assertThat(letter.path("index").asInt()).isEqualTo(i);
            assertThat(letter.path("code").asText()).isEqualTo(expected.code());
            assertThat(letter.path("connection_id").asText()).isEqualTo(id);
            assertThat(letter.path("module").asText()).isEqualTo(module);
            assertThat(letter.path("operation").asText()).isEqualTo("insert");
            assertThat(letter.path("record").path("Name").asText()).isEqualTo(records.get(i).get("Name"));
        }
        // an insert is repeated only where Zoho certainly did not apply it (401 after a refresh, 429)
        assertThat(simulator.crmRequestsFor(counted)).isEqualTo(expected.attemptsOfAnInsert());
        // 2. nothing lost, nothing half-written: the grant is intact, Zoho holds none of the records
        assertThat(tokensInRow(id).refreshToken()).isEqualTo(before.refreshToken());
        assertThat(simulator.module(dc, "production", module).path("count").asInt()).isZero();

        // 3. recovery: the dead-lettered records written again succeed, each exactly once
        simulator.clearFaults();
        deadLetters.reset();
        JsonNode written = write(id, module, records);
        assertThat(written.path("succeeded").asInt()).isEqualTo(3);
        for (JsonNode result : written.path("results")) {
            assertThat(result.path("status").asText()).isEqualTo("success");
            assertThat(result.path("id").asText()).matches("[0-9]+");
        }
        assertThat(deadLetters.getReceivedCounter()).isZero();
        assertThat(simulator.module(dc, "production", module).path("count").asInt()).isEqualTo(3);
    }

    // ---------------------------------------------------------------- module sync (ModuleSync.run on a templated sync)

    private void sync(String fault) throws Exception {
        String dc = Flow.SYNC.dc;
        String id = newId("fs");
        service.connect(id, dc, "production");
        Tokens before = tokensInRow(id);
        String module = "Fs_" + fault;
        simulator.seedModule(dc, "production", module, 500, 0, 31);
        Set<String> live = Set.copyOf(simulator.liveIds(dc, "production", module));
        assertThat(live).hasSize(500);
        SyncSpec spec = declareSync(id, module);
        MockEndpoint sink = camel.getEndpoint(spec.sink(), MockEndpoint.class);
        CrmError expected = CrmError.of(fault);
        // timeout: once, mid-run (a persistent one would cost 4 × 2 s; see the class comment)
        int count = fault.equals("timeout") ? 1 : -1;
        // the read of page 3 of 3 meets the fault (pages 1 and 2 go through), however far ahead the sync reads
        crmFault(fault, count, "/" + module, "GET", 2);

        SyncReport first = moduleSync.run(spec);

        if (count == 1) {
            // a single timed-out page read is retried within the run: nothing for the sink to notice
            assertThat(first.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
            assertThat(retries.waits()).hasSize(1);
            assertThat(Set.copyOf(deliveredIds(sink))).isEqualTo(live);
            assertThat(deliveredIds(sink)).doesNotHaveDuplicates();
            assertThat(tokensInRow(id).refreshToken()).isEqualTo(before.refreshToken());
            return;
        }

        // 1. the run fails with a report that says why
        assertThat(first.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
        assertThat(first.message()).isNotBlank().contains(expected.messagePart());
        assertThat(first.records()).isEqualTo(400);
        // 2. nothing lost: the checkpoint stands at the last record the sink accepted, no further
        List<String> delivered = deliveredIds(sink);
        assertThat(delivered).hasSize(400).doesNotHaveDuplicates();
        SyncState state = syncStates.find(spec.id()).orElseThrow();
        assertThat(state.running()).isFalse();
        assertThat(state.lastError()).isNotBlank();
        assertThat(state.recordsTotal()).isEqualTo(400);
        assertThat(state.runComplete()).isFalse();
        Instant lastAccepted = sink.getReceivedExchanges().stream()
                .map(e -> OffsetDateTime.parse(e.getMessage().getHeader(ZohoHeaders.MODIFIED_TIME, String.class)).toInstant())
                .max(Instant::compareTo).orElseThrow();
        assertThat(state.cursorTime()).isEqualTo(lastAccepted);
        assertThat(delivered).containsAll(state.cursorIds());
        assertThat(tokensInRow(id).refreshToken()).isEqualTo(before.refreshToken());

        // 3. recovery: the next run completes, and the two runs together delivered every record
        simulator.clearFaults();
        SyncReport second = moduleSync.run(spec);
        assertThat(second.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        List<String> all = deliveredIds(sink);
        assertThat(Set.copyOf(all)).isEqualTo(live);
        assertThat(all).as("resumed from the checkpoint: nothing sent twice").doesNotHaveDuplicates();
        SyncState done = syncStates.find(spec.id()).orElseThrow();
        assertThat(done.lastError()).isNull();
        assertThat(done.recordsTotal()).isEqualTo(500);
    }

    // ---------------------------------------------------------------- delete (DELETE /api/connections/{id}: revoke, then delete)

    private void delete(String fault) {
        String dc = Flow.DELETE.dc;
        String id = newId("fd");
        service.connect(id, dc, "production");
        Tokens before = tokensInRow(id);
        arm("revoke", fault, -1);

        HttpResponse<String> response = service.sendAsAdmin("DELETE", "/api/connections/" + id, null);

        if (fault.equals("invalid_code")) {
            // HTTP 400 {"error":"invalid_token"} is Zoho's "unknown token" (ZOHO-API.md §6): already revoked, so deleted
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(service.json(response).path("deleted").asBoolean()).isTrue();
            assertThat(rowCount(id)).isZero();
            // and deleting again is a no-op (idempotent), fault or not
            simulator.clearFaults();
            HttpResponse<String> again = service.sendAsAdmin("DELETE", "/api/connections/" + id, null);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(service.json(again).path("deleted").asBoolean()).isFalse();
            return;
        }

        revokePendingUntilTheTimerConfirms(id, dc, before, response);
    }

    /**
     * An unconfirmed revoke: 1. 202 REVOKE_PENDING; 2. nothing lost — the row and its tokens stay, and
     * it serves no token; 3. recovery — once Zoho answers, the timer revokes and deletes it.
     */
    private void revokePendingUntilTheTimerConfirms(String id, String dc, Tokens before, HttpResponse<String> response) {
        assertThat(response.statusCode()).as("HTTP status of the DELETE; body: %s", response.body()).isEqualTo(202);
        assertThat(service.json(response).path("status").asText()).isEqualTo("REVOKE_PENDING");
        assertThat(service.json(response).path("message").asText()).contains("Zoho did not confirm");
        assertThat(rowCount(id)).isEqualTo(1);
        assertThat(tokensInRow(id)).isEqualTo(before);
        Connection pending = connections.find(id).orElseThrow();
        assertThat(pending.status()).isEqualTo(ConnectionStatus.REVOKE_PENDING);
        assertThatThrownBy(() -> refresher.freshConnection(id)).isInstanceOf(TokenUnavailableException.class);

        simulator.clearFaults();
        clock.advance(Duration.between(clock.instant(), pending.nextAttemptAt()).plusSeconds(1));
        sweep.run();
        assertThat(rowCount(id)).isZero();
        assertThat(refreshAtZoho(dc, before.refreshToken())).contains("invalid_code");
    }

    /**
     * Revoke answers that are not a confirmation — a 200 maintenance page, a truncated or empty 200,
     * the "Access Denied" throttle (HTTP 200 at Zoho) and {@code invalid_client} (HTTP 200) — keep
     * the connection, like any other unconfirmed revoke.
     */
    @ParameterizedTest(name = "DELETE × {0}")
    @ValueSource(strings = {"html_200", "truncated_json", "empty", "throttle", "invalid_client"})
    void deleteKeepsTheConnectionWhenZohoDoesNotConfirmTheRevoke(String fault) {
        String dc = Flow.DELETE.dc;
        String id = newId("fd");
        service.connect(id, dc, "production");
        Tokens before = tokensInRow(id);
        arm("revoke", fault, -1);

        HttpResponse<String> response = service.sendAsAdmin("DELETE", "/api/connections/" + id, null);

        revokePendingUntilTheTimerConfirms(id, dc, before, response);
    }

    // ---------------------------------------------------------------- helpers

    /** Both tokens of a connection, decrypted from its row as stored (not from any cache). */
    record Tokens(String refreshToken, String accessToken) {
        @Override
        public String toString() {
            return "Tokens[redacted]";
        }
    }

    private Tokens tokensInRow(String id) {
        Map<String, Object> row = jdbc.sql("SELECT refresh_token_enc, access_token_enc FROM zoho_connection WHERE id = ?")
                .param(id).query().singleRow();
        String access = (String) row.get("access_token_enc");
        return new Tokens(cipher.open((String) row.get("refresh_token_enc"), "zoho_connection/" + id + "/refresh_token"),
                access == null ? null : cipher.open(access, "zoho_connection/" + id + "/access_token"));
    }

    private int rowCount(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM zoho_connection WHERE id = ?").param(id).query(Integer.class).single();
    }

    private int revokeRequests() {
        return simulator.counters().path("revokeRequests").asInt();
    }

    /** Arms a fault; a {@code timeout} holds the request a little longer than the test client waits. */
    private void arm(String target, String type, int count) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("target", target);
        spec.put("type", type);
        spec.put("count", count);
        if (type.equals("timeout")) {
            spec.put("delayMillis", TIMEOUT_DELAY_MILLIS);
        }
        simulator.fault(spec);
    }

    /** A CRM fault only for requests to {@code pathPart} with {@code method}. */
    private void crmFault(String type, int count, String pathPart, String method) {
        crmFault(type, count, pathPart, method, 0);
    }

    /** A CRM fault on requests whose path contains {@code pathPart}, after {@code skip} of them went through. */
    private void crmFault(String type, int count, String pathPart, String method, int skip) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("skip", skip);
        spec.put("target", "crm");
        spec.put("type", type);
        spec.put("count", count);
        spec.put("path", pathPart);
        spec.put("method", method);
        if (type.equals("timeout")) {
            spec.put("delayMillis", TIMEOUT_DELAY_MILLIS);
        }
        simulator.fault(spec);
    }

    /** One GET through zoho-crm:raw; the exchange carries the failure, if any. */
    private Exchange crm(String connectionId, String path) {
        return producer.send("zoho-crm:raw", e -> {
            e.getMessage().setHeader(ZohoHeaders.CONNECTION_ID, connectionId);
            e.getMessage().setHeader(ZohoHeaders.CRM_PATH, path);
        });
    }

    private JsonNode write(String connectionId, String module, List<?> records) throws Exception {
        Map<String, Object> headers = new HashMap<>(Map.of(ZohoHeaders.CONNECTION_ID, connectionId));
        Exchange result = producer.request("zoho-crm:insert/" + module, e -> {
            e.getMessage().setHeaders(headers);
            e.getMessage().setBody(records);
        });
        if (result.getException() != null) {
            throw result.getException();
        }
        JsonNode summary = JSON.readTree(wire.write(result.getMessage().getBody(io.zohoconnect.crm.wire.WriteSummary.class)));
        assertThat(summary.path("results")).as("a result for every record").hasSize(records.size());
        assertThat(result.getMessage().getHeader(ZohoHeaders.WRITE_FAILED, Long.class)).isEqualTo(summary.path("failed").asLong());
        return summary;
    }

    /** A sync declared the way route authors do in Java: a templated route of zoho-module-sync. */
    private SyncSpec declareSync(String connectionId, String module) throws Exception {
        String syncId = connectionId + "-" + module;
        TemplatedRouteBuilder.builder(camel, "zoho-module-sync").routeId("zoho-sync-" + syncId)
                .parameter("connectionId", connectionId).parameter("module", module).parameter("fields", "Name")
                .parameter("sink", "mock:sync-" + syncId).parameter("schedule", NEVER).parameter("mode", "incremental")
                .parameter("deletions", "false").parameter("batch", "record").add();
        return syncRegistry.find(syncId).orElseThrow();
    }

    private static List<String> deliveredIds(MockEndpoint sink) {
        return sink.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getHeader(ZohoHeaders.RECORD_ID, String.class)).toList();
    }

    /** Zoho's answer to a refresh with this token (the token endpoint called directly, as an outsider would). */
    private String refreshAtZoho(String dc, String refreshToken) {
        HttpResponse<String> answer = service.send(HttpRequest.newBuilder(URI.create(
                        simulator.baseUrl() + "/" + dc + "/accounts/oauth/v2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=1000.TESTCLIENT"
                        + "&client_secret=test-client-secret-7f3a9c&refresh_token=" + refreshToken)));
        return answer.body();
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
