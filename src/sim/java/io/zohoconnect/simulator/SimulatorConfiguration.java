package io.zohoconnect.simulator;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Runs the Zoho simulator inside the application when {@code zoho.simulator.enabled=true} (demo
 * profile, end-to-end tests, benchmarks). It is started when its bean is created — before any
 * Camel route starts calling it — and stopped when the context closes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "zoho.simulator", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(SimulatorProperties.class)
public class SimulatorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SimulatorConfiguration.class);

    /** The app the simulator accepts is the one this service is configured with: {@code zoho.client-id} etc. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    ZohoSimulator zohoSimulator(SimulatorProperties properties, Environment environment, ObjectProvider<Clock> clock) {
        RegisteredApp app = new RegisteredApp(environment.getProperty("zoho.client-id"),
                environment.getProperty("zoho.client-secret"), environment.getProperty("zoho.redirect-uri"));
        if (app.clientId() == null || app.clientId().isBlank() || app.clientSecret() == null
                || app.clientSecret().isBlank() || app.redirectUri() == null || app.redirectUri().isBlank()) {
            log.warn("The Zoho simulator has no complete registered app: set zoho.client-id, zoho.client-secret and"
                    + " zoho.redirect-uri, or every authorization will be refused");
        }
        return new ZohoSimulator(properties.config(app), clock.getIfAvailable(Clock::systemUTC));
    }
}
