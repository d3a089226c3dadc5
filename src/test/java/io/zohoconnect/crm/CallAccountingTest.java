package io.zohoconnect.crm;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.zohoconnect.support.IntegrationTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link CallAccounting} sees each attempt of a call — retries included — just before it goes to Zoho and
 * just after its answer, with the request (connection, method, path, purpose), and can refuse a call before
 * it reaches Zoho. A call path with a recording accounting, over the service's own parts.
 */
class CallAccountingTest extends IntegrationTest {

    @Autowired
    ConnectionTokens tokens;
    @Autowired
    OrgSlots slots;
    @Autowired
    CrmAttempt attempt;
    @Autowired
    CrmHttp http;
    @Autowired
    CrmRetryPolicy policy;
    @Autowired
    CrmPaths paths;
    @Autowired
    CrmRetryScheduler scheduler;
    @Autowired
    CrmCalls serviceCalls;

    final List<String> seen = new CopyOnWriteArrayList<>();
    volatile RuntimeException refusal;
    String connectionId;
    CrmCalls calls;

    @BeforeEach
    void connect() {
        connectionId = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        service.connect(connectionId, "eu", "production");
        CallAccounting recording = new CallAccounting() {
            @Override
            public void beforeAttempt(CrmRequest request) {
                seen.add("before " + request.connectionId() + " " + request + " " + request.purpose());
                if (refusal != null) {
                    throw refusal;
                }
            }

            @Override
            public void afterAttempt(CrmRequest request, int status) {
                seen.add("after " + request + " " + status);
            }
        };
        calls = new CrmCallPath(tokens, slots, attempt, http, policy, recording, paths, scheduler);
    }

    @Test
    void everyAttemptIsSeenBeforeAndAfterWithItsStatus() {
        simulator.fault(Map.of("target", "crm", "type", "http_429", "count", 1, "retryAfterSeconds", 2));

        assertThat(calls.call(CrmRequest.get(connectionId, "org", null)).status()).isEqualTo(200);

        assertThat(seen).containsExactly(
                "before " + connectionId + " GET org INTERACTIVE", "after GET org 429",
                "before " + connectionId + " GET org INTERACTIVE", "after GET org 200");
    }

    @Test
    void aBackgroundCallSaysSo() {
        calls.call(CrmRequest.get(connectionId, "org", null).background());

        assertThat(seen).first().asString().endsWith("BACKGROUND");
    }

    @Test
    void aRefusalStopsTheCallBeforeItReachesZoho() {
        int before = simulator.crmRequestsFor("GET /eu/api/crm/v8/org");
        refusal = new IllegalStateException("out of API credits for today");

        assertThatThrownBy(() -> calls.call(CrmRequest.get(connectionId, "org", null)))
                .isInstanceOf(IllegalStateException.class).hasMessage("out of API credits for today");

        assertThat(simulator.crmRequestsFor("GET /eu/api/crm/v8/org")).isEqualTo(before);
        assertThat(seen).hasSize(1);
        assertThat(slots.inUse(connectionId)).as("the org slot is given back").isZero();
    }

    @Test
    void theServiceCountsNothingByDefault() {
        assertThat(serviceCalls.call(CrmRequest.get(connectionId, "org", null)).status()).isEqualTo(200);
        assertThat(seen).isEmpty();
    }
}
