package io.zohoconnect.sync;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.zohoconnect.crm.CreditMeter;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.springframework.stereotype.Component;

/**
 * Reads a sync's next page while its sink takes the current one. The threads are a Camel thread
 * pool of the profile {@value #PROFILE} (change it with
 * {@code camel.threadpool.config[zoho-sync-prefetch].max-pool-size=…}); when every thread is busy,
 * the sync reads its next page itself, as it would without prefetch.
 */
@Component
public class PagePrefetch {

    static final String PROFILE = "zoho-sync-prefetch";

    private final CamelContext camel;
    private volatile ExecutorService pool;

    PagePrefetch(CamelContext camel) {
        this.camel = camel;
    }

    <T> Future<T> submit(Callable<T> read) {
        // the page read ahead is part of the run: its credits count on the run's meter
        CreditMeter meter = CreditMeter.current();
        return pool().submit(meter == null ? read : () -> meter.counting(read));
    }

    /** The page read ahead, its failure thrown as the read itself would have thrown it. */
    <T> T await(Future<T> ahead) throws Exception {
        try {
            return ahead.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception failure) {
                throw failure;
            }
            throw e;
        }
    }

    private ExecutorService pool() {
        ExecutorService current = pool;
        if (current == null) {
            synchronized (this) {
                current = pool;
                if (current == null) {
                    ExecutorServiceManager pools = camel.getExecutorServiceManager();
                    if (pools.getThreadPoolProfile(PROFILE) == null) {
                        // one page ahead per running sync; no queue: a read that finds no thread runs on the sync's own
                        ThreadPoolProfile profile = new ThreadPoolProfileBuilder(PROFILE).poolSize(1).maxPoolSize(8)
                                .maxQueueSize(0).rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build();
                        pools.registerThreadPoolProfile(profile);
                    }
                    current = pools.newThreadPool(this, "ZohoSyncPrefetch", PROFILE);
                    pool = current;
                }
            }
        }
        return current;
    }
}
