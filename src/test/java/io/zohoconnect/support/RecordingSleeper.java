package io.zohoconnect.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.zohoconnect.crm.RedeliveryDelays;

/** Records the waits the service asks for (Retry-After, backoff) and waits at most a few milliseconds. */
public final class RecordingSleeper implements RedeliveryDelays {

    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public Duration actual(Duration asked) {
        waits.add(asked);
        return asked.compareTo(Duration.ofMillis(5)) < 0 ? asked : Duration.ofMillis(5);
    }

    public List<Duration> waits() {
        return List.copyOf(waits);
    }

    public void clear() {
        waits.clear();
    }
}
