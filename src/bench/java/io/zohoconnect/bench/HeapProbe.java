package io.zohoconnect.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A benchmark's sink that, every {@code every} records, runs a full GC and notes the heap still in use: the
 * live set, which shows whether a run holds a module in memory or streams it.
 */
public final class HeapProbe {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final int every;
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong maxLive = new AtomicLong();

    HeapProbe(int every) {
        this.every = every;
    }

    /** One record arrived (public, with the record, so that a route can call it as {@code bean:heapProbe}). */
    public void accept(Object record) {
        if (seen.incrementAndGet() % every == 0) {
            System.gc();
            maxLive.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        }
    }

    int every() {
        return every;
    }

    void reset() {
        seen.set(0);
        maxLive.set(0);
    }

    long maxLiveMb() {
        return maxLive.get() / (1024 * 1024);
    }
}
