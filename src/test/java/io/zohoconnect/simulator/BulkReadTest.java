package io.zohoconnect.simulator;

import static io.zohoconnect.simulator.CrmApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bulk Read jobs ({@code /crm/bulk/v8/read}, ZOHO-API.md §14): lifecycle by the clock, results, pages, limits. */
class BulkReadTest extends SimulatorTestBase {

    private static final String READ = "/crm/bulk/v8/read";

    private String token;
    private CallbackReceiver receiver;

    @BeforeEach
    void prepare() {
        sim.control.settings(Map.of("tokenLifetimeSeconds", 30 * 24 * 3600));
        token = sim.connect("eu", "eu", Map.of("scope", "ZohoCRM.modules.ALL,ZohoCRM.bulk.READ"));
        receiver = new CallbackReceiver();
        sim.control.seedModule("eu", "production", "Leads", 300, 0, 3);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aJobIsAddedThenInProgressThenCompletedByTheClock() {
        HttpResponse<String> created = create("{\"query\":{\"module\":{\"api_name\":\"Leads\"},"
                + "\"fields\":[\"Last_Name\",\"Email\",\"Owner\"]}}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode item = SimHarness.json(created.body()).get("data").get(0);
        assertThat(item.get("code").asText()).isEqualTo("ADDED_SUCCESSFULLY");
        assertThat(item.get("status").asText()).isEqualTo("success");
        JsonNode details = item.get("details");
        assertThat(details.get("state").asText()).isEqualTo("ADDED");
        assertThat(details.get("operation").asText()).isEqualTo("read");
        assertThat(details.get("created_by").get("id").asText()).matches("[0-9]{19}");
        String id = details.get("id").asText();

        assertThat(status(id).get("state").asText()).isEqualTo("ADDED");
        assertThat(status(id).has("result")).isFalse();
        sim.clock.advance(Duration.ofSeconds(1));
        assertThat(status(id).get("state").asText()).isEqualTo("IN PROGRESS");
        assertError(download(id), 400, "INVALID_DATA");
        sim.clock.advance(Duration.ofSeconds(2));

        JsonNode done = status(id);
        assertThat(done.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("query").get("module").get("api_name").asText()).isEqualTo("Leads");
        assertThat(done.get("query").get("page").asInt()).isEqualTo(1);
        assertThat(done.get("file_type").asText()).isEqualTo("csv");
        JsonNode result = done.get("result");
        assertThat(result.get("page").asInt()).isEqualTo(1);
        assertThat(result.get("count").asInt()).isEqualTo(300);
        assertThat(result.get("per_page").asInt()).isEqualTo(200_000);
        assertThat(result.get("more_records").asBoolean()).isFalse();
        assertThat(result.get("download_url").asText()).isEqualTo(READ + "/" + id + "/result");
    }

    /** Given an export rate (benchmarks model Zoho's export time), a job runs longer the more records its page holds. */
    @Test
    void anExportTakesTimeInProportionToTheRecordsOfItsPage() {
        sim.control.bulkSettings(Map.of("addedSeconds", 1, "runSeconds", 1, "recordsPerSecond", 100));
        List<String> ids = sim.control.liveIds("eu", "production", "Leads");
        String all = jobId(create("{\"query\":{\"module\":{\"api_name\":\"Leads\"},\"fields\":[\"Last_Name\"]}}"));
        String fifty = jobId(create("{\"query\":{\"module\":{\"api_name\":\"Leads\"},\"fields\":[\"Last_Name\"],"
                + "\"criteria\":{\"api_name\":\"id\",\"comparator\":\"in\",\"value\":[\"" + String.join("\",\"",
                ids.subList(0, 50)) + "\"]}}}"));

        sim.clock.advance(Duration.ofMillis(1000));
        assertThat(status(all).get("state").asText()).isEqualTo("IN PROGRESS");
        sim.clock.advance(Duration.ofMillis(1499)); // 50 records at 100/s: 1 s + 0.5 s once running
        assertThat(status(fifty).get("state").asText()).isEqualTo("IN PROGRESS");
        sim.clock.advance(Duration.ofMillis(1));
        assertThat(status(fifty).get("state").asText()).isEqualTo("COMPLETED");
        assertThat(status(fifty).get("result").get("count").asInt()).isEqualTo(50);
        sim.clock.advance(Duration.ofMillis(2499)); // 300 records: 1 s + 3 s once running
        assertThat(status(all).get("state").asText()).isEqualTo("IN PROGRESS");
        sim.clock.advance(Duration.ofMillis(1));
        assertThat(status(all).get("state").asText()).isEqualTo("COMPLETED");
        assertThat(status(all).get("result").get("count").asInt()).isEqualTo(300);
    }

    @Test
    void theResultIsAZipOfOneCsvWithTheRecordsAsTheApiListsThem() {
        String id = completedJob("{\"query\":{\"module\":{\"api_name\":\"Leads\"},\"fields\":[\"Last_Name\",\"Email\","
                + "\"Owner\",\"Modified_Time\"]}}");

        HttpResponse<InputStream> response = downloadStream(id);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        List<String> entries = new ArrayList<>();
        List<String> lines = unzip(response.body(), entries);
        assertThat(entries).containsExactly(id + ".csv");
        assertThat(lines.get(0)).isEqualTo("Id,Last_Name,Email,Owner,Modified_Time");
        assertThat(lines).hasSize(301);
        JsonNode listed = SimHarness.json(sim.crmGet("eu", "/crm/v8/Leads?fields=Last_Name,Email,Owner,Modified_Time"
                + "&sort_by=id&sort_order=asc&per_page=1", token).body()).get("data").get(0);
        assertThat(lines.get(1)).isEqualTo(String.join(",", listed.get("id").asText(), listed.get("Last_Name").asText(),
                listed.get("Email").asText(), listed.get("Owner").get("id").asText(), listed.get("Modified_Time").asText()));
    }

    @Test
    void criteriaSelectTheRecordsExported() {
        List<String> ids = sim.control.liveIds("eu", "production", "Leads");
        sim.control.modifyRecords("eu", "production", "Leads", Map.of("ids", ids.subList(0, 7),
                "values", Map.of("Lead_Source", "Bulk fair")));

        String id = completedJob("{\"query\":{\"module\":{\"api_name\":\"Leads\"},\"fields\":[\"Lead_Source\"],"
                + "\"criteria\":{\"group_operator\":\"or\",\"group\":["
                + "{\"field\":{\"api_name\":\"Lead_Source\"},\"comparator\":\"equal\",\"value\":\"bulk fair\"},"
                + "{\"api_name\":\"id\",\"comparator\":\"in\",\"value\":[\"" + ids.get(100) + "\"]}]}}}");

        assertThat(status(id).get("result").get("count").asInt()).isEqualTo(8);
        List<String> lines = unzip(downloadStream(id).body(), new ArrayList<>());
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.substring(0, l.indexOf(',')))
                .containsExactlyElementsOf(List.of(ids.get(0), ids.get(1), ids.get(2), ids.get(3), ids.get(4), ids.get(5),
                        ids.get(6), ids.get(100)));
    }

    @Test
    void modifiedTimeCriteriaCompareInstantsWhateverTheOffset() {
        List<String> ids = sim.control.liveIds("eu", "production", "Leads");
        sim.control.modifyRecords("eu", "production", "Leads", Map.of("ids", ids.subList(10, 14)));
        // a minute ago, written in another offset than the org's (+01:00): as text it would sort wrongly
        String since = sim.clock.instant().minusSeconds(60).atOffset(java.time.ZoneOffset.ofHours(-7)).toString();

        String id = completedJob("{\"query\":{\"module\":{\"api_name\":\"Leads\"},\"criteria\":{\"field\":{\"api_name\":"
                + "\"Modified_Time\"},\"comparator\":\"greater_than\",\"value\":\"" + since + "\"}}}");

        assertThat(status(id).get("result").get("count").asInt()).isEqualTo(4);
    }

    @Test
    void aCompletedJobCallsBackItsUrlWithZohosShape() {
        HttpResponse<String> created = create("{\"callback\":{\"url\":\"" + receiver.url("/bulk/cb-1") + "\","
                + "\"method\":\"post\"},\"query\":{\"module\":{\"api_name\":\"Leads\"},\"fields\":[\"Last_Name\"]}}");
        String id = SimHarness.json(created.body()).get("data").get(0).get("details").get("id").asText();

        sim.clock.advance(Duration.ofSeconds(3));

        // no one polls: the simulator's job clock notices the completion
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.calls().size() == 1);
        CallbackReceiver.Call call = receiver.calls().get(0);
        assertThat(call.pathAndQuery()).isEqualTo("/bulk/cb-1");
        assertThat(call.body().get("job_id").asText()).isEqualTo(id);
        assertThat(call.body().get("state").asText()).isEqualTo("COMPLETED");
        assertThat(call.body().get("operation").asText()).isEqualTo("read");
        assertThat(call.body().get("query").get("module").asText()).isEqualTo("Leads");
        assertThat(call.body().get("result").get("download_url").asText()).isEqualTo(READ + "/" + id + "/result");
        assertThat(call.body().get("result").get("count").asInt()).isEqualTo(300);
        status(id);
        assertThat(sim.callbacks("bulk_read")).hasSize(1);
    }

