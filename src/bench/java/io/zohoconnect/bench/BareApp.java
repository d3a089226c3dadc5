package io.zohoconnect.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The start-up benchmark's yardstick: an empty application with the service's starters (Camel,
 * web, security, JDBC + H2, Flyway, Quartz, actuator, validation), run on the service's extracted
 * libraries with the JVM's defaults. No code of the service.
 */
@SpringBootApplication
public class BareApp {

    public static void main(String[] args) {
        SpringApplication.run(BareApp.class, args);
    }
}
