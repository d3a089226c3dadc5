package io.zohoconnect.simulator;

import static io.zohoconnect.simulator.CrmApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** If-Modified-Since, 304, records changed behind the client's back and the deleted list. */
class IncrementalReadTest extends SimulatorTestBase {

    private static final String LIST = "/crm/v8/Leads?fields=Last_Name,Modified_Time&sort_by=Modified_Time&sort_order=asc";
    private static final Instant CHANGED = Instant.parse("2026-11-28T09:00:00Z");

    private String token;

    @BeforeEach
    void prepare() {
        token = sim.connect("eu").get("access_token").asText();
        sim.control.seedModule("eu", "production", "Leads", 1_000, 0, 11);
    }

    @Test
    void ifModifiedSinceReturnsOnlyRecordsModifiedAfterIt() {
        JsonNode modified = sim.control.modifyRecords("eu", "production", "Leads",
                Map.of("count", 37, "modifiedTime", CHANGED.toString()));

        List<JsonNode> changed = readAll(LIST + "&per_page=10", "If-Modified-Since", CHANGED.minusSeconds(1).toString());

        assertThat(modified.get("ids").size()).isEqualTo(37);
        assertThat(OffsetDateTime.parse(modified.get("modifiedTime").asText()).toInstant()).isEqualTo(CHANGED);
        assertThat(changed).hasSize(37);
        assertThat(changed.stream().map(r -> r.get("id").asText()).distinct()).hasSize(37);
        assertThat(changed).allSatisfy(r ->
                assertThat(OffsetDateTime.parse(r.get("Modified_Time").asText()).toInstant()).isEqualTo(CHANGED));
        List<String> expected = new ArrayList<>();
        modified.get("ids").forEach(id -> expected.add(id.asText()));
        assertThat(changed.stream().map(r -> r.get("id").asText())).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void ifModifiedSinceIsStrictlyAfterAndNothingNewerIs304WithNoBody() {
        sim.control.modifyRecords("eu", "production", "Leads", Map.of("count", 3, "modifiedTime", CHANGED.toString()));

        HttpResponse<String> atTheInstant = sim.crmGet("eu", LIST, token, "If-Modified-Since", CHANGED.toString());

        assertThat(atTheInstant.statusCode()).isEqualTo(304);
        assertThat(atTheInstant.body()).isEmpty();
    }

    @Test
    void ifModifiedSinceAcceptsRfc1123AndOffsets() {
        sim.control.modifyRecords("eu", "production", "Leads", Map.of("count", 4, "modifiedTime", CHANGED.toString()));
        String rfc1123 = DateTimeFormatter.RFC_1123_DATE_TIME.format(CHANGED.minusSeconds(1).atOffset(ZoneOffset.UTC));
        String india = CHANGED.minusSeconds(1).atOffset(ZoneOffset.ofHoursMinutes(5, 30)).toString();

        assertThat(readAll(LIST, "If-Modified-Since", rfc1123)).hasSize(4);
        assertThat(readAll(LIST, "If-Modified-Since", india)).hasSize(4);
        assertError(sim.crmGet("eu", LIST, token, "If-Modified-Since", "yesterday"), 400, "INVALID_DATA");
    }

    @Test
    void modifiedRecordsShowTheirNewValues() {
        String id = sim.control.liveIds("eu", "production", "Leads").get(10);
        sim.control.modifyRecords("eu", "production", "Leads",
                Map.of("ids", List.of(id), "values", Map.of("Lead_Status", "Contacted", "Last_Name", "Renamed")));

        JsonNode record = SimHarness.json(sim.crmGet("eu", "/crm/v8/Leads/" + id, token).body()).get("data").get(0);

        assertThat(record.get("Lead_Status").asText()).isEqualTo("Contacted");
        assertThat(record.get("Last_Name").asText()).isEqualTo("Renamed");
        assertThat(OffsetDateTime.parse(record.get("Modified_Time").asText()).toInstant()).isEqualTo(sim.clock.instant());
    }

    @Test
    void aSyncThenAnIncrementalSyncSeeEverythingOnce() {
        List<JsonNode> full = readAll(LIST + "&per_page=200");
        Instant watermark = full.stream().map(r -> OffsetDateTime.parse(r.get("Modified_Time").asText()).toInstant())
                .max(Instant::compareTo).orElseThrow();
        sim.control.modifyRecords("eu", "production", "Leads", 25);

        List<JsonNode> incremental = readAll(LIST + "&per_page=200", "If-Modified-Since", watermark.toString());

        assertThat(full).hasSize(1_000);
        assertThat(incremental).hasSize(25);
    }

    @Test
    void deletedRecordsAreListedAndGoneFromTheModule() {
        List<String> ids = sim.control.liveIds("eu", "production", "Leads");
        JsonNode simDeleted = sim.control.deleteRecords("eu", "production", "Leads", 5);
        HttpResponse<String> apiDelete = sim.crm("DELETE", "eu", "/crm/v8/Leads?ids=" + ids.get(1) + "," + ids.get(2),
                token, null);
        sim.control.deleteRecords("eu", "production", "Leads", Map.of("ids", List.of(ids.get(3)), "permanent", true));

        HttpResponse<String> response = sim.crmGet("eu", "/crm/v8/Leads/deleted?type=all", token);

        assertThat(simDeleted.get("ids").size()).isEqualTo(5);
        assertThat(apiDelete.statusCode()).isEqualTo(200);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode deleted = SimHarness.json(response.body());
        assertThat(deleted.get("data").size()).isEqualTo(8);
        JsonNode one = deleted.get("data").get(0);
        assertThat(one.fieldNames()).toIterable().contains("id", "display_name", "type", "deleted_time", "deleted_by");
        assertThat(one.get("display_name").asText()).isNotBlank();
        OffsetDateTime.parse(one.get("deleted_time").asText());
        assertThat(one.get("deleted_by").get("id").asText()).matches("[0-9]{19}");
        assertThat(deleted.get("info").get("count").asInt()).isEqualTo(8);
        assertThat(deleted.get("info").get("more_records").asBoolean()).isFalse();
        assertThat(SimHarness.json(sim.crmGet("eu", "/crm/v8/Leads/deleted?type=permanent", token).body())
                .get("data").size()).isEqualTo(1);
        assertThat(SimHarness.json(sim.crmGet("eu", "/crm/v8/Leads/deleted?type=recycle", token).body())
                .get("data").size()).isEqualTo(7);
        assertThat(sim.crmGet("eu", "/crm/v8/Leads/" + ids.get(1), token).statusCode()).isEqualTo(204);
        assertThat(sim.control.module("eu", "production", "Leads").get("count").asInt()).isEqualTo(992);
        assertThat(sim.control.module("eu", "production", "Leads").get("deleted").asInt()).isEqualTo(8);
        assertThat(new HashSet<>(sim.control.liveIds("eu", "production", "Leads"))).doesNotContain(ids.get(1));
    }

    @Test
    void deletedRecordsPageAndFilterByDeletedTime() {
        sim.control.deleteRecords("eu", "production", "Leads", 3);
        Instant between = sim.clock.instant();
        sim.clock.advance(java.time.Duration.ofMinutes(5));
        sim.control.deleteRecords("eu", "production", "Leads", 4);

        JsonNode later = SimHarness.json(sim.crmGet("eu", "/crm/v8/Leads/deleted", token,
                "If-Modified-Since", between.toString()).body());
        JsonNode pageTwo = SimHarness.json(sim.crmGet("eu", "/crm/v8/Leads/deleted?per_page=5&page=2", token).body());

        assertThat(later.get("data").size()).isEqualTo(4);
        assertThat(pageTwo.get("data").size()).isEqualTo(2);
        assertThat(sim.crmGet("eu", "/crm/v8/Leads/deleted", token, "If-Modified-Since",
                sim.clock.instant().toString()).statusCode()).isEqualTo(304);
        assertThat(sim.crmGet("eu", "/crm/v8/Contacts/deleted", token).statusCode()).isEqualTo(204);
        assertError(sim.crmGet("eu", "/crm/v8/Leads/deleted?type=some", token), 400, "INVALID_DATA");
    }

    private List<JsonNode> readAll(String path, String... headers) {
        List<JsonNode> records = new ArrayList<>();
        String next = null;
        do {
            HttpResponse<String> response = sim.crmGet("eu", path + (next == null ? "" : "&page_token=" + next), token,
                    headers);
            if (response.statusCode() == 304 || response.statusCode() == 204) {
                break;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = SimHarness.json(response.body());
            body.get("data").forEach(records::add);
            next = body.get("info").get("next_page_token").isNull() ? null : body.get("info").get("next_page_token").asText();
        } while (next != null);
        return records;
    }
}
