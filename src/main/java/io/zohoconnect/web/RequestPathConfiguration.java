package io.zohoconnect.web;

import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.task.ThreadPoolTaskExecutorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How many browser and API requests the service works on at once (README "Performance", P5). */
@Configuration(proxyBeanMethods = false)
class RequestPathConfiguration {

    /**
     * Camel's platform-http runs each request on Spring's application task executor, which Spring Boot
     * sizes at 8 threads with an unbounded queue. A callback holds its thread while Zoho answers the code
     * exchange and the org read, so the ninth concurrent request — a callback, the dashboard, the admin
     * API — waited in that queue. The executor may grow to as many threads as Tomcat serves requests at
     * once (idle ones still time out); a larger {@code spring.task.execution.pool.core-size} stays.
     */
    @Bean
    ThreadPoolTaskExecutorCustomizer requestThreads(ServerProperties server) {
        int requestThreads = server.getTomcat().getThreads().getMax();
        return executor -> executor.setCorePoolSize(Math.max(executor.getCorePoolSize(), requestThreads));
    }
}
