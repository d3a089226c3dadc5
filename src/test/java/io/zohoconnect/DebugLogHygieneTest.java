package io.zohoconnect;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.credentials.RefreshRequest;
import io.zohoconnect.credentials.TokenRefresher;
import io.zohoconnect.support.ServiceClient;
import io.zohoconnect.support.SimulatorClient;
import io.zohoconnect.web.QueryParams;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole demo flow with every logger at DEBUG (a service of its own, started here): connect,
 * refresh, CRM call, batched write, sync, delete. No access token, refresh token, authorization
 * code, client secret, admin key or encryption key may appear in the output.
 */
@ExtendWith(OutputCaptureExtension.class)
class DebugLogHygieneTest {

    static final String CLIENT_SECRET = "debug-client-secret-5e1f";
    static final String ADMIN_KEY = "debug-admin-key-0123456789abcdef";
    static final String CRYPTO_KEY = "9Rk3cC7mY1b0g8Yb1Qp2kL2s7Z5n3Vw1uXo4T6r8E0A=";

    @Test
    void nothingSecretIsLoggedEvenAtDebug(CapturedOutput output) throws Exception {
        int port = io.zohoconnect.support.IntegrationTestPorts.freePort();
        List<String> secrets = new ArrayList<>(List.of(CLIENT_SECRET, ADMIN_KEY, CRYPTO_KEY));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ZohoConnectApplication.class).run(
                "--server.port=" + port,
                "--logging.level.root=DEBUG",
                "--spring.datasource.url=jdbc:h2:mem:debug-logs;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "--zoho.allow-in-memory-database=true",
                "--zoho.client-id=1000.DEBUGCLIENT",
                "--zoho.client-secret=" + CLIENT_SECRET,
                "--zoho.redirect-uri=http://localhost:" + port + "/oauth/callback",
                "--zoho.public-url=http://localhost:" + port,
                "--zoho.admin.api-key=" + ADMIN_KEY,
                "--zoho.crypto.key=" + CRYPTO_KEY,
                "--zoho.data-dir=target/debug-log-data",
                "--zoho.simulator.enabled=true",
                "--zoho.simulator.port=0",
                "--zoho.simulator.auto-approve=true",
                "--zoho.refresh.scheduler-enabled=false",
                "--zoho.examples.contacts-schedule=0 0 0 1 1 ? 2099")) {
            int simulatorPort = Integer.parseInt(app.getEnvironment().getProperty("zoho.simulator.port"));
            ServiceClient service = new ServiceClient(port, ADMIN_KEY);
            SimulatorClient simulator = new SimulatorClient(simulatorPort);

            ServiceClient.ConnectFlow flow = service.connect("debug-acme", "eu", "production");
            assertThat(flow.callback().statusCode()).isEqualTo(200);
            secrets.add(QueryParams.parse(URI.create(flow.callbackUrl()).getRawQuery()).get("code"));
            secrets.add(QueryParams.parse(URI.create(flow.authorizeUrl()).getRawQuery()).get("state"));
            ConnectionStore connections = app.getBean(ConnectionStore.class);
            Connection first = connections.find("debug-acme").orElseThrow();
            secrets.add(first.refreshToken().value());
            secrets.add(first.accessToken().value());

            // refresh (forced past the one-a-minute limit by a rejection), the admin token endpoint, a CRM call
            app.getBean(TokenRefresher.class).refresh("debug-acme", RefreshRequest.rejected(first.accessToken()));
            secrets.add(connections.find("debug-acme").orElseThrow().accessToken().value());
            service.getAsAdmin("/api/connections/debug-acme/access-token");
            ProducerTemplate producer = app.getBean(ProducerTemplate.class);
            producer.requestBodyAndHeaders("zoho-crm:raw", null, Map.of("ZohoConnectionId", "debug-acme",
                    "ZohoCrmPath", "users", "CamelHttpQuery", "type=CurrentUser"), String.class);
            // a 401 and its refresh-and-retry
            simulator.fault("crm", "invalid_token", 1);
            producer.requestBodyAndHeaders("zoho-crm:raw", null, Map.of("ZohoConnectionId", "debug-acme",
                    "ZohoCrmPath", "org"), String.class);
            secrets.add(connections.find("debug-acme").orElseThrow().accessToken().value());
            // a batched write with a failure, and a sync
            Map<String, Object> headers = new HashMap<>(Map.of("ZohoConnectionId", "debug-acme"));
            producer.requestBodyAndHeaders("zoho-crm:insert/Leads",
                    "[{\"Last_Name\":\"Debug\",\"Company\":\"X\"},{\"Email\":\"no-name@example.com\"}]", headers);
            io.zohoconnect.sync.SyncSpec spec = new io.zohoconnect.sync.SyncSpec("debug-sync", "debug-acme", "Leads",
                    List.of("Last_Name", "Email"), "log:debug-sink?level=DEBUG", "0 0 0 1 1 ? 2099",
                    io.zohoconnect.sync.SyncSpec.Mode.FULL, true, io.zohoconnect.sync.SyncSpec.Batch.PAGE);
            app.getBean(org.apache.camel.CamelContext.class).addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from(io.zohoconnect.support.FollowedSync.uri(spec)).routeId("debug-sync").to(spec.sink());
                }
            });
            app.getBean(io.zohoconnect.sync.ModuleSync.class).run(spec);
            // mode=notifications: a watch channel (its token), a callback, the record read and delivered
            simulator.seedModule("eu", "production", "Debug_Ntf", 3, 0, 7);
            app.getBean(org.apache.camel.CamelContext.class).addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from("zoho-crm:changes/Debug_Ntf?mode=notifications&connectionId=debug-acme"
                            + "&schedule=0 0 0 1 1 ? 2099").routeId("debug-ntf").to("log:debug-ntf?level=DEBUG");
                }
            });
            org.springframework.jdbc.core.simple.JdbcClient jdbc = app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                    jdbc.sql("SELECT COUNT(*) FROM zoho_notification_channel").query(Long.class).single() == 1);
            simulator.modifyRecords("eu", "production", "Debug_Ntf", 1);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                    simulator.callbacks("notification").stream().anyMatch(c -> c.path("outcome").asText().equals("sent"))
                    && jdbc.sql("SELECT COUNT(*) FROM zoho_notification_inbox").query(Long.class).single() == 0);
            secrets.add(simulator.callbacks("notification").get(0).path("body").path("token").asText());
            app.getBean(org.apache.camel.CamelContext.class).getRouteController().stopRoute("debug-ntf");
            // mode=bulk: a Bulk Read job whose callback URL carries its token in the path, and Zoho's call to it
            simulator.seedModule("eu", "production", "Debug_Bulk", 5, 0, 8);
            simulator.bulkSettings(Map.of("addedSeconds", 0, "runSeconds", 0));
            app.getBean(org.apache.camel.CamelContext.class).addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from("zoho-crm:changes/Debug_Bulk?mode=bulk&fields=Name&deletions=false&connectionId=debug-acme"
                            + "&schedule=0 0 0 1 1 ? 2099").routeId("debug-bulk").to("log:debug-bulk?level=DEBUG");
                }
            });
            app.getBean(io.zohoconnect.sync.ConsumerSyncs.class).run(app.getBean(io.zohoconnect.sync.SyncRegistry.class)
                    .find("debug-acme-Debug_Bulk").orElseThrow());
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                    simulator.callbacks("bulk_read").stream().anyMatch(c -> c.path("outcome").asText().equals("sent")));
            String callbackUrl = simulator.bulkJobs().get(0).path("callback_url").asText();
            secrets.add(callbackUrl.substring(callbackUrl.lastIndexOf('/') + 1));
            // a connect link (its token is in the path) opened by the account's owner
            String link = service.json(service.sendAsAdmin("POST", "/api/connect-links",
                    "{\"connection_id\":\"debug-link\",\"dc\":\"eu\"}")).path("url").asText();
            secrets.add(link.substring(link.lastIndexOf('/') + 1));
            assertThat(service.get(link).statusCode()).isEqualTo(200);
            // a failing token endpoint, a forged callback and the revoke
            simulator.fault("token", "truncated_json", 1);
            ServiceClient.ConnectFlow broken = service.connect("debug-broken", "us", "production");
            secrets.add(QueryParams.parse(URI.create(broken.callbackUrl()).getRawQuery()).get("code"));
            service.get("/oauth/callback?state=forged&code=1000.forgedcode&location=eu&accounts-server=https://evil.example");
            service.sendAsAdmin("DELETE", "/api/connections/debug-acme", null);
        }
        String logs = output.getAll();
        assertThat(logs).as("DEBUG output was captured").contains("DEBUG");
        assertThat(secrets).allSatisfy(secret -> assertThat(logs).doesNotContain(secret));
        assertThat(logs).doesNotContainPattern("1000\\.[0-9a-f]{32}\\.[0-9a-f]{32}");
    }
}
