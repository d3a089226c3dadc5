package io.zohoconnect.support;

import java.util.List;
import java.util.UUID;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.context.annotation.Import;

/**
 * Base of the RabbitMQ tests: the whole service with profile {@code rabbitmq} against the local
 * broker, the simulator and its own in-memory H2 — one Spring context shared by every subclass (so
 * keep this configuration the same for all). The queue and exchange names carry a random prefix per
 * JVM, so two builds on one broker never see each other's messages; they are deleted when the JVM ends.
 * Skipped with a message where no broker is reachable, unless {@code ZOHO_CONNECT_REQUIRE_RABBITMQ=true}.
 */
@CamelSpringBootTest
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestPropertySource(locations = "classpath:integration-test.properties", properties = {
        "spring.datasource.url=jdbc:h2:mem:zoho-rabbit-test;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        // a data dir of its own: the example inbox route of the shared context watches target/test-data,
        // and two contexts polling one folder race for each file
        "zoho.data-dir=target/test-data-rabbitmq",
        "zoho.amqp.consumers=4",
        "zoho.amqp.hold-delay=1s",
        "zoho.examples.deals-schedule=0 0 0 1 1 ? 2099"})
@ActiveProfiles("rabbitmq")
@Import(IntegrationTest.TestClock.class)
public abstract class RabbitIntegrationTest {

    /** Chosen once per JVM, so every subclass has the same configuration (one cached context). */
    static final int SERVICE_PORT = IntegrationTestPorts.freePort();
    protected static final String PREFIX = "zc-test-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    protected static final String WRITES = PREFIX + "crm.writes";
    protected static final String DEAD = PREFIX + "crm.writes.dead";
    protected static final String HOLD = PREFIX + "crm.writes.hold";
    protected static final String RESULTS = PREFIX + "crm.write-results";
    protected static final String EVENTS = PREFIX + "events";
    protected static final String SYNC_EXCHANGE = PREFIX + "sync";
    protected static final String SYNC_QUEUE = PREFIX + "sync.deals";
    protected static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(RabbitIntegrationTest::deleteBrokerObjects));
    }

    @Autowired
    protected MutableClock clock;
    @Autowired
    private io.zohoconnect.crm.CrmRetryScheduler retryScheduler;
    /** The waits the call path asked for. */
    protected RecordingScheduler retries;
    @Value("${zoho.simulator.port}")
    protected int simulatorPort;

    protected SimulatorClient simulator;
    protected ServiceClient service;
    protected TestBroker broker;

    @DynamicPropertySource
    static void rabbitSettings(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> SERVICE_PORT);
        registry.add("zoho.amqp.writes-queue", () -> WRITES);
        registry.add("zoho.amqp.dead-letter-queue", () -> DEAD);
        registry.add("zoho.amqp.hold-queue", () -> HOLD);
        registry.add("zoho.amqp.results-exchange", () -> RESULTS);
        registry.add("zoho.amqp.events-exchange", () -> EVENTS);
        registry.add("zoho.examples.sync-exchange", () -> SYNC_EXCHANGE);
        registry.add("zoho.examples.sync-queue", () -> SYNC_QUEUE);
    }

    /** Before Spring builds the context: without a broker there is nothing to start. */
    @BeforeAll
    static void brokerIsThere() {
        TestBroker.requireRabbitMq();
    }

    @BeforeEach
    void resetWorld() {
        simulator = new SimulatorClient(simulatorPort);
        simulator.reset();
        simulator.resetData();
        clock.reset();
        retries = (RecordingScheduler) retryScheduler.executor();
        retries.clear();
        service = new ServiceClient(SERVICE_PORT, ADMIN_KEY);
        broker = new TestBroker();
        broker.purge(DEAD, HOLD);
    }

    @AfterEach
    void closeBroker() {
        simulator.clearFaults();
        clock.reset();
        broker.close();
    }

    private static void deleteBrokerObjects() {
        try (TestBroker cleanup = new TestBroker()) {
            cleanup.delete(List.of(WRITES, DEAD, HOLD, SYNC_QUEUE), List.of(RESULTS, EVENTS, SYNC_EXCHANGE));
        } catch (RuntimeException e) {
            // no broker (skipped tests) or already gone
        }
    }
}
