package io.zohoconnect.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * {@code --zoho.training-run=true}: the class-data-sharing training run made at package time (and by
 * {@code bin/zoho-connect train}) starts the service completely — Camel routes, Tomcat, timers — and
 * exits as soon as it is ready, so the archive holds every class a start loads, not only those of the
 * context refresh ({@code spring.context.exit=onRefresh} stops before routes and Tomcat start).
 */
@Component
@ConditionalOnProperty("zoho.training-run")
final class TrainingRun implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        log.info("Training run: started; exiting");
        System.exit(SpringApplication.exit(event.getApplicationContext()));
    }
}
