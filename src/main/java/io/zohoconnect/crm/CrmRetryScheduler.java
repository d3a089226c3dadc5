package io.zohoconnect.crm;

import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ExecutorServiceManager;

/**
 * The threads of the CRM call path's waits: a retry is scheduled here after its delay ({@code Retry-After} or
 * backoff) and its attempt runs on one of these threads, as does a call that waited for an org slot — so no
 * caller's or route's thread sleeps through a wait, and these threads bound how many such attempts run at once
 * on this node. A Camel scheduled pool of the thread-pool profile {@value #PROFILE} (default
 * {@value #DEFAULT_THREADS} threads; change it with {@code camel.threadpool.config[zoho-crm-redelivery].pool-size=…}),
 * managed and shut down with the Camel context.
 */
final class CrmRetryScheduler {

    /** The bean's name: tests give their own scheduler under it. */
    static final String BEAN = "zohoCrmRetryScheduler";
    static final String PROFILE = "zoho-crm-redelivery";
    static final int DEFAULT_THREADS = 8;

    private CrmRetryScheduler() {
    }

    static ScheduledExecutorService create(CamelContext camel) {
        ExecutorServiceManager pools = camel.getExecutorServiceManager();
        if (pools.getThreadPoolProfile(PROFILE) == null) {
            pools.registerThreadPoolProfile(new ThreadPoolProfileBuilder(PROFILE).poolSize(DEFAULT_THREADS).build());
        }
        return pools.newScheduledThreadPool(CrmRetryScheduler.class, "ZohoCrmRetry", PROFILE);
    }
}
