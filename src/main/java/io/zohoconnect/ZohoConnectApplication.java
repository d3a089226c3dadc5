package io.zohoconnect;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ZohoConnectApplication {

    public static void main(String[] args) {
        SpringApplication.run(ZohoConnectApplication.class, args);
    }

    /** Every expiry decision reads this clock, so tests move time instead of sleeping. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
