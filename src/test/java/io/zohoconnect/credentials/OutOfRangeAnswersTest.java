package io.zohoconnect.credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.ServiceClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zoho's answers bounded before they are stored (issue 19 item 4): an org id that does not fit, a lifetime
 * of 2^63-1, a token that is not one. None of them may end in a 500 with a live grant nobody recorded.
 */
class OutOfRangeAnswersTest extends IntegrationTest {

    @Autowired
    ConnectionStore connections;

    @Test
    void anOrgIdTooLongToStoreLeavesANewConnectionWithoutOrg() {
        simulator.settings(Map.of("orgAnswerOverride", Map.of("id", "9".repeat(65))));
        String id = id();

        ServiceClient.ConnectFlow flow = service.connect(id, "eu", "production");

        assertThat(flow.callback().statusCode()).isEqualTo(200);
        Connection stored = connections.find(id).orElseThrow();
        assertThat(stored.org()).as("an id cut to fit could pass for another org's: unknown instead").isNull();
        assertThat(stored.status().name()).isEqualTo("ACTIVE");
    }

    @Test
    void anOrgIdTooLongToStoreRefusesAReConsentOfAConnectionWithAKnownOrg() {
        String id = id();
        service.connect(id, "eu", "production");
        Connection before = connections.find(id).orElseThrow();
        long revokes = revokes();
        simulator.settings(Map.of("orgAnswerOverride", Map.of("id", before.org().id() + "0".repeat(60))));

        ServiceClient.ConnectFlow flow = service.connect(id, "eu", "production");

        assertThat(flow.callback().statusCode()).isEqualTo(409);
        assertThat(flow.callback().body()).contains("could not be read");
        assertThat(connections.find(id).orElseThrow().refreshToken().value()).isEqualTo(before.refreshToken().value());
        assertThat(revokes()).as("the new grant is revoked").isEqualTo(revokes + 1);
    }

    @Test
    void anOrgsLongNameAndEditionAreCutToTheirColumns() {
        simulator.settings(Map.of("orgAnswerOverride", Map.of("company_name", "Ä".repeat(254) + "😀 and more",
                "license_details", Map.of("paid_type", "e".repeat(40)))));
        String id = id();

        assertThat(service.connect(id, "eu", "production").callback().statusCode()).isEqualTo(200);

        Connection stored = connections.find(id).orElseThrow();
        assertThat(stored.org().name()).as("never half of a surrogate pair").isEqualTo("Ä".repeat(254));
        assertThat(stored.org().edition()).isEqualTo("e".repeat(32));
    }

    static Stream<Arguments> lifetimes() {
        return Stream.of(
                Arguments.of(Map.of("expires_in_sec", Long.MAX_VALUE), Duration.ofDays(1)),
                Arguments.of(Map.of("expires_in", Long.MAX_VALUE), Duration.ofDays(1)),
                Arguments.of(Map.of("expires_in", "18446744073709551621"), Duration.ofDays(1)),
                Arguments.of(Map.of("expires_in_sec", 1e308), Duration.ofDays(1)),
                Arguments.of(Map.of("expires_in", 172800), Duration.ofDays(1)),
                Arguments.of(Map.of("expires_in_sec", 0.2), Duration.ofSeconds(1)),
                Arguments.of(Map.of("expires_in", 7200), Duration.ofHours(2)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("lifetimes")
    void aLifetimeFromZohoIsClampedBetweenOneSecondAndOneDay(Map<String, Object> answer, Duration expected) {
        simulator.settings(Map.of("tokenAnswerOverride", answer));
        String id = id();
        Instant before = clock.instant();

        assertThat(service.connect(id, "eu", "production").callback().statusCode()).isEqualTo(200);

        assertExpiresIn(connections.find(id).orElseThrow(), before, expected);
    }

    @Test
    void aRefreshAnsweringALifetimeOf2To63Minus1IsRecordedWithOneDay() {
        String id = id();
        service.connect(id, "eu", "production");
        simulator.settings(Map.of("tokenAnswerOverride", Map.of("expires_in_sec", Long.MAX_VALUE)));
        clock.advance(Duration.ofMinutes(2)); // past the one-refresh-a-minute limit
        Instant before = clock.instant();

        var refreshed = service.sendAsAdmin("POST", "/api/connections/" + id + "/refresh", null);

        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(service.json(refreshed).path("outcome").asText()).isEqualTo("refreshed");
        Connection stored = connections.find(id).orElseThrow();
        assertExpiresIn(stored, before, Duration.ofDays(1));
        assertThat(stored.status().name()).isEqualTo("ACTIVE");
    }

    static Stream<String> notTokens() {
        return Stream.of("1000." + "a".repeat(600), "1000.abc\r\nX-Injected: 1", "1000.with space");
    }

    @ParameterizedTest
    @MethodSource("notTokens")
    void anAccessTokenThatIsNotOneRefusesTheGrantAndRevokesIt(String accessToken) {
        simulator.settings(Map.of("tokenAnswerOverride", Map.of("access_token", accessToken)));
        String id = id();
        long revokes = revokes();

        ServiceClient.ConnectFlow flow = service.connect(id, "eu", "production");

        assertThat(flow.callback().statusCode()).isEqualTo(502);
        assertThat(flow.callback().body()).contains("not a token").doesNotContain(accessToken);
        assertThat(connections.find(id)).isEmpty();
        assertThat(revokes()).as("the refresh token Zoho issued with it is revoked").isEqualTo(revokes + 1);
    }

    /** The token expires {@code lifetime} after a moment between {@code before} and now. */
    private void assertExpiresIn(Connection stored, Instant before, Duration lifetime) {
        assertThat(stored.accessTokenExpiresAt()).isBetween(before.plus(lifetime).minusMillis(1),
                clock.instant().plus(lifetime).plusMillis(1));
    }

    private long revokes() {
        return simulator.counters().path("revokeRequests").asLong();
    }

    private static String id() {
        return "range-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
