package io.zohoconnect.credentials;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.ServiceClient;

import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two consents for one new connection id, in two browsers, whose callbacks overlap while Zoho is slow to
 * name the org (issue 19 item 5). Neither saw a stored org when it began; the second to store must still
 * be checked against the org the first one stored: the check runs under the row lock.
 */
class OverlappingConsentsTest extends IntegrationTest {

    private static final String ORG_READ = "GET /eu/api/crm/v8/org";

    @Autowired
    ConnectionStore connections;
    @Autowired
    CamelContext camel;

    @Test
    void theSecondOfTwoOverlappingConsentsCannotMoveANewConnectionToAnotherOrg() throws Exception {
        String id = "overlap-" + UUID.randomUUID().toString().substring(0, 8);
        String path = ServiceClient.connectPath(id, "eu", "production");
        ServiceClient first = service.anotherBrowser();
        ServiceClient second = service.anotherBrowser();
        ServiceClient.ConnectFlow inOrg = first.consent(path);
        simulator.nextGrantOrg("Other Corp");
        ServiceClient.ConnectFlow inOtherOrg = second.consent(path);
        // the first org read takes 0.3 s, the second 1.5 s (the tests' HTTP timeout is 2 s): the first consent
        // is stored while the second is still waiting for its org
        simulator.fault(Map.of("target", "crm", "type", "latency", "path", "/crm/v8/org", "count", 1,
                "delayMillis", 300));
        simulator.fault(Map.of("target", "crm", "type", "latency", "path", "/crm/v8/org", "count", 1, "skip", 1,
                "delayMillis", 1500));
        MockEndpoint events = camel.getEndpoint("mock:zoho-events", MockEndpoint.class);
        events.reset();
        long revokes = simulator.counters().path("revokeRequests").asLong();
        int orgReads = simulator.crmRequestsFor(ORG_READ);

        CompletableFuture<HttpResponse<String>> firstCallback = CompletableFuture.supplyAsync(
                () -> first.get(inOrg.callbackUrl()));
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.crmRequestsFor(ORG_READ) == orgReads + 1);
        CompletableFuture<HttpResponse<String>> secondCallback = CompletableFuture.supplyAsync(
                () -> second.get(inOtherOrg.callbackUrl()));

        assertThat(firstCallback.get().statusCode()).isEqualTo(200);
        HttpResponse<String> refused = secondCallback.get();
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("Other Corp").contains("allow_org_change=true");
        Connection stored = connections.find(id).orElseThrow();
        assertThat(stored.org().name()).isEqualTo("Simulated org (EU production)");
        assertThat(stored.version()).as("stored once, never replaced").isZero();
        assertThat(simulator.counters().path("revokeRequests").asLong()).as("the second grant is revoked")
                .isEqualTo(revokes + 1);
        events.expectedMinimumMessageCount(2);
        events.assertIsSatisfied(5000);
        assertThat(events.getReceivedExchanges()).anySatisfy(e -> assertThat(e.getMessage().getBody(String.class))
                .contains("\"type\":\"connection.org_change_refused\"").contains(id));
    }
}
