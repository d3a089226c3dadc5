package io.zohoconnect.amqp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.ZohoConnectApplication;
import io.zohoconnect.support.IntegrationTestPorts;
import io.zohoconnect.support.RabbitIntegrationTest;
import io.zohoconnect.support.ServiceClient;
import io.zohoconnect.support.TestBroker.Received;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 in the middle of a batch: the service runs as a separate process (profile rabbitmq, its own
 * H2 file database, this test's simulator and broker) and is killed with SIGKILL while it writes a
 * 500-record message. The broker gets the unacknowledged message back; a restarted process on the same
 * database receives it again, resumes after the batches Zoho had already answered, and publishes the
 * result: nothing lost, nothing written twice.
 */
class ConsumerCrashTest extends RabbitIntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String UPSERTS = "POST /eu/api/crm/v8/Leads/upsert";

    final String names = PREFIX + "crash-" + UUID.randomUUID().toString().substring(0, 6) + ".";
    final List<Process> processes = new ArrayList<>();
    Path dataDir;

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
        try (var cleanup = new io.zohoconnect.support.TestBroker()) {
            cleanup.delete(List.of(names + "writes", names + "dead", names + "hold"), List.of(names + "results", names + "events"));
        }
    }

    @Test
    void aConsumerProcessKilledMidBatchLosesNothingAndItsSuccessorResumesWhereItStopped() throws Exception {
        dataDir = Files.createDirectories(Path.of("target", "crash-test", UUID.randomUUID().toString()));
        String results = broker.subscribe(declareResultsExchange(), "Leads");
        int leadsBefore = simulator.module("eu", "production", "Leads").path("count").asInt();

        int firstPort = IntegrationTestPorts.freePort();
        Process first = start(firstPort, "first");
        connect(firstPort, "crash-conn");
        simulator.settings(Map.of("crmLatencyMillis", 400)); // each batch of 100 takes a while at Zoho

        List<Map<String, Object>> leads = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            leads.add(Map.of("Last_Name", "Crash " + i, "Company", "Acme", "Email", "crash-" + i + "@example.com"));
        }
        broker.publish(names + "writes", Map.of("ZohoConnectionId", "crash-conn", "ZohoModule", "Leads",
                "ZohoWriteOperation", "upsert", "ZohoDuplicateCheckFields", "Email"), "crash-1", null, JSON.writeValueAsString(leads));

        await().atMost(Duration.ofSeconds(60)).until(() -> simulator.crmRequestsFor(UPSERTS) >= 2);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no ack, no cleanup
        first.waitFor();
        int sentBeforeTheKill = simulator.crmRequestsFor(UPSERTS);
        assertThat(sentBeforeTheKill).isBetween(2, 4);

        // the broker took the unacknowledged message back; no result was published for it
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.readyCount(names + "writes") == 1);
        assertThat(broker.drain(results)).isEmpty();

        simulator.settings(Map.of("crmLatencyMillis", 0));
        start(IntegrationTestPorts.freePort(), "second");

        Received result = broker.next(results, Duration.ofSeconds(120));
        assertThat(result.properties().getCorrelationId()).isEqualTo("crash-1");
        JsonNode summary = JSON.readTree(result.body());
        assertThat(summary.path("total").asInt()).isEqualTo(500);
        assertThat(summary.path("succeeded").asInt()).isEqualTo(500);
        assertThat(summary.path("results").get(499).path("index").asInt()).isEqualTo(499);
        // every lead is in Zoho once; the batches stored before the kill were not sent again: at most the
        // one in flight, and the one stored last — the embedded H2 may lose the commits of its last
        // half second on kill -9 (its write delay); PostgreSQL does not
        assertThat(simulator.module("eu", "production", "Leads").path("count").asInt()).isEqualTo(leadsBefore + 500);
        assertThat(simulator.crmRequestsFor(UPSERTS)).isLessThanOrEqualTo(5 + 2);
        assertThat(broker.readyCount(names + "writes")).isZero();
        assertThat(broker.drain(names + "dead")).isEmpty();
    }

    /** The exchange as the service declares it, so the test can bind to it before the service exists. */
    private String declareResultsExchange() throws IOException {
        var channel = broker.newChannel();
        channel.exchangeDeclare(names + "results", "topic", true);
        return names + "results";
    }

    private Process start(int port, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ZohoConnectApplication.class.getName(),
                "--spring.profiles.active=rabbitmq",
                "--server.port=" + port,
                "--zoho.client-id=1000.TESTCLIENT",
                "--zoho.client-secret=test-client-secret-7f3a9c",
                // the simulator's registered redirect URI; the test hands the callback to this process itself
                "--zoho.redirect-uri=" + registeredRedirectUri(),
                "--zoho.data-dir=" + dataDir.toAbsolutePath(),
                "--zoho.routes-dir=" + dataDir.resolve("no-routes").toAbsolutePath(),
                "--zoho.crypto.key=b0fN/scDABBX2+s4EBeYfWwgCk+YbUj7IptmiNxYSAU=",
                "--zoho.admin.api-key=" + ADMIN_KEY,
                "--zoho.datacenters.eu.accounts-url=http://127.0.0.1:" + simulatorPort + "/eu/accounts",
                "--zoho.datacenters.eu.api-domain=http://127.0.0.1:" + simulatorPort + "/eu/api",
                "--zoho.amqp.writes-queue=" + names + "writes",
                "--zoho.amqp.dead-letter-queue=" + names + "dead",
                "--zoho.amqp.hold-queue=" + names + "hold",
                "--zoho.amqp.results-exchange=" + names + "results",
                "--zoho.amqp.events-exchange=" + names + "events",
                "--zoho.amqp.consumers=2",
                "--zoho.amqp.hold-delay=1s"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve(name + ".log").toFile()).start();
        processes.add(process);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the " + name + " process exited: see " + dataDir.resolve(name + ".log"));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return process;
    }

    private String registeredRedirectUri() {
        return "http://localhost:" + service.baseUrl().replaceAll(".*:(\\d+).*", "$1") + "/oauth/callback";
    }

    /** The consent round trip for the child: Zoho redirects to the registered URI, the test takes it to the child. */
    private void connect(int port, String connectionId) {
        ServiceClient child = new ServiceClient(port, ADMIN_KEY);
        var start = child.getAsAdmin(ServiceClient.connectPath(connectionId, "eu", "production"));
        assertThat(start.statusCode()).isEqualTo(302);
        var consent = child.get(ServiceClient.location(start));
        assertThat(consent.statusCode()).isEqualTo(302);
        String callback = ServiceClient.location(consent).replaceFirst("^http://localhost:\\d+", "http://localhost:" + port);
        var done = child.get(callback);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    }
}