    @Test
    void theControlApiMovesAJobOnAndCanFailIt() {
        String first = jobId(create("{\"callback\":{\"url\":\"" + receiver.url("/cb") + "\"},\"query\":{\"module\":"
                + "{\"api_name\":\"Leads\"}}}"));
        String second = jobId(create("{\"callback\":{\"url\":\"" + receiver.url("/cb") + "\"},\"query\":{\"module\":"
                + "{\"api_name\":\"Leads\"}}}"));

        assertThat(sim.sim("POST", "/bulk/jobs/" + first + "/advance", null).get("state").asText()).isEqualTo("IN PROGRESS");
        assertThat(sim.sim("POST", "/bulk/jobs/" + first + "/advance", null).get("state").asText()).isEqualTo("COMPLETED");
        assertThat(sim.sim("POST", "/bulk/jobs/" + second + "/advance", "{\"to\":\"FAILURE\"}").get("state").asText())
                .isEqualTo("FAILURE");

        assertThat(status(first).get("state").asText()).isEqualTo("COMPLETED");
        assertThat(status(second).get("state").asText()).isEqualTo("FAILURE");
        assertError(download(second), 400, "INVALID_DATA");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.calls().size() == 2);
        assertThat(receiver.calls()).extracting(c -> c.body().get("state").asText())
                .containsExactlyInAnyOrder("COMPLETED", "FAILURE");
    }

    @Test
    void atMostTenJobsRunAtOnceInAnOrg() {
        for (int i = 0; i < 10; i++) {
            assertThat(create("{\"query\":{\"module\":{\"api_name\":\"Leads\"}}}").statusCode()).isEqualTo(201);
        }

        HttpResponse<String> eleventh = create("{\"query\":{\"module\":{\"api_name\":\"Contacts\"}}}");

        assertError(eleventh, 429, "TOO_MANY_REQUESTS");
        String oldest = sim.control.bulkJobs().get(0).get("id").asText();
        assertThat(sim.control.advanceBulkJob(oldest, "COMPLETED").get("state").asText()).isEqualTo("COMPLETED");
        assertThat(create("{\"query\":{\"module\":{\"api_name\":\"Contacts\"}}}").statusCode()).isEqualTo(201);
    }

    @Test
    void badJobsAndUnknownJobsAreRefused() {
        assertError(create("{\"query\":{}}"), 400, "MANDATORY_NOT_FOUND");
        assertError(create("{\"query\":{\"module\":{\"api_name\":\"Nowhere\"}}}"), 400, "INVALID_MODULE");
        assertError(create("{\"query\":{\"module\":{\"api_name\":\"Leads\"},\"fields\":[\"Nope\"]}}"), 400, "INVALID_DATA");
        assertError(create("{\"query\":{\"module\":{\"api_name\":\"Leads\"},\"criteria\":{\"field\":{\"api_name\":"
                + "\"Last_Name\"},\"comparator\":\"resembles\",\"value\":\"x\"}}}"), 400, "INVALID_QUERY");
        assertError(create("{\"callback\":{\"url\":\"" + receiver.url("/x") + "\",\"method\":\"get\"},"
                + "\"query\":{\"module\":{\"api_name\":\"Leads\"}}}"), 400, "INVALID_DATA");
        assertError(sim.crmGet("eu", READ + "/1234567890123456789", token), 400, "INVALID_DATA");
        assertError(sim.crm("DELETE", "eu", READ, token, null), 400, "INVALID_REQUEST_METHOD");
    }

    @Test
    void bulkNeedsTheBulkScopeAndTheModulesReadScope() {
        String noBulk = sim.connect("eu", "eu", Map.of("scope", "ZohoCRM.modules.ALL"));
        String noModule = sim.connect("eu", "eu", Map.of("scope", "ZohoCRM.bulk.READ,ZohoCRM.modules.contacts.READ"));
        String body = "{\"query\":{\"module\":{\"api_name\":\"Leads\"}}}";

        assertError(sim.crm("POST", "eu", READ, noBulk, body), 401, "OAUTH_SCOPE_MISMATCH");
        assertError(sim.crm("POST", "eu", READ, noModule, body), 401, "OAUTH_SCOPE_MISMATCH");
        assertThat(sim.crm("POST", "eu", READ, noModule, "{\"query\":{\"module\":\"Contacts\"}}").statusCode())
                .isEqualTo(201);
    }

    @Test
    void resultsCanBeDownloadedForOneDay() {
        String id = completedJob("{\"query\":{\"module\":{\"api_name\":\"Leads\"},\"fields\":[\"Last_Name\"]}}");
        sim.clock.advance(Duration.ofHours(23));
        assertThat(unzip(downloadStream(id).body(), new ArrayList<>())).hasSize(301);

        sim.clock.advance(Duration.ofHours(1));

        assertError(download(id), 400, "INVALID_DATA");
    }

    /** 250,000 records: two job pages (200,000 + 50,000), each streamed as a zip; together every record once. */
    @Test
    void aLargeModuleIsExportedInTwoPagesStreamed() {
        sim.control.seedModule("eu", "production", "Contacts", 250_000, 0, 5);
        String query = "\"module\":{\"api_name\":\"Contacts\"},\"fields\":[\"Last_Name\",\"Email\"]";
        String first = completedJob("{\"query\":{" + query + "}}");
        JsonNode firstResult = status(first).get("result");
        assertThat(firstResult.get("count").asInt()).isEqualTo(200_000);
        assertThat(firstResult.get("more_records").asBoolean()).isTrue();
        String nextToken = firstResult.get("next_page_token").asText();

        String second = completedJob("{\"query\":{" + query + ",\"page\":2}}");
        String byToken = completedJob("{\"query\":{" + query + ",\"page_token\":\"" + nextToken + "\"}}");

        JsonNode secondResult = status(second).get("result");
        assertThat(secondResult.get("page").asInt()).isEqualTo(2);
        assertThat(secondResult.get("count").asInt()).isEqualTo(50_000);
        assertThat(secondResult.get("more_records").asBoolean()).isFalse();
        assertThat(status(byToken).get("result").get("page").asInt()).isEqualTo(2);
        List<String> ids = sim.control.liveIds("eu", "production", "Contacts");
        RowCount page1 = countRows(first);
        RowCount page2 = countRows(second);
        assertThat(page1.rows()).isEqualTo(200_000);
        assertThat(page2.rows()).isEqualTo(50_000);
        assertThat(page1.firstId()).isEqualTo(ids.get(0));
        assertThat(page1.lastId()).isEqualTo(ids.get(199_999));
        assertThat(page2.firstId()).isEqualTo(ids.get(200_000));
        assertThat(page2.lastId()).isEqualTo(ids.get(249_999));
    }

    // ---- helpers

    private HttpResponse<String> create(String body) {
        return sim.crm("POST", "eu", READ, token, body);
    }

    private static String jobId(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return SimHarness.json(created.body()).get("data").get(0).get("details").get("id").asText();
    }

    private String completedJob(String body) {
        String id = jobId(create(body));
        sim.sim("POST", "/bulk/jobs/" + id + "/advance", "{\"to\":\"COMPLETED\"}");
        return id;
    }

    private JsonNode status(String id) {
        HttpResponse<String> response = sim.crmGet("eu", READ + "/" + id, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SimHarness.json(response.body()).get("data").get(0);
    }

    private HttpResponse<String> download(String id) {
        return sim.crmGet("eu", READ + "/" + id + "/result", token);
    }

    private HttpResponse<InputStream> downloadStream(String id) {
        try {
            return sim.http.send(HttpRequest.newBuilder(URI.create(sim.simulator.apiDomain("eu", "production") + READ + "/"
                    + id + "/result")).header("Authorization", "Zoho-oauthtoken " + token).timeout(Duration.ofSeconds(60))
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> unzip(InputStream body, List<String> entries) {
        List<String> lines = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(body, StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.add(entry.getName());
                BufferedReader reader = new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private record RowCount(int rows, String firstId, String lastId) {
    }

    /** Reads the download as a stream, line by line, keeping only what is counted. */
    private RowCount countRows(String id) {
        HttpResponse<InputStream> response = downloadStream(id);
        assertThat(response.statusCode()).isEqualTo(200);
        int rows = 0;
        String first = null;
        String last = null;
        try (ZipInputStream zip = new ZipInputStream(response.body(), StandardCharsets.UTF_8)) {
            assertThat(zip.getNextEntry().getName()).isEqualTo(id + ".csv");
            BufferedReader reader = new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8));
            assertThat(reader.readLine()).isEqualTo("Id,Last_Name,Email");
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String rowId = line.substring(0, line.indexOf(','));
                first = first == null ? rowId : first;
                last = rowId;
                rows++;
            }
            assertThat(zip.getNextEntry()).isNull();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RowCount(rows, first, last);
    }
}
