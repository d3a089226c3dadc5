package io.zohoconnect.crm;

import java.time.Duration;

/** Waits between retries; a bean so tests can record the waits instead of sitting through them. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;
}
