package io.zohoconnect;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The Zoho simulator is a demo and test tool that the production jar does not contain (it lives in
 * src/sim, on the test classpath). Asking a production build for it is a configuration mistake — a
 * demo configuration copied to a server — so it stops the start instead of running against the real
 * Zoho with demo settings.
 */
@Component
public final class SimulatorAbsentCheck implements SmartInitializingSingleton {

    static final String SIMULATOR_CLASS = "io.zohoconnect.simulator.ZohoSimulator";

    private final Environment environment;

    public SimulatorAbsentCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (environment.getProperty("zoho.simulator.enabled", Boolean.class, false)
                && !ClassUtils.isPresent(SIMULATOR_CLASS, getClass().getClassLoader())) {
            throw new IllegalStateException("zoho.simulator.enabled=true, but this build has no Zoho simulator: it"
                    + " is a demo and test tool, not part of the production jar. Run the demo from the source tree"
                    + " with ./mvnw spring-boot:run -Dspring-boot.run.profiles=demo; in production remove"
                    + " zoho.simulator.* and the demo profile.");
        }
    }
}
