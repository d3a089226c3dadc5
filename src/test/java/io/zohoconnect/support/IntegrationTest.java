package io.zohoconnect.support;

import io.zohoconnect.crm.CrmRetryScheduler;
import io.zohoconnect.web.security.FailedLogins;

import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the end-to-end tests: the whole service on a real port with the built-in simulator and
 * an in-memory H2 database. Every subclass shares this one configuration, so Spring builds the
 * context once for the suite.
 */
@CamelSpringBootTest
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestPropertySource(locations = "classpath:integration-test.properties")
@Import(IntegrationTest.TestClock.class)
public abstract class IntegrationTest {

    /** Chosen once per JVM, so every subclass has the same configuration (one cached context). */
    static final int SERVICE_PORT = IntegrationTestPorts.freePort();

    /** zoho.admin.api-key of the tests: the API's bearer token, and the password of the dashboard's user "admin". */
    protected static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";

    @Autowired
    protected MutableClock clock;

    @Value("${zoho.simulator.port}")
    protected int simulatorPort;

    protected SimulatorClient simulator;
    protected ServiceClient service;

    @DynamicPropertySource
    static void servicePort(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> SERVICE_PORT);
    }

    @BeforeEach
    void resetWorld() {
        simulator = new SimulatorClient(simulatorPort);
        simulator.reset();
        clock.reset();
        retries = (RecordingScheduler) retryScheduler.executor();
        retries.clear();
        failedLogins.clear(); // every test starts with no lockout (all of them come from 127.0.0.1)
        service = new ServiceClient(SERVICE_PORT, ADMIN_KEY);
    }

    @AfterEach
    void clearFaults() {
        simulator.clearFaults();
        clock.reset();
    }

    @Autowired
    private CrmRetryScheduler retryScheduler;
    /** The waits the call path asked for. */
    protected RecordingScheduler retries;

    @Autowired
    private FailedLogins failedLogins;

    @Value("${spring.datasource.url}")
    private String databaseUrl;
    @Value("${zoho.crypto.key}")
    private String cryptoKey;

    /**
     * A second node of this service's cluster ({@link OtherNode}: the same database, key and simulator) on a
     * port of its own; the test closes it.
     */
    protected ConfigurableApplicationContext startOtherNode(String nodeId, String... more) {
        return OtherNode.start(nodeId, databaseUrl, cryptoKey, simulator.baseUrl(), more);
    }

    /** The same, with this node's URL as the cluster's public URL, as behind one load balancer: Zoho calls this node. */
    protected ConfigurableApplicationContext startOtherNodeBehindThisOne(String nodeId) {
        return OtherNode.start(nodeId, databaseUrl, cryptoKey, simulator.baseUrl(), IntegrationTestPorts.freePort(),
                service.baseUrl());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }

        /**
         * The call path's waits, recorded and shortened ({@link RecordingScheduler}; not a bean of its own: an
         * Executor bean would replace Spring Boot's task executor).
         */
        @Bean
        @Primary
        CrmRetryScheduler recordingRetryScheduler(CamelContext camel) {
            return new CrmRetryScheduler(new RecordingScheduler(
                    camel.getExecutorServiceManager().newScheduledThreadPool(this, "ZohoCrmRetryTest", 8)));
        }
    }
}
