package io.zohoconnect.credentials;

import java.util.Map;
import java.util.UUID;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.crm.OrgConcurrencyLimits;
import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.ServiceClient;

import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which Zoho org a grant opens, and which API domain it names: a re-consent cannot silently move a
 * connection to another org, and a token response cannot send our tokens to a host outside the DC
 * table (issue 9, items 7 "api_domain" and 8).
 */
class ConsentOrgTest extends IntegrationTest {

    @Autowired
    ConnectionStore connections;
    @Autowired
    OrgConcurrencyLimits limits;
    @Autowired
    CamelContext camel;

    @Test
    void aConsentStoresTheOrgOfTheGrant() {
        simulator.edition("eu", "production", "professional");
        String id = id();
        try {
            assertThat(service.connect(id, "eu", "production").callback().statusCode()).isEqualTo(200);
        } finally {
            simulator.edition("eu", "production", "enterprise");
        }

        Connection stored = connections.find(id).orElseThrow();
        assertThat(stored.org()).isNotNull();
        assertThat(stored.org().id()).matches("[0-9]{19}");
        assertThat(stored.org().name()).isEqualTo("Simulated org (EU production)");
        assertThat(stored.org().edition()).isEqualTo("professional");
        assertThat(service.json(service.getAsAdmin("/api/connections/" + id)).toString()).contains(stored.org().id());
    }

    @Test
    void theOrgsEditionSetsTheConcurrencyLimitWhenNoneIsConfigured() {
        simulator.edition("au", "production", "ultimate");
        String id = id();
        try {
            service.connect(id, "au", "production");
        } finally {
            simulator.edition("au", "production", "enterprise");
        }
        assertThat(limits.limitOf(id)).isEqualTo(25);
        assertThat(limits.limitOf("crm-limited")).as("a configured limit wins").isEqualTo(3);
    }

    @Test
    void aReConsentInAnotherOrgIsRefusedAndTheConnectionIsUntouched() throws InterruptedException {
        String id = id();
        service.connect(id, "eu", "production");
        Connection before = connections.find(id).orElseThrow();
        MockEndpoint events = camel.getEndpoint("mock:zoho-events", MockEndpoint.class);
        events.reset();
        long revokes = simulator.counters().path("revokeRequests").asLong();

        simulator.nextGrantOrg("Other Corp");
        ServiceClient.ConnectFlow flow = service.connect(id, "eu", "production");

        assertThat(flow.callback().statusCode()).isEqualTo(409);
        assertThat(flow.callback().body()).contains("Other Corp").contains("allow_org_change=true")
                .contains("Simulated org (EU production)");
        Connection after = connections.find(id).orElseThrow();
        assertThat(after.refreshToken().value()).isEqualTo(before.refreshToken().value());
        assertThat(after.org()).isEqualTo(before.org());
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(simulator.counters().path("revokeRequests").asLong()).as("the refused grant is revoked")
                .isEqualTo(revokes + 1);
        events.expectedMinimumMessageCount(1);
        events.assertIsSatisfied(5000);
        assertThat(events.getReceivedExchanges()).anySatisfy(e -> assertThat(e.getMessage().getBody(String.class))
                .contains("\"type\":\"connection.org_change_refused\"").contains(id));
    }

    @Test
    void aReConsentStartedWithAllowOrgChangeMovesTheConnection() {
        String id = id();
        service.connect(id, "eu", "production");
        String oldOrg = connections.find(id).orElseThrow().org().id();

        simulator.nextGrantOrg("Other Corp");
        ServiceClient.ConnectFlow flow = service.connect(ServiceClient.connectPath(id, "eu", "production")
                + "&allow_org_change=true");

        assertThat(flow.callback().statusCode()).isEqualTo(200);
        Connection moved = connections.find(id).orElseThrow();
        assertThat(moved.org().name()).isEqualTo("Other Corp");
        assertThat(moved.org().id()).isNotEqualTo(oldOrg);
    }

    @Test
    void anUnreadableOrgLeavesANewConnectionWithoutOrgButRefusesAReConsentOfAKnownOne() {
        String fresh = id();
        String withoutOrgScope = "&scopes=ZohoCRM.modules.ALL";
        assertThat(service.connect(ServiceClient.connectPath(fresh, "us", "production") + withoutOrgScope)
                .callback().statusCode()).isEqualTo(200);
        assertThat(connections.find(fresh).orElseThrow().org()).isNull();

        String known = id();
        service.connect(known, "us", "production");
        Connection before = connections.find(known).orElseThrow();
        ServiceClient.ConnectFlow flow = service.connect(ServiceClient.connectPath(known, "us", "production")
                + withoutOrgScope);
        assertThat(flow.callback().statusCode()).isEqualTo(409);
        assertThat(flow.callback().body()).contains("could not be read");
        assertThat(connections.find(known).orElseThrow().refreshToken().value())
                .isEqualTo(before.refreshToken().value());
    }

    @Test
    void aCodeExchangeNamingAForeignApiDomainIsRefusedAndTheGrantRevoked() {
        String id = id();
        long revokes = simulator.counters().path("revokeRequests").asLong();
        simulator.settings(Map.of("apiDomainOverride", Map.of("eu", "https://www.zohoapis.eu.evil.example")));

        ServiceClient.ConnectFlow flow = service.connect(id, "eu", "production");

        assertThat(flow.callback().statusCode()).isEqualTo(502);
        assertThat(flow.callback().body()).contains("API domain").contains("not in this service");
        assertThat(connections.find(id)).isEmpty();
        assertThat(simulator.counters().path("revokeRequests").asLong()).isEqualTo(revokes + 1);
    }

    @Test
    void aCodeExchangeNamingAnotherDataCentersApiDomainIsAccepted() {
        String id = id();
        String usApi = simulator.baseUrl() + "/us/api";
        simulator.settings(Map.of("apiDomainOverride", Map.of("eu", usApi)));
        assertThat(service.connect(id, "eu", "production").callback().statusCode()).isEqualTo(200);
        assertThat(connections.find(id).orElseThrow().apiDomain()).isEqualTo(usApi);
    }

    private static String id() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
