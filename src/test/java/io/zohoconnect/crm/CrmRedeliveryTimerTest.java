package io.zohoconnect.crm;

import java.time.Duration;

import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.concurrent.SizedScheduledExecutorService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The redelivery timer's threads come from Camel's thread-pool profile, which an operator may set. */
class CrmRedeliveryTimerTest {

    @Test
    void theThreadsAreACamelPoolOfProfileZohoCrmRedeliveryWithEightByDefault() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            CrmRedeliveryTimer timer = new CrmRedeliveryTimer(camel, RedeliveryDelays.AS_ASKED);

            assertThat(threads(timer)).isEqualTo(8);
            assertThat(camel.getExecutorServiceManager().getThreadPoolProfile(CrmRedeliveryTimer.PROFILE)).isNotNull();
        }
    }

    @Test
    void aProfileTheOperatorDefinedIsKept() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            // what camel.threadpool.config[zoho-crm-redelivery].pool-size=3 registers
            camel.getExecutorServiceManager().registerThreadPoolProfile(
                    new ThreadPoolProfileBuilder(CrmRedeliveryTimer.PROFILE).poolSize(3).build());

            CrmRedeliveryTimer timer = new CrmRedeliveryTimer(camel, RedeliveryDelays.AS_ASKED);

            assertThat(threads(timer)).isEqualTo(3);
        }
    }

    @Test
    void aDelayHookSeesTheAskedDelayAndTheTaskRunsAfterTheShapedOne() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            java.util.List<Duration> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
            CrmRedeliveryTimer timer = new CrmRedeliveryTimer(camel, delay -> {
                asked.add(delay);
                return Duration.ZERO;
            });

            String ran = timer.executor().schedule(() -> "ran", 7, java.util.concurrent.TimeUnit.SECONDS).get(5,
                    java.util.concurrent.TimeUnit.SECONDS);

            assertThat(ran).isEqualTo("ran");
            assertThat(asked).containsExactly(Duration.ofSeconds(7));
        }
    }

    private static int threads(CrmRedeliveryTimer timer) {
        assertThat(timer.executor()).isInstanceOf(SizedScheduledExecutorService.class);
        return ((SizedScheduledExecutorService) timer.executor()).getScheduledThreadPoolExecutor().getCorePoolSize();
    }
}
