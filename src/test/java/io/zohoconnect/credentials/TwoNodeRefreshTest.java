package io.zohoconnect.credentials;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.ZohoConnectApplication;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.NewGrant;
import io.zohoconnect.connection.Secret;
import io.zohoconnect.datacenter.Environment;
import io.zohoconnect.simulator.RegisteredApp;
import io.zohoconnect.simulator.SimSettings;
import io.zohoconnect.simulator.SimulatorConfig;
import io.zohoconnect.simulator.ZohoSimulator;
import io.zohoconnect.support.TestDatabases;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two service nodes (two Spring Boot contexts, profiles postgres + cluster) on one PostgreSQL
 * database and one Zoho: the clustered Quartz timer and on-demand callers on both nodes together
 * must refresh each of 500 due connections exactly once per cycle — never two token requests for
 * one refresh token.
 */
class TwoNodeRefreshTest {

    static final int CONNECTIONS = 500;
    static final String CLIENT_ID = "1000.TWONODES";
    static final String CLIENT_SECRET = "two-node-client-secret";
    static final String REDIRECT_URI = "http://localhost:1/oauth/callback";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static ZohoSimulator zoho;
    static String schema;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;
    static final List<String> ids = new ArrayList<>();
    static final List<String> refreshTokens = new ArrayList<>();

