package io.zohoconnect.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.zohoconnect.crm.Sleeper;

/** Records the waits the service asks for (Retry-After, backoff) and waits at most a few milliseconds. */
public final class RecordingSleeper implements Sleeper {

    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        waits.add(duration);
        Thread.sleep(Math.min(duration.toMillis(), 5));
    }

    public List<Duration> waits() {
        return List.copyOf(waits);
    }

    public void clear() {
        waits.clear();
    }
}
