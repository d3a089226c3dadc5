package io.zohoconnect.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * The start-up benchmark's yardstick: an empty application with the service's starters (Camel,
 * web, security, JDBC + H2, Flyway, Quartz, actuator, validation), run on the service's extracted
 * libraries. No code of the service. {@code --bare.training-run=true} starts it and exits once ready,
 * as the service's class-data-sharing training run does, so it can have an archive of its own.
 */
@SpringBootApplication
public class BareApp {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(BareApp.class);
        application.addListeners((ApplicationListener<ApplicationReadyEvent>) ready -> {
            if (ready.getApplicationContext().getEnvironment().getProperty("bare.training-run", Boolean.class, false)) {
                System.exit(SpringApplication.exit(ready.getApplicationContext()));
            }
        });
        application.run(args);
    }
}
