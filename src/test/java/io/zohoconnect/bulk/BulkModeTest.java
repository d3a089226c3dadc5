package io.zohoconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.support.ChangesConsumerIntegrationTest;
import io.zohoconnect.sync.SyncReport;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code from("zoho-crm:changes/{module}?mode=bulk")} end to end against the simulator's Bulk Read. */
class BulkModeTest extends ChangesConsumerIntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEAL_FIELDS = "Deal_Name,Stage,Amount,Closing_Date,Owner";

    @Autowired
    ProducerTemplate producer;
    @Autowired
    BulkJobStore bulkJobs;

    final ExecutorService runs = Executors.newCachedThreadPool();

    BulkModeTest() {
        super("b-");
    }

    @AfterEach
    void stopRuns() {
        runs.shutdownNow();
        simulator.callbackSwitch("bulk_read", false, 0, 0);
    }

    @Test
    void aModuleExportedByBulkReadReachesTheRouteWithValuesTypedAsTheApiGivesThem() throws Exception {
        simulator.seedModule("eu", "production", "Deals", 150, 0, 71);
        simulator.bulkSettings(Map.of("addedSeconds", 0, "runSeconds", 0)); // done at the first look
        MockEndpoint sink = consume("Deals", "mode=bulk&fields=" + DEAL_FIELDS + "&deletions=false&schedule=" + NEVER);
        String syncId = connectionId + "-Deals";

        SyncReport report = runNow(syncId);

        assertThat(report.outcome()).as(report.message()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(report.records()).isEqualTo(150);
        assertThat(ids(sink)).hasSize(150).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(simulator.liveIds("eu", "production", "Deals"));
        assertThat(simulator.bulkJobs()).hasSize(1);
        Exchange first = sink.getReceivedExchanges().get(0);
        String id = first.getMessage().getHeader(ZohoHeaders.RECORD_ID, String.class);
        assertThat(first.getMessage().getHeaders()).containsEntry(ZohoHeaders.CONNECTION_ID, connectionId)
                .containsEntry(ZohoHeaders.MODULE, "Deals").containsEntry(ZohoHeaders.SYNC_ID, syncId)
                .containsEntry(ZohoHeaders.DELETED, false);
        @SuppressWarnings("unchecked") Map<String, Object> record = first.getMessage().getBody(Map.class);
        Map<String, Object> api = apiRecord("Deals", id);
        assertThat(record.get("id")).isEqualTo(id);
        assertThat(record.get("Amount")).as("currency: a JSON number").isInstanceOf(Double.class).isEqualTo(api.get("Amount"));
        assertThat(record.get("Closing_Date")).isEqualTo(api.get("Closing_Date"));
        assertThat(record.get("Deal_Name")).isEqualTo(api.get("Deal_Name"));
        assertThat(record.get("Stage")).isEqualTo(api.get("Stage"));
        assertThat(record.get("Modified_Time")).isEqualTo(api.get("Modified_Time"));
        assertThat(first.getMessage().getHeader(ZohoHeaders.MODIFIED_TIME)).isEqualTo(api.get("Modified_Time"));
        assertThat(((Map<?, ?>) record.get("Owner")).get("id")).as("a lookup: an object with its id")
                .isEqualTo(((Map<?, ?>) api.get("Owner")).get("id"));
        assertThat(JSON.readTree(first.getMessage().getBody(String.class)).path("Amount").isNumber()).isTrue();
        assertThat(bulkJobs.find(syncId)).as("a finished export leaves no job to resume").isEmpty();
    }

    @Test
    void bulkCriteriaExportOnlyTheMatchingRecords() throws Exception {
        simulator.seedModule("eu", "production", "Deals", 120, 0, 74);
        simulator.bulkSettings(Map.of("addedSeconds", 0, "runSeconds", 0));
        String criteria = "{\"field\":{\"api_name\":\"Amount\"},\"comparator\":\"greater_than\",\"value\":50000}";
        MockEndpoint sink = consume("Deals", "mode=bulk&fields=" + DEAL_FIELDS + "&deletions=false&schedule=" + NEVER
                + "&bulkCriteria=" + java.net.URLEncoder.encode(criteria, java.nio.charset.StandardCharsets.UTF_8));
        List<String> expected = new ArrayList<>();
        for (String id : simulator.liveIds("eu", "production", "Deals")) {
            if (((Number) apiRecord("Deals", id).get("Amount")).doubleValue() > 50000) {
                expected.add(id);
            }
        }
        assertThat(expected).as("the seed has deals on both sides of 50,000").isNotEmpty().hasSizeLessThan(120);

        SyncReport report = runNow(connectionId + "-Deals");

        assertThat(report.outcome()).as(report.message()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(ids(sink)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void bulkCriteriaThatAreNotCriteriaFailTheRouteAtStart() {
        for (String bad : List.of("Amount>5", "[]", "{\"field\":\"Amount\",\"value\":1}", "{\"group_operator\":\"and\",\"group\":[]}")) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> camel.getEndpoint(
                    "zoho-crm:changes/Deals?connectionId=x&mode=bulk&bulkCriteria="
                            + java.net.URLEncoder.encode(bad, java.nio.charset.StandardCharsets.UTF_8)).createConsumer(e -> { })))
                    .as(bad).hasMessageContaining("bulkCriteria");
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> camel.getEndpoint(
                "zoho-crm:changes/Deals?connectionId=x&mode=full&bulkCriteria=" + java.net.URLEncoder.encode(
                        "{\"field\":{\"api_name\":\"Stage\"},\"comparator\":\"equal\",\"value\":\"Won\"}",
                        java.nio.charset.StandardCharsets.UTF_8)).createConsumer(e -> { })))
                .hasMessageContaining("mode=bulk only");
    }

    @Test
    void withBatchPageTheRouteGetsListsOfRecords() throws Exception {
        simulator.seedModule("eu", "production", "Bulk_Pages", 450, 0, 72);
        simulator.bulkSettings(Map.of("addedSeconds", 0, "runSeconds", 0));
        MockEndpoint sink = consume("Bulk_Pages", "mode=bulk&fields=Name&batch=page&deletions=false&schedule=" + NEVER);

        assertThat(runNow(connectionId + "-Bulk_Pages").outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);

        assertThat(sink.getReceivedExchanges()).extracting(e -> e.getMessage().getBody(List.class).size())
                .containsExactly(200, 200, 50);
        assertThat(sink.getReceivedExchanges().get(2).getMessage().getHeader(ZohoHeaders.RECORD_COUNT)).isEqualTo(50);
    }

    @Test
    void zohosCallbackEndsTheWaitAndForgedCallbacksAreRefused() throws Exception {
        simulator.seedModule("eu", "production", "Bulk_Called", 80, 0, 73);
        simulator.bulkSettings(Map.of("addedSeconds", 3600, "runSeconds", 3600)); // only the test completes it
        MockEndpoint sink = consume("Bulk_Called", "mode=bulk&fields=Name&deletions=false&schedule=" + NEVER);
        CompletableFuture<SyncReport> run = runInBackground(connectionId + "-Bulk_Called");
        JsonNode job = awaitOneJob();
        URI callbackUrl = URI.create(job.path("callback_url").asText());
        assertThat(callbackUrl.getPath()).as("{zoho.public-url}/zoho/bulk-callbacks/{token}")
                .matches("/zoho/bulk-callbacks/[A-Za-z0-9_-]{43}");
        String jobId = job.path("id").asText();

        assertThat(post("/zoho/bulk-callbacks/" + "A".repeat(43), jobId).statusCode()).as("unknown token").isEqualTo(404);
        assertThat(post(callbackUrl.getPath() + "x", jobId).statusCode()).isEqualTo(404);
        assertThat(post(callbackUrl.getPath(), "1234567890123456789").statusCode())
                .as("our token, another job").isEqualTo(403);
        assertThat(run).isNotDone();
        assertThat(sink.getReceivedCounter()).isZero();

        simulator.advanceBulkJob(jobId, "COMPLETED"); // Zoho finishes the job and calls back

        SyncReport report = run.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(sink.getReceivedCounter()).isEqualTo(80);
        await().atMost(Duration.ofSeconds(10)).until(() -> !simulator.callbacks("bulk_read").isEmpty());
        JsonNode callback = simulator.callbacks("bulk_read").get(0);
        assertThat(callback.path("outcome").asText()).isEqualTo("sent");
        assertThat(callback.path("status").asInt()).isEqualTo(200);
    }

    @Test
    void whenZohosCallbackIsLostPollingFindsTheCompletedJob() throws Exception {
        simulator.seedModule("eu", "production", "Bulk_Polled", 60, 0, 74);
        simulator.bulkSettings(Map.of("addedSeconds", 3600, "runSeconds", 3600));
        simulator.callbackSwitch("bulk_read", true, 0, 0);
        MockEndpoint sink = consume("Bulk_Polled", "mode=bulk&fields=Name&deletions=false&schedule=" + NEVER);
        CompletableFuture<SyncReport> run = runInBackground(connectionId + "-Bulk_Polled");
        String jobId = awaitOneJob().path("id").asText();

        simulator.advanceBulkJob(jobId, "COMPLETED");

        SyncReport report = run.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(sink.getReceivedCounter()).isEqualTo(60);
        assertThat(simulator.callbacks("bulk_read")).extracting(c -> c.path("outcome").asText()).containsOnly("dropped");
    }

    @Test
    void aFailedJobFailsTheRunAndTheNextRunStartsANewJob() throws Exception {
        simulator.seedModule("eu", "production", "Bulk_Failed", 30, 0, 75);
        simulator.bulkSettings(Map.of("addedSeconds", 3600, "runSeconds", 3600));
        consume("Bulk_Failed", "mode=bulk&fields=Name&deletions=false&schedule=" + NEVER);
        String syncId = connectionId + "-Bulk_Failed";
        CompletableFuture<SyncReport> run = runInBackground(syncId);
        simulator.advanceBulkJob(awaitOneJob().path("id").asText(), "FAILURE");

        SyncReport failed = run.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(failed.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
        assertThat(failed.message()).contains("failed");
        simulator.bulkSettings(Map.of("addedSeconds", 0, "runSeconds", 0));
        assertThat(runNow(syncId).records()).isEqualTo(30);
        assertThat(simulator.bulkJobs()).hasSize(2);
    }

    @Test
    void aRunStoppedByTheRouteResumesTheSameJobAfterTheRowsDelivered() throws Exception {
        simulator.seedModule("eu", "production", "Bulk_Resumed", 450, 0, 76);
        simulator.bulkSettings(Map.of("addedSeconds", 0, "runSeconds", 0));
        String syncId = failingOnce("Bulk_Resumed", 250);

        SyncReport failed = runNow(syncId);
        assertThat(failed.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
        assertThat(bulkJobs.find(syncId).orElseThrow().rowsDelivered()).isEqualTo(200);

        SyncReport resumed = runNow(syncId);

        assertThat(resumed.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(resumed.records()).as("after the 200 rows delivered").isEqualTo(250);
        assertThat(simulator.bulkJobs()).as("no new job").hasSize(1);
        assertThat(java.util.Set.copyOf(delivered)).isEqualTo(java.util.Set.copyOf(
                simulator.liveIds("eu", "production", "Bulk_Resumed")));
        assertThat(delivered).as("only the 49 records of the batch that failed are sent twice").hasSize(450 + 49);
    }

    @Test
    void aStoppedRunWhoseResultZohoNoLongerKeepsExportsThatPageAnew() throws Exception {
        simulator.seedModule("eu", "production", "Bulk_Expired", 450, 0, 77);
        simulator.bulkSettings(Map.of("addedSeconds", 0, "runSeconds", 0));
        String syncId = failingOnce("Bulk_Expired", 250);
        assertThat(runNow(syncId).outcome()).isEqualTo(SyncReport.Outcome.FAILED);

        clock.advance(Duration.ofHours(25)); // Zoho keeps a job's result one day

        SyncReport next = runNow(syncId);
        assertThat(next.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(next.records()).as("the page again, from its first row").isEqualTo(450);
        assertThat(simulator.bulkJobs()).hasSize(2);
    }

    @Test
    void aConnectionGrantedWithoutTheBulkScopeFailsItsRunsNamingTheScope() throws Exception {
        String narrow = "nb-" + UUID.randomUUID().toString().substring(0, 8);
        service.connect("/connect?" + io.zohoconnect.support.ServiceClient.query(Map.of("connection_id", narrow, "dc", "eu",
                "scopes", "ZohoCRM.modules.ALL,ZohoCRM.settings.ALL")));
        simulator.seedModule("eu", "production", "Bulk_Narrow", 10, 0, 78);
        addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zoho-crm:changes/Bulk_Narrow?connectionId=" + narrow + "&mode=bulk&fields=Name&schedule=" + NEVER)
                        .routeId("bulk-" + narrow).to("mock:bulk-" + narrow);
            }
        });

        SyncReport report = runNow(narrow + "-Bulk_Narrow");

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
        assertThat(report.message()).contains("ZohoCRM.bulk.READ").contains("connect it again");
        assertThat(simulator.bulkJobs()).isEmpty();
    }

    @Test
    void anUnknownModeIsRefusedNamingBulk() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> camel.getEndpoint(
                "zoho-crm:changes/Leads?connectionId=x&mode=export").createConsumer(e -> { })))
                .hasMessageContaining("mode must be incremental, full, notifications or bulk");
    }

    final List<String> delivered = java.util.Collections.synchronizedList(new ArrayList<>());

    /** A bulk consumer whose route fails once, at its {@code failAt}-th message; returns its sync id. */
    private String failingOnce(String module, int failAt) throws Exception {
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        String route = "bulk-" + connectionId + "-" + module;
        addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zoho-crm:changes/" + module + "?connectionId=" + connectionId + "&mode=bulk&fields=Name"
                        + "&deletions=false&schedule=" + NEVER).routeId(route).errorHandler(noErrorHandler())
                        .process(e -> {
                            if (seen.incrementAndGet() == failAt) {
                                throw new IllegalStateException("the warehouse is down");
                            }
                            delivered.add(e.getMessage().getHeader(ZohoHeaders.RECORD_ID, String.class));
                        });
            }
        });
        return connectionId + "-" + module;
    }

    private JsonNode awaitOneJob() {
        await().atMost(Duration.ofSeconds(20)).until(() -> simulator.bulkJobs().size() == 1);
        return simulator.bulkJobs().get(0);
    }

    private HttpResponse<String> post(String path, String jobId) throws Exception {
        String body = JSON.writeValueAsString(Map.of("job_id", jobId, "operation", "read", "state", "COMPLETED"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> apiRecord(String module, String id) throws Exception {
        String body = producer.requestBodyAndHeaders("zoho-crm:raw", null, Map.of(ZohoHeaders.CONNECTION_ID, connectionId,
                ZohoHeaders.CRM_PATH, module + "/" + id, Exchange.HTTP_METHOD, "GET"), String.class);
        @SuppressWarnings("unchecked") Map<String, Object> record = JSON.convertValue(JSON.readTree(body).path("data").get(0),
                Map.class);
        return record;
    }

    private CompletableFuture<SyncReport> runInBackground(String syncId) {
        return CompletableFuture.supplyAsync(() -> runNow(syncId), runs);
    }}
