package io.zohoconnect.simulator;

import static io.zohoconnect.simulator.CrmApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Benchmark-sized modules: 100,000 records × 120 fields seed and serve pages (functional outcomes only;
 * the data is derived, so neither takes long), and page tokens stop at 100,000 records.
 */
class LargeModuleTest {

    private static final int RECORDS = 100_000;
    private static final String FIFTY_FIELDS = "Last_Name,First_Name,Company,Email,Phone,Modified_Time,"
            + IntStream.rangeClosed(1, 44).mapToObj(i -> "Custom_Field_" + i).collect(Collectors.joining(","));

    private static SimHarness sim;
    private static String token;

    @BeforeAll
    static void start() {
        sim = SimHarness.start();
        token = sim.connect("us").get("access_token").asText();
        JsonNode seeded = sim.control.seedModule("us", "production", "Leads", Map.of("count", RECORDS, "fields", 120,
                "seed", 2026));
        assertThat(seeded.get("count").asInt()).isEqualTo(RECORDS);
        assertThat(seeded.get("fields").asInt()).isEqualTo(120);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void pagesOfFiftyFieldsComeFromAHundredThousandRecords() {
        JsonNode first = page("/crm/v8/Leads?fields=" + FIFTY_FIELDS + "&sort_by=Modified_Time&sort_order=desc");
        JsonNode second = page("/crm/v8/Leads?fields=" + FIFTY_FIELDS + "&sort_by=Modified_Time&sort_order=desc"
                + "&page_token=" + first.get("info").get("next_page_token").asText());

        assertThat(first.get("data").size()).isEqualTo(200);
        assertThat(second.get("data").size()).isEqualTo(200);
        JsonNode record = second.get("data").get(199);
        assertThat(record.size()).isEqualTo(51); // id + 50
        record.fields().forEachRemaining(f -> assertThat(f.getValue().isNull()).as(f.getKey()).isFalse());
        Set<String> ids = new HashSet<>();
        first.get("data").forEach(r -> ids.add(r.get("id").asText()));
        second.get("data").forEach(r -> ids.add(r.get("id").asText()));
        assertThat(ids).hasSize(400);
    }

    @Test
    void oneRecordHasAllHundredAndTwentyFields() {
        String id = sim.control.liveIds("us", "production", "Leads").get(RECORDS - 1);

        JsonNode record = SimHarness.json(sim.crmGet("us", "/crm/v8/Leads/" + id, token).body()).get("data").get(0);

        assertThat(record.size()).isEqualTo(120);
        // Leads has 14 fields of its own: 106 custom ones make 120
        assertThat(record.get("Custom_Field_106").asText()).startsWith("Value ");
        assertThat(record.has("Custom_Field_107")).isFalse();
    }

    @Test
    void theControlApiListsAllLiveIds() {
        List<String> ids = sim.control.liveIds("us", "production", "Leads");

        assertThat(ids).hasSize(RECORDS);
        assertThat(new HashSet<>(ids)).hasSize(RECORDS);
    }

    @Test
    void anIncrementalReadFindsTheFewChangedRecords() {
        String since = sim.clock.instant().toString();
        sim.clock.advance(java.time.Duration.ofSeconds(1));
        sim.control.modifyRecords("us", "production", "Leads", 10);

        HttpResponse<String> response = sim.crmGet("us", "/crm/v8/Leads?fields=Email&sort_by=Modified_Time&sort_order=asc",
                token, "If-Modified-Since", since);

        assertThat(SimHarness.json(response.body()).get("data").size()).isEqualTo(10);
    }

    @Test
    void pageTokensStopAtAHundredThousandRecords() {
        sim.control.seedModule("us", "production", "Big_Module", RECORDS + 1, 0, 1);
        String path = "/crm/v8/Big_Module?fields=id&per_page=200&sort_by=id&sort_order=asc";
        JsonNode body = page(path);
        int read = body.get("data").size();
        while (read < RECORDS) {
            body = page(path + "&page_token=" + body.get("info").get("next_page_token").asText());
            read += body.get("data").size();
        }

        assertThat(read).isEqualTo(RECORDS);
        assertThat(body.get("info").get("more_records").asBoolean()).isTrue();
        HttpResponse<String> beyond = sim.crmGet("us", path + "&page_token="
                + body.get("info").get("next_page_token").asText(), token);
        assertError(beyond, 400, "PAGINATION_LIMIT_EXCEEDED");
    }

    @Test
    void reseedingWithTheSameSeedGivesTheSameRecords() {
        String before = page("/crm/v8/Leads?fields=" + FIFTY_FIELDS + "&page=3").get("data").toString();

        sim.control.seedModule("us", "production", "Leads", Map.of("count", RECORDS, "fields", 120, "seed", 2026));

        assertThat(page("/crm/v8/Leads?fields=" + FIFTY_FIELDS + "&page=3").get("data").toString()).isEqualTo(before);
    }

    private static JsonNode page(String path) {
        HttpResponse<String> response = sim.crmGet("us", path, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SimHarness.json(response.body());
    }
}
