package io.zohoconnect;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.support.IntegrationTest;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.http.HttpEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Zoho receives from this service besides what a call means (issue 19 item 3): no cookie a Zoho
 * answer set is ever kept and sent again — not on the next call of the same connection, not on another
 * connection's — and no Camel option of an endpoint URI reaches Zoho as a query parameter.
 */
class OutboundZohoCallsTest extends IntegrationTest {

    @Autowired
    ProducerTemplate producer;
    @Autowired
    CamelContext camel;

    @Test
    void cookiesZohoSetsAreNeverSentBackOnAnyConnectionsCall() {
        // every token and CRM answer sets a session cookie, as a load balancer in front of Zoho might
        simulator.setCookie("token", null, -1);
        simulator.setCookie("crm", null, -1);
        simulator.setCookie("revoke", null, -1);

        String a = "cookie-a-" + suffix();
        String b = "cookie-b-" + suffix();
        assertThat(service.connect(a, "eu", "production").callback().statusCode()).isEqualTo(200);
        assertThat(service.connect(b, "eu", "production").callback().statusCode()).isEqualTo(200);
        assertThat(crm(a, "users?type=CurrentUser").getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(crm(b, "users?type=CurrentUser").getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(crm(a, "org").getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        clock.advance(Duration.ofMinutes(2)); // past the one-refresh-a-minute limit
        assertThat(service.json(service.sendAsAdmin("POST", "/api/connections/" + a + "/refresh", null))
                .path("outcome").asText()).isEqualTo("refreshed");
        assertThat(service.sendAsAdmin("DELETE", "/api/connections/" + b, null).statusCode()).isEqualTo(200);

        List<JsonNode> calls = serviceCalls();
        assertThat(calls).extracting(OutboundZohoCallsTest::describe).contains(
                "POST /eu/accounts/oauth/v2/token", "GET /eu/api/crm/v8/org", "GET /eu/api/crm/v8/users",
                "POST /eu/accounts/oauth/v2/token/revoke");
        assertThat(calls).as("Zoho set a cookie on every answer; none may come back")
                .allSatisfy(call -> assertThat(call.path("cookies")).as(describe(call)).isEmpty());
    }

    @Test
    void zohoSeesOnlyTheQueryParametersACallMeans() {
        String id = "query-" + suffix();
        service.connect(id, "eu", "production");
        crm(id, "users?type=CurrentUser");
        crm(id, "org");
        clock.advance(Duration.ofMinutes(2));
        assertThat(service.json(service.sendAsAdmin("POST", "/api/connections/" + id + "/refresh", null))
                .path("outcome").asText()).isEqualTo("refreshed");

        List<JsonNode> calls = serviceCalls();
        assertThat(calls).filteredOn(call -> call.path("path").asText().contains("/accounts/"))
                .as("token endpoint calls carry everything in the form body").isNotEmpty()
                .allSatisfy(call -> assertThat(call.path("query").isNull()).as(describe(call) + "?"
                        + call.path("query").asText()).isTrue());
        assertThat(calls).filteredOn(call -> call.path("path").asText().endsWith("/crm/v8/org"))
                .as("the org read at the consent and the raw call").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(call -> assertThat(call.path("query").isNull()).as(call.path("query").asText()).isTrue());
        assertThat(calls).filteredOn(call -> call.path("path").asText().endsWith("/crm/v8/users"))
                .singleElement().satisfies(call -> assertThat(call.path("query").asText()).isEqualTo("type=CurrentUser"));
    }

    @Test
    void neitherTheHttpNorTheHttpsComponentKeepsCookies() {
        // routes of users call Zoho with zohoAuth and an http(s) URI of their own: the same holds for them
        assertThat(camel.getComponent("http", HttpComponent.class).isCookieManagementDisabled()).isTrue();
        assertThat(camel.getComponent("https", HttpComponent.class).isCookieManagementDisabled()).isTrue();
    }

    @Test
    void theServicesHttpEndpointsTakeEveryOptionTheirUriNames() {
        // the http component is lenient: an option its endpoint does not know stays in the URI and is sent to Zoho
        List<String> leftovers = new ArrayList<>();
        for (Endpoint endpoint : camel.getEndpoints()) {
            if (endpoint instanceof HttpEndpoint http && isServiceEndpoint(http.getHttpUri())) {
                if (http.getHttpUri().getRawQuery() != null) {
                    leftovers.add(endpoint.getEndpointUri());
                }
            }
        }
        assertThat(camel.getEndpoints()).filteredOn(e -> e instanceof HttpEndpoint http && isServiceEndpoint(http.getHttpUri()))
                .as("the accounts and CRM hops").hasSize(2);
        assertThat(leftovers).isEmpty();
    }

    /** The hops of the service itself (routes of users, such as the examples in routes/, build their own). */
    private static boolean isServiceEndpoint(URI uri) {
        return Arrays.asList("zoho-accounts", "zoho-api").contains(uri.getHost());
    }

    private Exchange crm(String connectionId, String path) {
        Exchange exchange = producer.send("zoho-crm:raw", e -> {
            e.getMessage().setHeader(ZohoHeaders.CONNECTION_ID, connectionId);
            e.getMessage().setHeader(ZohoHeaders.CRM_PATH, path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
            if (path.contains("?")) {
                e.getMessage().setHeader(Exchange.HTTP_QUERY, path.substring(path.indexOf('?') + 1));
            }
        });
        assertThat(exchange.getException()).isNull();
        return exchange;
    }

    /** What reached Zoho from the service: everything but the browser's visit to the consent page. */
    private List<JsonNode> serviceCalls() {
        return simulator.requests().stream().filter(r -> !r.path("path").asText().endsWith("/oauth/v2/auth")).toList();
    }

    private static String describe(JsonNode call) {
        return call.path("method").asText() + " " + call.path("path").asText();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
