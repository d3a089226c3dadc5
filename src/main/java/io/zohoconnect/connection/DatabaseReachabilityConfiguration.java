package io.zohoconnect.connection;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** {@link DatabaseReachability}, fed by every request for a connection of the service's data source. */
@Configuration(proxyBeanMethods = false)
class DatabaseReachabilityConfiguration {

    @Bean
    DatabaseReachability databaseReachability(Clock clock, Environment environment) {
        return new DatabaseReachability(environment.getProperty("spring.datasource.url"), clock);
    }

    /** Wraps the data source as it is created, so Flyway, JDBC, Quartz and health all go through the observation. */
    @Bean
    static BeanPostProcessor observedDataSource(ObjectProvider<DatabaseReachability> reachability) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSource pool && !(bean instanceof ObservedDataSource)) {
                    return new ObservedDataSource(pool, reachability.getObject());
                }
                return bean;
            }
        };
    }
}
