package io.zohoconnect.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.zohoconnect.ZohoConnectApplication;
import io.zohoconnect.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

/**
 * The demo runs on the test classpath (the simulator is not in the production jar, issue 10 item 2);
 * it must still be the service plus the simulator, without the tests' movable clock and non-waiting
 * retries that component scanning would otherwise find there.
 */
class DemoClasspathTest {

    private final MetadataReaderFactory readers = new SimpleMetadataReaderFactory();
    private final DemoClasspath.TestClassesOut filter = new DemoClasspath.TestClassesOut();

    @Test
    void theDemoScansTheServiceAndTheSimulatorButNotTheTestsConfiguration() throws Exception {
        assertThat(excluded(IntegrationTest.class.getName() + "$TestClock")).isTrue();
        assertThat(excluded(SimulatorConfiguration.class.getName())).isFalse();
        assertThat(excluded(ZohoConnectApplication.class.getName())).isFalse();
    }

    @Test
    void onlyTheDemoProfileFiltersTheScan() {
        try (GenericApplicationContext demo = new GenericApplicationContext();
                GenericApplicationContext test = new GenericApplicationContext()) {
            demo.getEnvironment().setActiveProfiles("demo");
            new DemoClasspath().initialize(demo);
            new DemoClasspath().initialize(test);
            assertThat(demo.getBeanFactory().containsSingleton(DemoClasspath.BEAN)).isTrue();
            assertThat(test.getBeanFactory().containsSingleton(DemoClasspath.BEAN)).isFalse();
        }
    }

    private boolean excluded(String className) throws Exception {
        return filter.match(readers.getMetadataReader(className), readers);
    }
}