    @BeforeAll
    static void startTwoNodes() throws Exception {
        TestDatabases.requirePostgres();
        schema = "zc_nodes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        JdbcClient.create(new DriverManagerDataSource(TestDatabases.POSTGRES_URL, TestDatabases.POSTGRES_USER, ""))
                .sql("CREATE SCHEMA " + schema).update();
        SimSettings defaults = SimSettings.defaults();
        zoho = new ZohoSimulator(new SimulatorConfig(SimulatorConfig.LOOPBACK, 0, 128,
                new RegisteredApp(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
                new SimSettings(true, null, null, 3600, 120, 5, false, false, Map.of(), 200, 10, 0, 15,
                        CONNECTIONS * 4, 0, 0)), Clock.systemUTC());
        zoho.start();
        nodeA = node("node-a");
        nodeB = node("node-b");
        seedDueConnections(nodeA.getBean(ConnectionStore.class));
        assertThat(defaults.refreshLimit()).isEqualTo(10);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        if (zoho != null) {
            zoho.close();
        }
        if (schema != null) {
            JdbcClient.create(new DriverManagerDataSource(TestDatabases.POSTGRES_URL, TestDatabases.POSTGRES_USER, ""))
                    .sql("DROP SCHEMA " + schema + " CASCADE").update();
        }
    }

    @Test
    void eachDueConnectionIsRefreshedExactlyOncePerCycleAcrossNodes() throws Exception {
        // cycle 1: the clustered timer (every second, on one node per tick) plus on-demand callers on both nodes
        List<Throwable> callerErrors = hammerOnDemand(() -> allRefreshed(1));
        assertThat(callerErrors).isEmpty();
        assertThat(tokenRequestsPerRefreshToken()).allSatisfy(n -> assertThat(n).isEqualTo(1));

        // cycle 2: everything due again
        JdbcClient.create(nodeA.getBean(javax.sql.DataSource.class))
                .sql("UPDATE zoho_connection SET access_token_expires_at = ?, last_refreshed_at = ? WHERE id LIKE 'node-test-%'")
                .param(Instant.now().plus(Duration.ofMinutes(2)).atOffset(ZoneOffset.UTC))
                .param(Instant.now().minus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC))
                .update();
        callerErrors = hammerOnDemand(() -> allRefreshed(2));
        assertThat(callerErrors).isEmpty();
        assertThat(tokenRequestsPerRefreshToken()).allSatisfy(n -> assertThat(n).isEqualTo(2));

        // the timer ran as one clustered Quartz job: two scheduler instances checked in, one trigger
        JdbcClient db = JdbcClient.create(nodeA.getBean(javax.sql.DataSource.class));
        assertThat(db.sql("SELECT COUNT(*) FROM qrtz_scheduler_state").query(Integer.class).single()).isEqualTo(2);
        assertThat(db.sql("SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_name = 'token-refresh'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    /**
     * Issue 9 item 4: node B re-consents a connection (its callback stores the new grant and revokes the
     * old one, which kills the old access tokens at Zoho) while node A holds the old token in its
     * zohoAuth cache. A's next CRM call gets one 401 and must retry with the token the row holds now —
     * not the stale cache entry again.
     */
    @Test
    void aRetryAfter401UsesTheTokenAnotherNodeStoredNotTheStaleCache() throws Exception {
        String id = "node-401";
        JsonNode first = grantAtZoho();
        nodeA.getBean(ConnectionStore.class).saveGrant(grant(id, first));
        assertThat(crmCallOn(nodeA, id).status()).isBetween(200, 299); // warms A's cache

        // node B re-consents, as its callback does: store the new grant, revoke the replaced one at Zoho
        JsonNode second = grantAtZoho();
        nodeB.getBean(ConnectionStore.class).saveGrant(grant(id, second));
        nodeB.getBean(io.zohoconnect.credentials.ZohoTokenClient.class).revoke(
                nodeB.getBean(io.zohoconnect.datacenter.DataCenters.class).require("eu"),
                new Secret(first.path("refresh_token").asText()));

        assertThat(crmCallOn(nodeA, id).status()).as("the call after B's re-consent").isBetween(200, 299);
        // and A's zohoAuth hands out B's token from now on
        org.apache.camel.Exchange auth = new org.apache.camel.support.DefaultExchange(nodeA.getBean(org.apache.camel.CamelContext.class));
        auth.getMessage().setHeader(io.zohoconnect.connection.ZohoHeaders.CONNECTION_ID, id);
        nodeA.getBean(io.zohoconnect.crm.ZohoAuthEnricher.class).process(auth);
        assertThat(auth.getMessage().getHeader("Authorization", String.class))
                .isEqualTo("Zoho-oauthtoken " + second.path("access_token").asText());
    }

    /** One CRM call on a node's call path; the failure, if any, is thrown. */
    private static io.zohoconnect.crm.CrmReply crmCallOn(ConfigurableApplicationContext node, String connectionId) {
        return node.getBean(io.zohoconnect.crm.CrmCalls.class)
                .call(io.zohoconnect.crm.CrmRequest.get(connectionId, "/crm/v8/Leads", "fields=Last_Name"));
    }

    private static NewGrant grant(String id, JsonNode tokens) {
        return new NewGrant(id, "eu", Environment.PRODUCTION, zoho.accountsUrl("eu"), zoho.apiDomain("eu", "production"),
                List.of("ZohoCRM.modules.ALL"), new Secret(tokens.path("refresh_token").asText()),
                new Secret(tokens.path("access_token").asText()), Instant.now().plus(Duration.ofHours(1)), null);
    }

    /** Runs on-demand token requests from both nodes until {@code done}, returning what they threw. */
    private List<Throwable> hammerOnDemand(java.util.function.BooleanSupplier done) throws InterruptedException {
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        AtomicInteger served = new AtomicInteger();
        for (int t = 0; t < 8; t++) {
            TokenRefresher refresher = (t % 2 == 0 ? nodeA : nodeB).getBean(TokenRefresher.class);
            Random random = new Random(t);
            callers.submit(() -> {
                while (!stop.get()) {
                    try {
                        String id = ids.get(random.nextInt(ids.size()));
                        assertThat(refresher.freshConnection(id).accessTokenExpiresAt()).isAfter(Instant.now());
                        served.incrementAndGet();
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }
            });
        }
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(done::getAsBoolean);
        } finally {
            stop.set(true);
            callers.shutdown();
            callers.awaitTermination(30, TimeUnit.SECONDS);
        }
        assertThat(served.get()).isPositive();
        return errors;
    }

    private static boolean allRefreshed(int times) {
        return tokenRequestsPerRefreshToken().stream().allMatch(n -> n >= times);
    }

    private static List<Integer> tokenRequestsPerRefreshToken() {
        @SuppressWarnings("unchecked")
        Map<String, Number> counts = (Map<String, Number>) zoho.counters().get("tokenRequestsByRefreshToken");
        return refreshTokens.stream().map(t -> counts.getOrDefault(t, 0).intValue()).toList();
    }

    private static ConfigurableApplicationContext node(String name) {
        String datasource = TestDatabases.POSTGRES_URL + "?currentSchema=" + schema;
        String accounts = zoho.accountsUrl("eu");
        return new SpringApplicationBuilder(ZohoConnectApplication.class)
                .profiles("postgres", "cluster")
                // command-line arguments: they win over ./config/application*.yml
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + datasource,
                        "--spring.datasource.username=" + TestDatabases.POSTGRES_USER,
                        "--spring.datasource.password=",
                        "--zoho.node-id=" + name,
                        "--zoho.client-id=" + CLIENT_ID,
                        "--zoho.client-secret=" + CLIENT_SECRET,
                        "--zoho.redirect-uri=" + REDIRECT_URI,
                        "--zoho.admin.api-key=two-node-admin-key-0123456789",
                        "--zoho.crypto.key=3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                        "--zoho.data-dir=target/two-node-data",
                        "--zoho.events.uri=log:zoho-events?level=DEBUG",
                        "--zoho.datacenters.eu.accounts-url=" + accounts,
                        "--zoho.datacenters.eu.api-domain=" + zoho.apiDomain("eu", "production"),
                        "--zoho.refresh.schedule=0/1 * * * * ?",
                        "--zoho.refresh.concurrency=8",
                        "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000");
    }

    /** 500 connections with real grants at the simulated Zoho, each with a token inside the refresh margin. */
    private static void seedDueConnections(ConnectionStore store) throws Exception {
        for (int i = 0; i < CONNECTIONS; i++) {
            JsonNode tokens = grantAtZoho();
            String id = "node-test-" + i;
            store.saveGrant(new NewGrant(id, "eu", Environment.PRODUCTION, zoho.accountsUrl("eu"),
                    zoho.apiDomain("eu", "production"), List.of("ZohoCRM.modules.ALL"),
                    new Secret(tokens.path("refresh_token").asText()), new Secret(tokens.path("access_token").asText()),
                    Instant.now().plus(Duration.ofMinutes(5)), null));
            ids.add(id);
            refreshTokens.add(tokens.path("refresh_token").asText());
        }
        // saveGrant marks them refreshed now: step back past the once-a-minute limit
        JdbcClient.create(nodeA.getBean(javax.sql.DataSource.class))
                .sql("UPDATE zoho_connection SET last_refreshed_at = ? WHERE id LIKE 'node-test-%'")
                .param(Instant.now().minus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC)).update();
    }

    /** A consent at the simulated Zoho and its code exchange: the token response. */
    private static JsonNode grantAtZoho() throws Exception {
        String authorize = zoho.accountsUrl("eu") + "/oauth/v2/auth?client_id=" + CLIENT_ID
                + "&response_type=code&scope=ZohoCRM.modules.ALL&access_type=offline&prompt=consent&state=s"
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8);
        String location = http.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow();
        String code = io.zohoconnect.web.QueryParams.parse(URI.create(location).getRawQuery()).get("code");
        String form = "grant_type=authorization_code&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8) + "&code=" + code;
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(zoho.accountsUrl("eu")
                        + "/oauth/v2/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
