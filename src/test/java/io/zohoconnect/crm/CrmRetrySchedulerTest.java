package io.zohoconnect.crm;

import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.concurrent.SizedScheduledExecutorService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The call path's retry threads come from Camel's thread-pool profile, which an operator may set. */
class CrmRetrySchedulerTest {

    @Test
    void theThreadsAreACamelPoolOfProfileZohoCrmRedeliveryWithEightByDefault() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            ScheduledExecutorService scheduler = CrmRetryScheduler.camelPool(camel).executor();

            assertThat(threads(scheduler)).isEqualTo(8);
            assertThat(camel.getExecutorServiceManager().getThreadPoolProfile(CrmRetryScheduler.PROFILE)).isNotNull();
        }
    }

    @Test
    void aProfileTheOperatorDefinedIsKept() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            // what camel.threadpool.config[zoho-crm-redelivery].pool-size=3 registers
            camel.getExecutorServiceManager().registerThreadPoolProfile(
                    new ThreadPoolProfileBuilder(CrmRetryScheduler.PROFILE).poolSize(3).build());

            assertThat(threads(CrmRetryScheduler.camelPool(camel).executor())).isEqualTo(3);
        }
    }

    private static int threads(ScheduledExecutorService scheduler) {
        assertThat(scheduler).isInstanceOf(SizedScheduledExecutorService.class);
        return ((SizedScheduledExecutorService) scheduler).getScheduledThreadPoolExecutor().getCorePoolSize();
    }
}
