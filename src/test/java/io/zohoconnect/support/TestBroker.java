package io.zohoconnect.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import org.junit.jupiter.api.Assumptions;

import static org.awaitility.Awaitility.await;

/**
 * A plain AMQP client (RabbitMQ's Java client, no Spring, no Camel) on the local RabbitMQ, the way an
 * integration team's code talks to the service: publish write messages, read results, dead letters
 * and events. Where no broker is reachable at 127.0.0.1:5672 the RabbitMQ tests are skipped with a
 * message — unless {@value #REQUIRE_RABBITMQ} is true (CI), where they fail.
 */
public final class TestBroker implements AutoCloseable {

    public static final String REQUIRE_RABBITMQ = "ZOHO_CONNECT_REQUIRE_RABBITMQ";
    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5672;

    private final Connection connection;
    private final Channel channel;

    public TestBroker() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(HOST);
        factory.setPort(PORT);
        factory.setUsername("guest");
        factory.setPassword("guest");
        try {
            connection = factory.newConnection("zoho-connect-tests");
            channel = connection.createChannel();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot open an AMQP connection to " + HOST + ":" + PORT, e);
        }
    }

    /** Skips (locally) or fails (CI) when RabbitMQ cannot be reached. */
    public static void requireRabbitMq() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 2000);
        } catch (IOException e) {
            String message = "RabbitMQ is not reachable at " + HOST + ":" + PORT + " (" + e.getMessage() + ")";
            if (Boolean.parseBoolean(System.getenv(REQUIRE_RABBITMQ))) {
                throw new AssertionError(message + " and " + REQUIRE_RABBITMQ + "=true makes RabbitMQ tests mandatory");
            }
            Assumptions.abort(message + ": skipping the RabbitMQ test (start it with 'rabbitmq-server -detached',"
                    + " or set " + REQUIRE_RABBITMQ + "=true to require it)");
        }
    }

    /** A write message as a publisher would send it to the writes queue (default exchange). */
    public void publish(String queue, Map<String, Object> headers, String messageId, String correlationId, String body) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().headers(new HashMap<>(headers))
                .messageId(messageId).correlationId(correlationId).contentType("application/json").deliveryMode(2).build();
        try {
            channel.basicPublish("", queue, properties, body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh, exclusive queue bound to {@code exchange} with {@code bindingKey}: what a subscriber would read. */
    public String subscribe(String exchange, String bindingKey) {
        try {
            String queue = channel.queueDeclare("zc-test-" + UUID.randomUUID(), false, true, true, null).getQueue();
            channel.queueBind(queue, exchange, bindingKey);
            return queue;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the next message on {@code queue} and acknowledges it. */
    public Received next(String queue, Duration within) {
        List<Received> got = new ArrayList<>(1);
        await().atMost(within).pollInterval(Duration.ofMillis(50)).until(() -> {
            GetResponse response = channel.basicGet(queue, true);
            if (response != null) {
                got.add(new Received(response.getEnvelope().getRoutingKey(), response.getProps(),
                        new String(response.getBody(), StandardCharsets.UTF_8)));
            }
            return !got.isEmpty();
        });
        return got.get(0);
    }

    /** Every message on {@code queue} now (acknowledged); none while the queue does not exist yet. */
    public List<Received> drain(String queue) {
        List<Received> all = new ArrayList<>();
        if (!exists(queue)) {
            return all;
        }
        try {
            for (GetResponse r = channel.basicGet(queue, true); r != null; r = channel.basicGet(queue, true)) {
                all.add(new Received(r.getEnvelope().getRoutingKey(), r.getProps(), new String(r.getBody(), StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    /** Messages ready on {@code queue} (not counting those delivered and not yet acknowledged). */
    public long readyCount(String queue) {
        try {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the broker has {@code queue} (asked on a throwaway channel: the broker closes it when not). */
    public boolean exists(String queue) {
        try (Channel probe = connection.createChannel()) {
            probe.queueDeclarePassive(queue);
            return true;
        } catch (IOException e) {
            return false;
        } catch (TimeoutException | com.rabbitmq.client.AlreadyClosedException e) {
            return false;
        }
    }

    public void purge(String... queues) {
        for (String queue : queues) {
            try {
                channel.queuePurge(queue);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public void delete(List<String> queues, List<String> exchanges) {
        try {
            for (String queue : queues) {
                channel.queueDelete(queue);
            }
            for (String exchange : exchanges) {
                channel.exchangeDelete(exchange);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new channel of this client, for calls that may close it (declarations the broker refuses). */
    public Channel newChannel() {
        try {
            return connection.createChannel();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            // already gone
        }
    }

    /** A message read from a queue. */
    public record Received(String routingKey, AMQP.BasicProperties properties, String body) {
        public String header(String name) {
            Object value = properties.getHeaders() == null ? null : properties.getHeaders().get(name);
            return value == null ? null : value.toString();
        }
    }
}
