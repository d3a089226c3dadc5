package io.zohoconnect.crm;

import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ExecutorServiceManager;

/**
 * The threads of the CRM call path's waits: a retry is scheduled here after its delay ({@code Retry-After} or
 * backoff) and its attempt runs on one of these threads, as does a call that waited for an org slot — so no
 * caller's or route's thread sleeps through a wait, and these threads bound how many such attempts run at once
 * on this node. In the service a Camel scheduled pool of the thread-pool profile {@value #PROFILE} (default
 * {@value #DEFAULT_THREADS} threads; change it with {@code camel.threadpool.config[zoho-crm-redelivery].pool-size=…}),
 * managed and shut down with the Camel context. A holder rather than the pool itself as the bean: an
 * {@code Executor} bean would stand in for Spring Boot's own task executor.
 */
public final class CrmRetryScheduler {

    static final String PROFILE = "zoho-crm-redelivery";
    static final int DEFAULT_THREADS = 8;

    private final ScheduledExecutorService executor;

    public CrmRetryScheduler(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** The service's: a pool of Camel's executor service manager, profile {@value #PROFILE}. */
    public static CrmRetryScheduler camelPool(CamelContext camel) {
        ExecutorServiceManager pools = camel.getExecutorServiceManager();
        if (pools.getThreadPoolProfile(PROFILE) == null) {
            pools.registerThreadPoolProfile(new ThreadPoolProfileBuilder(PROFILE).poolSize(DEFAULT_THREADS).build());
        }
        return new CrmRetryScheduler(pools.newScheduledThreadPool(CrmRetryScheduler.class, "ZohoCrmRetry", PROFILE));
    }

    public ScheduledExecutorService executor() {
        return executor;
    }
}
