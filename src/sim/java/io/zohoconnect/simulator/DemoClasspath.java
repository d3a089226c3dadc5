package io.zohoconnect.simulator;

import java.io.IOException;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * The demo ({@code ./mvnw spring-boot:run -Dspring-boot.run.profiles=demo}) runs on the test classpath,
 * because that is where the simulator is. Component scanning would also pick up the tests' own
 * configuration there (a movable clock, a sleeper that does not wait), so with profile {@code demo}
 * only the production classes and the simulator are scanned. Registered in META-INF/spring.factories
 * of src/sim, so it never reaches the production jar.
 */
public final class DemoClasspath implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String BEAN = "zohoDemoClasspathFilter";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (context.getEnvironment().acceptsProfiles(Profiles.of("demo"))
                && !context.getBeanFactory().containsSingleton(BEAN)) {
            context.getBeanFactory().registerSingleton(BEAN, new TestClassesOut());
        }
    }

    /** Leaves out every class of the test output folder except the simulator's. */
    static final class TestClassesOut extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            String location = reader.getResource().getURL().toString();
            return location.contains("/test-classes/")
                    && !reader.getClassMetadata().getClassName().startsWith(DemoClasspath.class.getPackageName() + ".");
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }
    }
}
