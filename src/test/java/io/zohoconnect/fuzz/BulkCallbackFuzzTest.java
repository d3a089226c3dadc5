package io.zohoconnect.fuzz;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.support.ChangesConsumerIntegrationTest;
import io.zohoconnect.sync.SyncReport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /zoho/bulk-callbacks/{token}} attacked as anyone on the internet could: the per-job token
 * in the path is its only credential. With a real export waiting on a real token, every near miss — the
 * token empty, bare, blank, encoded, repeated, with a suffix, in another case, in the query instead of
 * the path, in a path-parameter or traversal, by another method, with bodies that are not a callback —
 * is refused with a JSON error, and the job is not called back (its stored callback state stays empty and
 * the export keeps waiting). Then the genuine callback wakes it.
 */
class BulkCallbackFuzzTest extends ChangesConsumerIntegrationTest {

    static final String PATH = "/zoho/bulk-callbacks/";

    @Autowired
    JdbcClient jdbc;

    final ExecutorService runs = Executors.newSingleThreadExecutor();

    BulkCallbackFuzzTest() {
        super("bf-");
    }

    @AfterEach
    void stopRuns() {
        runs.shutdownNow();
    }

    @Test
    void nearMissesOfTheJobTokenAreRefusedAndWakeNothingThenTheGenuineCallbackDoes() throws Exception {
        simulator.seedModule("eu", "production", "Bulk_Fuzz", 20, 0, 75);
        simulator.bulkSettings(Map.of("addedSeconds", 3600, "runSeconds", 3600)); // only the test completes the job
        simulator.callbackSwitch("bulk_read", true, 0, 0); // Zoho's own callback is lost: only ours arrive
        consume("Bulk_Fuzz", "mode=bulk&fields=Name&deletions=false&schedule=" + NEVER);
        String syncId = connectionId + "-Bulk_Fuzz";
        CompletableFuture<SyncReport> run = CompletableFuture.supplyAsync(() -> runNow(syncId), runs);
        await().atMost(Duration.ofSeconds(20)).until(() -> simulator.bulkJobs().size() == 1);
        JsonNode job = simulator.bulkJobs().get(0);
        String token = URI.create(job.path("callback_url").asText()).getPath().substring(PATH.length());
        String jobId = job.path("id").asText();
        String genuine = "{\"job_id\":\"" + jobId + "\",\"operation\":\"read\",\"state\":\"COMPLETED\"}";
        try {
            List<String> targets = new ArrayList<>(List.of(
                    PATH, PATH.substring(0, PATH.length() - 1), PATH + " ", PATH + "%20", PATH + "%20" + token,
                    PATH + token + "%20", PATH + token + "/", PATH + token + "/" + token, PATH + token + token,
                    PATH + token.substring(1), PATH + token.substring(0, token.length() - 1), PATH + token + "x",
                    PATH + token.toUpperCase(Locale.ROOT), PATH + token.toLowerCase(Locale.ROOT),
                    PATH + encodeEach(token), PATH + URLEncoder.encode(token + "/", StandardCharsets.UTF_8),
                    PATH + token + ";jsessionid=1", PATH + ";" + token, PATH + "..;/" + token, PATH + "x/../" + token,
                    PATH + "?token=" + token, PATH + "?" + token, PATH + "x?token=" + token + "&token=" + token,
                    "/zoho/bulk-callbacks//" + token, "/zoho//bulk-callbacks/" + token, PATH + "%" + token,
                    PATH + "A".repeat(43), PATH + "A".repeat(5000)));
            for (String target : targets) {
                // no body: with the right token even an empty callback would be taken, so this is the harder probe
                Reply reply = Reply.raw(port(), "POST", target, "Content-Type: application/json", "Content-Length: 0");
                ReplyChecks.safe(reply, target);
                assertThat(reply.status()).as("status of %s", target).isBetween(400, 499);
                assertThat(calledBack(syncId)).as("called back by %s", target).isNull();
            }
            // the genuine token with other methods, or with bodies that are not Zoho's callback for this job
            for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
                Reply reply = Reply.raw(port(), method, PATH + token, "Content-Length: 0");
                ReplyChecks.safe(reply, method);
                assertThat(reply.status()).as("status of %s", method).isBetween(400, 499);
            }
            List<String[]> bodies = List.of(
                    new String[] {"application/json", "{\"job_id\":\"1" + jobId + "\",\"state\":\"COMPLETED\"}"},
                    new String[] {"application/json", "{\"job_id\":\"" + jobId + "\",\"job_id\":\"42\"}"},
                    new String[] {"application/json", "["}, new String[] {"application/json", "[]"},
                    new String[] {"application/json", "\"" + token + "\""},
                    new String[] {"application/x-www-form-urlencoded", "job_id=" + jobId + "&state=COMPLETED"},
                    new String[] {"multipart/form-data; boundary=x", "--x\r\n\r\n" + genuine + "\r\n--x--"},
                    new String[] {"application/xml", "<job/>"},
                    new String[] {"application/json", "{\"job_id\":\"" + jobId + "\",\"x\":\"" + "y".repeat(600_000) + "\"}"});
            for (String[] body : bodies) {
                Reply reply = Reply.of("POST " + PATH + "… " + body[0], service.send(HttpRequest.newBuilder(
                        URI.create(service.baseUrl() + PATH + token)).header("Content-Type", body[0])
                        .POST(HttpRequest.BodyPublishers.ofString(body[1]))));
                String input = body[0] + " " + body[1].substring(0, Math.min(80, body[1].length()));
                ReplyChecks.safe(reply, input);
                ReplyChecks.jsonError(reply, input);
                assertThat(reply.status()).as("status of %s", input).isIn(400, 403, 413, 415);
                assertThat(calledBack(syncId)).as("called back by %s", input).isNull();
            }
            assertThat(run).as("the export still waits").isNotDone();

            // Zoho finishes the job; its callback, with the genuine token, wakes the export at once
            simulator.advanceBulkJob(jobId, "COMPLETED");
            Reply genuineReply = Reply.of("POST genuine", service.send(HttpRequest.newBuilder(URI.create(service.baseUrl()
                    + PATH + token)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(genuine))));
            assertThat(genuineReply.status()).isEqualTo(200);
            assertThat(run.get(30, java.util.concurrent.TimeUnit.SECONDS).records()).isEqualTo(20);
        } finally {
            simulator.callbackSwitch("bulk_read", false, 0, 0);
        }
    }

    /** The callback state stored for the sync's waiting job, or null while nobody called back. */
    private String calledBack(String syncId) {
        return jdbc.sql("SELECT callback_state FROM zoho_bulk_jobs WHERE sync_id = :id").param("id", syncId)
                .query(String.class).optional().orElse(null);
    }

    private int port() {
        return URI.create(service.baseUrl()).getPort();
    }

    private static String encodeEach(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format("%%%02X", b));
        }
        return out.toString();
    }
}
