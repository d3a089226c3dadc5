package io.zohoconnect.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import io.zohoconnect.connection.ConnectionStore;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * P8: write messages from RabbitMQ into Zoho (the simulator, in its own JVM, with a fixed latency per
 * CRM call) at the org's concurrency limit, against a bare Camel route that consumes the same messages
 * from a queue with the same consumers and prefetch and posts them to the same endpoint with the
 * Authorization header set by hand: no token lookup, no progress rows, no result message, no confirms.
 * Both sides drain a queue pre-loaded with the same messages; rounds interleaved in ABBA order ({@link Rounds}), the
 * ratio taken per round.
 *
 * <p>{@code ./mvnw -B -Pbench verify -Dit.test=QueueWritesBenchmark [-Dbench.rounds=4] [-Dbench.messages=1000]
 * [-Dbench.recordsPerMessage=10] [-Dbench.crmLatencyMillis=100]}
 */
class QueueWritesBenchmark {

    final int messages = Integer.getInteger("bench.messages", 1000);
    final int recordsPerMessage = Integer.getInteger("bench.recordsPerMessage", 10);
    final long crmLatencyMillis = Long.getLong("bench.crmLatencyMillis", 100);
    /** Rounds of both sides, in ABBA order: a multiple of 4 gives each side each place equally often. */
    final int rounds = Integer.getInteger("bench.rounds", 4);
    /** STANDARD edition: 10 concurrent calls per org, so 10 consumers on both sides. */
    static final int CONCURRENCY = 10;
    final String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 6) + ".";

    @Test
    void queueToZohoThroughput() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        try (BenchSupport.SimulatorJvm simulator = new BenchSupport.SimulatorJvm(0);
                Connection amqp = factory.newConnection("p8-benchmark");
                ConfigurableApplicationContext service = BenchSupport.service(simulator.base, "queue",
                        "--spring.profiles.active=rabbitmq",
                        "--zoho.routes-dir=target/bench-no-routes",
                        "--zoho.crm.default-edition=STANDARD",
                        "--zoho.amqp.writes-queue=" + prefix + "writes",
                        "--zoho.amqp.dead-letter-queue=" + prefix + "dead",
                        "--zoho.amqp.hold-queue=" + prefix + "hold",
                        "--zoho.amqp.results-exchange=" + prefix + "results",
                        "--zoho.amqp.events-exchange=" + prefix + "events")) {
            Channel channel = amqp.createChannel();
            simulator.control("POST", "/_sim/settings", "{\"crmLatencyMillis\":" + crmLatencyMillis + "}");
            ConnectionStore store = service.getBean(ConnectionStore.class);
            BenchSupport.connect(store, simulator.base, "bench-queue");
            String token = store.find("bench-queue").orElseThrow().accessToken().value();
            CamelContext camel = service.getBean(CamelContext.class);

            String bareQueue = prefix + "bare";
            channel.queueDeclare(bareQueue, true, false, false, null);
            // exclusive but not auto-delete: the reader is cancelled between rounds and the queue must stay
            String results = channel.queueDeclare(prefix + "results-reader", false, true, false, null).getQueue();
            channel.queueBind(results, prefix + "results", "#");
            BareRoute bare = new BareRoute(bareQueue, simulator.base, token);
            camel.addRoutes(bare);

            // warm both paths, so neither pays the JIT alone
            runQueued(camel, channel, results, "warm", messages / 5);
            runBare(camel, channel, bare, "warm", messages / 5);

            List<Double> queued = new ArrayList<>();
            List<Double> bareRates = new ArrayList<>();
            List<String> orders = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                List<String> order = Rounds.order(List.of("bare", "queue"), round);
                orders.add(String.join(" → ", order));
                for (String side : order) {
                    if (side.equals("bare")) {
                        bareRates.add(runBare(camel, channel, bare, "r" + round, messages));
                    } else {
                        queued.add(runQueued(camel, channel, results, "r" + round, messages));
                    }
                }
            }
            List<Double> ratios = Rounds.ratios(queued, bareRates);
            BenchReport.Table perRound = new BenchReport.Table("round", "order", "bare route (msg/s)",
                    "queue route (msg/s)", "queue / bare");
            for (int round = 0; round < rounds; round++) {
                perRound.row(round + 1, orders.get(round), String.format("%,.1f", bareRates.get(round)),
                        String.format("%,.1f", queued.get(round)), String.format("%.2f×", ratios.get(round)));
            }
            new BenchReport("P8", "queue → Zoho writes at the org's concurrency limit")
                    .condition(String.format("%d rounds, sides in ABBA order; each side drains a queue pre-loaded with %,d"
                            + " messages × %d leads (upsert by Email); %d consumers, prefetch 1; simulator in its own JVM,"
                            + " %d ms per CRM call", rounds, messages, recordsPerMessage, CONCURRENCY, crmLatencyMillis))
                    .condition("bare route: spring-rabbitmq → http POST with the headers set by hand, auto ack;"
                            + " queue route: the service's zoho.crm.writes consumer (manual ack, stored batches, results"
                            + " published with confirms)")
                    .figure("queue route / bare route", Rounds.Spread.of(ratios), "%.2f×", "≥ 0.9×")
                    .figure("bare route", Rounds.Spread.of(bareRates), "%,.1f msg/s", null)
                    .figure("queue route", Rounds.Spread.of(queued), "%,.1f msg/s", null)
                    .table(perRound)
                    .write("queue-writes.md");

            channel.queueDelete(bareQueue);
            for (String queue : List.of("writes", "dead", "hold")) {
                channel.queueDelete(prefix + queue);
            }
            channel.exchangeDelete(prefix + "results");
            channel.exchangeDelete(prefix + "events");
        }
    }

    /** The service's consumer drains a pre-loaded writes queue; done when every result is published. */
    private double runQueued(CamelContext camel, Channel channel, String results, String round, int count) throws Exception {
        camel.getRouteController().stopRoute("zoho-amqp-writes");
        publish(channel, prefix + "writes", round, count, true);
        CountDownLatch done = new CountDownLatch(count);
        String tag = channel.basicConsume(results, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                done.countDown();
            }
        });
        long start = System.nanoTime();
        camel.getRouteController().startRoute("zoho-amqp-writes");
        assertThat(done.await(10, TimeUnit.MINUTES)).as("every result published").isTrue();
        double rate = count / ((System.nanoTime() - start) / 1e9);
        channel.basicCancel(tag);
        assertThat(channel.queueDeclarePassive(prefix + "dead").getMessageCount()).isZero();
        return rate;
    }

    private double runBare(CamelContext camel, Channel channel, BareRoute bare, String round, int count) throws Exception {
        camel.getRouteController().stopRoute("bench-bare-queue-writes");
        publish(channel, bare.queue, round, count, false);
        bare.expect(count);
        long start = System.nanoTime();
        camel.getRouteController().startRoute("bench-bare-queue-writes");
        assertThat(bare.done.await(10, TimeUnit.MINUTES)).as("every message posted").isTrue();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** The same messages on both sides: {@code recordsPerMessage} leads, upserted by Email. */
    private void publish(Channel channel, String queue, String round, int count, boolean withHeaders) throws Exception {
        channel.confirmSelect();
        for (int m = 0; m < count; m++) {
            StringBuilder body = new StringBuilder("[");
            for (int r = 0; r < recordsPerMessage; r++) {
                body.append(r == 0 ? "" : ",").append("{\"Last_Name\":\"Bench ").append(m).append('-').append(r)
                        .append("\",\"Company\":\"Acme\",\"Email\":\"b").append(m).append('-').append(r).append("@example.com\"}");
            }
            body.append(']');
            Map<String, Object> headers = new HashMap<>();
            headers.put("ZohoConnectionId", "bench-queue");
            headers.put("ZohoModule", "Leads");
            headers.put("ZohoWriteOperation", "upsert");
            headers.put("ZohoDuplicateCheckFields", "Email");
            channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().messageId(prefix + round + "-" + m)
                    .contentType("application/json").deliveryMode(2).headers(withHeaders ? headers : null).build(),
                    body.toString().getBytes(StandardCharsets.UTF_8));
        }
        channel.waitForConfirmsOrDie(60_000);
    }

    /** The baseline: consume, wrap the array as Zoho wants it, post it with a token set by hand, count. */
    static final class BareRoute extends RouteBuilder {
        final String queue;
        final String base;
        final String token;
        volatile CountDownLatch done = new CountDownLatch(0);

        BareRoute(String queue, String base, String token) {
            this.queue = queue;
            this.base = base;
            this.token = token;
        }

        void expect(int count) {
            done = new CountDownLatch(count);
        }

        @Override
        public void configure() {
            fromF("spring-rabbitmq:default?queues=%s&autoDeclare=false&concurrentConsumers=%d&prefetchCount=1", queue, CONCURRENCY)
                    .routeId("bench-bare-queue-writes")
                    .convertBodyTo(String.class)
                    .removeHeaders("*")
                    .setBody(simple("{\"data\":${body},\"duplicate_check_fields\":[\"Email\"]}"))
                    .setHeader("Authorization", constant("Zoho-oauthtoken " + token))
                    .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                    .to(base + "/eu/api/crm/v8/Leads/upsert?throwExceptionOnFailure=true")
                    .process(exchange -> done.countDown());
        }
    }
}
