package io.zohoconnect.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.zohoconnect.crm.CrmCalls;
import io.zohoconnect.crm.CrmReply;
import io.zohoconnect.crm.CrmRequest;
import io.zohoconnect.support.IntegrationTest;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A call waiting out Zoho's {@code Retry-After} holds no thread: N calls answered 429 all wait at once while the
 * one thread that started them — the test's own, or a route's single consumer — has moved on. The retries are
 * held by the test's scheduler until it lets them go, so nothing here depends on timing.
 */
class RetryWaitHoldsNoThreadTest extends IntegrationTest {

    static final int CALLS = 25;

    @Autowired
    CrmCalls calls;
    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;

    String connectionId;

    @BeforeEach
    void connect() {
        connectionId = "wait-" + UUID.randomUUID().toString().substring(0, 8);
        service.connect(connectionId, "eu", "production");
        retries.holdRetries();
    }

    @AfterEach
    void letGo() {
        retries.releaseRetries();
    }

    @Test
    void oneThreadStartsManyCallsThatAllWaitOutTheirRetryAfterAtOnce() {
        simulator.fault(Map.of("target", "crm", "type", "http_429", "count", CALLS, "retryAfterSeconds", 30));

        List<CompletableFuture<CrmReply>> answers = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            answers.add(calls.callAsync(CrmRequest.get(connectionId, "org", null)).toCompletableFuture());
        }

        // this thread got every call back while each waits for its retry: none of them sleeps on it
        assertThat(retries.heldRetries()).isEqualTo(CALLS);
        assertThat(answers).noneMatch(CompletableFuture::isDone);
        assertThat(retries.waits()).hasSize(CALLS).containsOnly(Duration.ofSeconds(30));

        retries.releaseRetries();
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.join().status()).isEqualTo(200));
    }

    @Test
    void aRoutesSingleConsumerThreadIsFreeWhileItsCallsWait() throws Exception {
        String route = "wait-route-" + connectionId;
        MockEndpoint answered = camel.getEndpoint("mock:" + route, MockEndpoint.class);
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("seda:" + route + "?concurrentConsumers=1").routeId(route)
                        .process(exchange -> threads.add(Thread.currentThread().getName()))
                        .to("zoho-crm:raw?connectionId=" + connectionId)
                        .to(answered);
            }
        });
        try {
            simulator.fault(Map.of("target", "crm", "type", "http_429", "count", CALLS, "retryAfterSeconds", 30));
            answered.expectedMessageCount(CALLS);
            for (int i = 0; i < CALLS; i++) {
                producer.sendBodyAndHeader("seda:" + route, null, "ZohoCrmPath", "org");
            }

            // the one consumer thread took every message while the earlier ones still wait for their retry
            await().atMost(Duration.ofSeconds(30)).until(() -> retries.heldRetries() == CALLS);
            assertThat(threads).hasSize(CALLS).containsOnly(threads.get(0));
            assertThat(answered.getReceivedCounter()).isZero();

            retries.releaseRetries();
            answered.assertIsSatisfied(30_000);
            assertThat(answered.getExchanges()).allSatisfy(exchange ->
                    assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200));
        } finally {
            camel.getRouteController().stopRoute(route);
            camel.removeRoute(route);
        }
    }
}
