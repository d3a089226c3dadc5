package io.zohoconnect.amqp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.support.OutageIntegrationTest;
import io.zohoconnect.support.TestBroker;
import io.zohoconnect.support.TestBroker.Received;
import io.zohoconnect.support.TestDatabases;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away while write messages are consumed (every connection of the service to RabbitMQ
 * cut; issue 19, item 9): the messages in flight got Zoho's answer but can neither publish their result
 * nor be acknowledged. The broker delivers them again once it is back, and each is answered from its
 * stored outcome: a result for every message, every record written once, nothing dead-lettered, and a
 * delivery count that counts the broker's deliveries only (no in-process retries).
 */
class BrokerOutageTest extends OutageIntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int MESSAGES = 40;
    static final int RECORDS_PER_MESSAGE = 3;
    /** Longer than the in-process retries the consumer used to make (5 attempts, 1 s apart) before giving up. */
    static final Duration OUTAGE = Duration.ofSeconds(8);

    @Autowired
    WriteProgressStore progress;

    TestBroker broker;
    String connectionId;
    String results;

    @BeforeEach
    void connect() {
        broker = new TestBroker(); // the test's own way to RabbitMQ: not cut
        broker.purge(DEAD, HOLD);
        connectionId = "mq-outage-" + UUID.randomUUID().toString().substring(0, 6);
        service.connect(connectionId, "eu", "production");
        results = broker.subscribe(RESULTS, "#");
    }

    @AfterEach
    void closeBroker() {
        simulator.settings(Map.of("crmLatencyMillis", 0));
        broker.close();
    }

    @Test
    void aBrokerOutageMidConsumptionLeavesAResultForEveryMessageEveryRecordWrittenOnceAndNothingDeadLettered()
            throws Exception {
        int leadsBefore = leads();
        simulator.settings(Map.of("crmLatencyMillis", 250)); // each message takes a while at Zoho: some are in flight
        Set<String> sent = new HashSet<>();
        for (int m = 0; m < MESSAGES; m++) {
            String messageId = connectionId + "-" + m;
            List<Map<String, Object>> leads = new ArrayList<>();
            for (int r = 0; r < RECORDS_PER_MESSAGE; r++) {
                leads.add(Map.of("Last_Name", "Outage " + m + "/" + r, "Company", "Acme"));
            }
            broker.publish(WRITES, Map.of("ZohoConnectionId", connectionId, "ZohoModule", "Leads", "ZohoWriteOperation",
                    "insert"), messageId, null, JSON.writeValueAsString(leads));
            sent.add(messageId);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.readyCount(results) >= 8);

        BROKER.cut();
        long published = broker.readyCount(results);
        // the outage lasts a while; meanwhile nothing the service does can reach the broker
        await().during(OUTAGE).atMost(OUTAGE.plusSeconds(10)).until(() -> broker.readyCount(results) == published);
        BROKER.restore();

        Set<String> answered = new HashSet<>();
        List<Received> deadLetters = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            broker.drain(results).forEach(r -> answered.add(r.properties().getCorrelationId()));
            deadLetters.addAll(broker.drain(DEAD));
            return answered.size() + deadLetters.size() >= MESSAGES;
        });
        assertThat(deadLetters).extracting(d -> d.header("ZohoErrorReason")).as("dead letters").isEmpty();
        assertThat(answered).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(leads()).as("every record written once").isEqualTo(leadsBefore + MESSAGES * RECORDS_PER_MESSAGE);
        JdbcClient database = JdbcClient.create(new DriverManagerDataSource(directDatabaseUrl(), TestDatabases.POSTGRES_USER, ""));
        List<Map<String, Object>> progress = database.sql("SELECT message_key, deliveries, done_at FROM zoho_amqp_write"
                + " WHERE message_key LIKE :prefix").param("prefix", "id:" + connectionId + "-%").query().listOfRows();
        assertThat(progress).hasSize(MESSAGES).allSatisfy(row -> {
            assertThat(row.get("done_at")).as("%s done", row.get("message_key")).isNotNull();
            assertThat(((Number) row.get("deliveries")).intValue()).as("%s: deliveries by the broker", row.get("message_key"))
                    .isBetween(1, 2);
        });
    }

    @Test
    void aMessageDeliveredManyTimesAfterZohoAnsweredAllItsBatchesIsAnsweredFromItsStoredOutcome() throws Exception {
        // what outages left behind: Zoho answered the message's only batch, the result never reached the broker, and
        // the broker delivered it again and again (more than zoho.amqp.max-redeliveries)
        String messageId = connectionId + "-answered";
        for (int delivery = 0; delivery < 7; delivery++) {
            progress.deliver("id:" + messageId);
        }
        progress.saveBatch("id:" + messageId, 0, "[{\"index\":0,\"status\":\"success\",\"code\":\"SUCCESS\","
                + "\"id\":\"4876876000000777001\"}]");
        int leadsBefore = leads();

        broker.publish(WRITES, Map.of("ZohoConnectionId", connectionId, "ZohoModule", "Leads", "ZohoWriteOperation", "insert"),
                messageId, null, "[{\"Last_Name\":\"Answered\",\"Company\":\"Acme\"}]");

        Received result = broker.next(results, Duration.ofSeconds(30));
        assertThat(result.properties().getCorrelationId()).isEqualTo(messageId);
        assertThat(JSON.readTree(result.body()).path("results").get(0).path("id").asText()).isEqualTo("4876876000000777001");
        assertThat(leads()).as("not written again").isEqualTo(leadsBefore);
        assertThat(broker.drain(DEAD)).as("not dead-lettered").isEmpty();
    }

    private int leads() {
        return simulator.module("eu", "production", "Leads").path("count").asInt();
    }
}
