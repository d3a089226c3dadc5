package io.zohoconnect.support;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the outage tests: the whole service as it runs in production — profiles {@code postgres} and
 * {@code rabbitmq}, the packaged timeouts — with its database and broker behind {@link CuttableTcpProxy}s,
 * so a test cuts every connection of the service while PostgreSQL and RabbitMQ themselves stay up (and the
 * test still reaches them directly). One Spring context for every subclass: keep this configuration the
 * same for all. Its own schema and queue prefix per JVM. Skipped with a message where PostgreSQL or
 * RabbitMQ is not reachable, unless {@code ZOHO_CONNECT_REQUIRE_POSTGRES}/{@code _RABBITMQ} is true.
 */
@CamelSpringBootTest
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestPropertySource(locations = "classpath:integration-test.properties", properties = {
        // its own data dir: the example inbox route of the other contexts watches target/test-data
        "zoho.data-dir=target/test-data-outage",
        "zoho.amqp.consumers=4",
        "zoho.amqp.hold-delay=1s",
        // a crashed sync run is not what these tests wait for: only the outage's own handling may free a lease
        "zoho.sync.lease-duration=2m",
        // an outcome the database could not take is tried again this often (default 5 s)
        "zoho.sync.record-retry=250ms",
        "zoho.examples.deals-schedule=0 0 0 1 1 ? 2099"})
@ActiveProfiles({"postgres", "rabbitmq"})
@Import(IntegrationTest.TestClock.class)
public abstract class OutageIntegrationTest {

    /** Chosen once per JVM, so every subclass has the same configuration (one cached context). */
    static final int SERVICE_PORT = IntegrationTestPorts.freePort();
    protected static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    protected static final String SCHEMA = "zc_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    protected static final String PREFIX = "zc-outage-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    protected static final String WRITES = PREFIX + "crm.writes";
    protected static final String DEAD = PREFIX + "crm.writes.dead";
    protected static final String HOLD = PREFIX + "crm.writes.hold";
    protected static final String RESULTS = PREFIX + "crm.write-results";
    protected static final String EVENTS = PREFIX + "events";
    private static final String SYNC_EXCHANGE = PREFIX + "sync";
    private static final String SYNC_QUEUE = PREFIX + "sync.deals";

    /** The service's way to PostgreSQL (the one of {@link TestDatabases#POSTGRES_URL}). */
    protected static final CuttableTcpProxy DATABASE = CuttableTcpProxy.to(postgresHost(), postgresPort());
    /** The service's way to RabbitMQ. */
    protected static final CuttableTcpProxy BROKER = CuttableTcpProxy.to(TestBroker.HOST, TestBroker.PORT);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OutageIntegrationTest::deleteBrokerObjects));
    }

    @Autowired
    protected MutableClock clock;
    @Autowired
    private DataSource dataSource;
    @Value("${zoho.simulator.port}")
    protected int simulatorPort;

    protected SimulatorClient simulator;
    protected ServiceClient service;

    @DynamicPropertySource
    static void outageSettings(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> SERVICE_PORT);
        registry.add("spring.datasource.url", OutageIntegrationTest::proxiedDatabaseUrl);
        registry.add("spring.datasource.username", () -> TestDatabases.POSTGRES_USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
        registry.add("spring.rabbitmq.port", BROKER::port);
        registry.add("zoho.amqp.writes-queue", () -> WRITES);
        registry.add("zoho.amqp.dead-letter-queue", () -> DEAD);
        registry.add("zoho.amqp.hold-queue", () -> HOLD);
        registry.add("zoho.amqp.results-exchange", () -> RESULTS);
        registry.add("zoho.amqp.events-exchange", () -> EVENTS);
        registry.add("zoho.examples.sync-exchange", () -> SYNC_EXCHANGE);
        registry.add("zoho.examples.sync-queue", () -> SYNC_QUEUE);
    }

    /** Before Spring builds the context: without both servers there is nothing to cut. */
    @BeforeAll
    static void serversAreThere() {
        TestDatabases.requirePostgres();
        TestBroker.requireRabbitMq();
    }

    @BeforeEach
    void resetWorld() {
        DATABASE.restore();
        BROKER.restore();
        simulator = new SimulatorClient(simulatorPort);
        simulator.reset();
        clock.reset();
        service = new ServiceClient(SERVICE_PORT, ADMIN_KEY);
    }

    /**
     * A test that failed mid-outage must not leave the next one without its database or broker; nor with
     * pooled connections its cut broke: Hikari checks a connection before handing it out only when it was
     * idle for half a second, so right after a sub-second outage the next test could draw a dead one.
     */
    @AfterEach
    void endOutages() throws SQLException {
        DATABASE.restore();
        BROKER.restore();
        dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        simulator.clearFaults();
        clock.reset();
    }

    /** The service's database URL, through {@link #DATABASE}, on this JVM's schema. */
    static String proxiedDatabaseUrl() {
        return "jdbc:postgresql://127.0.0.1:" + DATABASE.port() + "/" + postgresDatabase() + "?currentSchema=" + SCHEMA;
    }

    /** The same database, reached directly (not cut): what the test itself reads. */
    protected static String directDatabaseUrl() {
        return TestDatabases.POSTGRES_URL + "?currentSchema=" + SCHEMA;
    }

    private static Matcher postgresUrl() {
        Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*").matcher(TestDatabases.POSTGRES_URL);
        if (!url.matches()) {
            throw new IllegalStateException("cannot read host, port and database of " + TestDatabases.POSTGRES_URL);
        }
        return url;
    }

    private static String postgresHost() {
        return postgresUrl().group(1);
    }

    private static int postgresPort() {
        String port = postgresUrl().group(2);
        return port == null ? 5432 : Integer.parseInt(port);
    }

    private static String postgresDatabase() {
        return postgresUrl().group(3);
    }

    private static void deleteBrokerObjects() {
        try (TestBroker cleanup = new TestBroker()) {
            cleanup.delete(List.of(WRITES, DEAD, HOLD, SYNC_QUEUE), List.of(RESULTS, EVENTS, SYNC_EXCHANGE));
        } catch (RuntimeException e) {
            // no broker (skipped tests) or already gone
        }
    }
}
