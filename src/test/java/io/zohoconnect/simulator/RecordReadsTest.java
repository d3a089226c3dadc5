package io.zohoconnect.simulator;

import static io.zohoconnect.simulator.CrmApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listing records with page/per_page, one record by id, and the parameter rules (ZOHO-API.md §8). */
class RecordReadsTest extends SimulatorTestBase {

    private String token;

    @BeforeEach
    void prepare() {
        token = sim.connect("eu").get("access_token").asText();
    }

    @Test
    void aPageHasTheRequestedFieldsTheIdAndTheInfo() {
        HttpResponse<String> response = get("/crm/v8/Leads?fields=Last_Name,Email,Modified_Time&per_page=50");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = SimHarness.json(response.body());
        JsonNode first = body.get("data").get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("id", "Last_Name", "Email", "Modified_Time");
        assertThat(first.get("id").asText()).matches("[0-9]{19}");
        assertThat(first.get("Email").asText()).contains("@");
        OffsetDateTime.parse(first.get("Modified_Time").asText());
        assertThat(first.get("Modified_Time").asText()).endsWith("+01:00");
        JsonNode info = body.get("info");
        assertThat(info.get("per_page").asInt()).isEqualTo(50);
        assertThat(info.get("count").asInt()).isEqualTo(50);
        assertThat(info.get("page").asInt()).isEqualTo(1);
        assertThat(info.get("more_records").asBoolean()).isTrue();
        assertThat(info.get("next_page_token").asText()).isNotBlank();
        assertThat(info.get("previous_page_token").isNull()).isTrue();
        OffsetDateTime.parse(info.get("page_token_expiry").asText());
        assertThat(info.get("sort_by").asText()).isEqualTo("id");
        assertThat(info.get("sort_order").asText()).isEqualTo("desc");
    }

    @Test
    void aStandardModuleHoldsRecordsPerModuleRecordsByDefault() {
        List<String> ids = readAllByPages("Leads", 200);

        assertThat(ids).hasSize(200).doesNotHaveDuplicates();
        assertThat(sim.control.module("eu", "production", "Leads").get("count").asInt()).isEqualTo(200);
    }

    @Test
    void recordsPerModuleSettingSizesModulesFirstUsedAfterIt() {
        sim.control.settings(java.util.Map.of("recordsPerModule", 7));

        assertThat(readAllByPages("Deals", 200)).hasSize(7);
    }

    @Test
    void fieldsIsMandatory() {
        HttpResponse<String> response = get("/crm/v8/Leads");

        assertError(response, 400, "REQUIRED_PARAM_MISSING");
        assertThat(SimHarness.json(response.body()).get("details").get("param_name").asText()).isEqualTo("fields");
    }

    @Test
    void atMostFiftyFields() {
        sim.control.seedModule("eu", "production", "Leads", 10, 60, 1);
        String fifty = IntStream.rangeClosed(1, 50).mapToObj(i -> "Custom_Field_" + i).collect(Collectors.joining(","));

        assertThat(get("/crm/v8/Leads?fields=" + fifty).statusCode()).isEqualTo(200);
        HttpResponse<String> tooMany = get("/crm/v8/Leads?fields=" + fifty + ",Custom_Field_51");
        assertError(tooMany, 400, "LIMIT_EXCEEDED");
        assertThat(SimHarness.json(tooMany.body()).get("details").get("limit").asInt()).isEqualTo(50);
    }

    @Test
    void unknownFieldIsInvalidData() {
        HttpResponse<String> response = get("/crm/v8/Leads?fields=Last_Name,Shoe_Size");

        assertError(response, 400, "INVALID_DATA");
        assertThat(SimHarness.json(response.body()).get("details").get("api_name").asText()).isEqualTo("Shoe_Size");
    }

    @Test
    void perPageAboveTwoHundredIsRefused() {
        HttpResponse<String> response = get("/crm/v8/Leads?fields=Last_Name&per_page=201");

        assertError(response, 400, "INVALID_DATA");
        assertThat(SimHarness.json(response.body()).get("details").get("param_name").asText()).isEqualTo("per_page");
        assertError(get("/crm/v8/Leads?fields=Last_Name&sort_by=Email"), 400, "INVALID_DATA");
        assertError(get("/crm/v8/Leads?fields=Last_Name&sort_order=up"), 400, "INVALID_DATA");
    }

    @Test
    void pagesReachTwoThousandRecordsThenDiscretePaginationLimit() {
        sim.control.seedModule("eu", "production", "Contacts", 2_500, 0, 3);

        List<String> ids = readAllByPages("Contacts", 10);
        HttpResponse<String> beyond = get("/crm/v8/Contacts?fields=Last_Name&per_page=200&page=11");

        assertThat(ids).hasSize(2_000).doesNotHaveDuplicates();
        assertError(beyond, 400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED");
        assertError(get("/crm/v8/Contacts?fields=Last_Name&per_page=150&page=14"), 400,
                "DISCRETE_PAGINATION_LIMIT_EXCEEDED");
    }

    @Test
    void anEmptyModuleIs204WithNoBody() {
        sim.control.seedModule("eu", "production", "Cases", 0, 0, 1);

        HttpResponse<String> response = get("/crm/v8/Cases?fields=Subject");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aPageBeyondTheLastRecordIs204() {
        sim.control.seedModule("eu", "production", "Cases", 30, 0, 1);

        assertThat(get("/crm/v8/Cases?fields=Subject&per_page=20&page=2").statusCode()).isEqualTo(200);
        assertThat(get("/crm/v8/Cases?fields=Subject&per_page=20&page=3").statusCode()).isEqualTo(204);
    }

    @Test
    void sortedByModifiedTimeThenIdBothWays() {
        sim.control.seedModule("eu", "production", "Leads", 500, 0, 9);

        List<JsonNode> asc = readAll("/crm/v8/Leads?fields=Modified_Time&sort_by=Modified_Time&sort_order=asc");
        List<JsonNode> desc = readAll("/crm/v8/Leads?fields=Modified_Time&sort_by=Modified_Time&sort_order=desc");

        Comparator<JsonNode> order = Comparator.<JsonNode, OffsetDateTime>comparing(
                r -> OffsetDateTime.parse(r.get("Modified_Time").asText())).thenComparing(r -> Long.parseLong(r.get("id").asText()));
        assertThat(asc).hasSize(500).isSortedAccordingTo(order);
        assertThat(desc).hasSize(500).isSortedAccordingTo(order.reversed());
        long shared = asc.stream().collect(Collectors.groupingBy(r -> r.get("Modified_Time").asText(), Collectors.counting()))
                .values().stream().filter(n -> n > 1).count();
        assertThat(shared).as("several records share a Modified_Time second").isPositive();
    }

    @Test
    void sortedByIdAndCreatedTime() {
        List<JsonNode> byId = readAll("/crm/v8/Leads?fields=Created_Time&sort_by=id&sort_order=asc");
        List<JsonNode> byCreated = readAll("/crm/v8/Leads?fields=Created_Time&sort_by=Created_Time&sort_order=desc");

        assertThat(byId).isSortedAccordingTo(Comparator.comparing(r -> Long.parseLong(r.get("id").asText())));
        assertThat(byCreated).isSortedAccordingTo(Comparator.<JsonNode, OffsetDateTime>comparing(
                r -> OffsetDateTime.parse(r.get("Created_Time").asText())).reversed());
    }

    @Test
    void oneRecordByIdHasAllFields() {
        String id = sim.control.liveIds("eu", "production", "Deals").get(3);

        HttpResponse<String> response = get("/crm/v8/Deals/" + id);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode record = SimHarness.json(response.body()).get("data").get(0);
        assertThat(record.get("id").asText()).isEqualTo(id);
        assertThat(record.fieldNames()).toIterable().contains("Deal_Name", "Stage", "Amount", "Closing_Date", "Owner",
                "Created_Time", "Modified_Time");
        assertThat(record.get("Amount").isNumber()).isTrue();
        assertThat(record.get("Owner").get("id").asText()).matches("[0-9]{19}");
        assertThat(get("/crm/v8/Deals/1234567890123456789").statusCode()).isEqualTo(204);
    }

    @Test
    void sameSeedSameRecordsAcrossSimulators() {
        sim.control.seedModule("eu", "production", "Accounts", 300, 5, 77);
        String page = get("/crm/v8/Accounts?fields=Account_Name,Website,Industry,Custom_Field_5,Modified_Time&page=2").body();

        try (SimHarness other = SimHarness.start()) {
            String otherToken = other.connect("eu").get("access_token").asText();
            other.control.seedModule("eu", "production", "Accounts", 300, 5, 77);
            String otherPage = other.crmGet("eu",
                    "/crm/v8/Accounts?fields=Account_Name,Website,Industry,Custom_Field_5,Modified_Time&page=2",
                    otherToken).body();
            assertThat(SimHarness.json(otherPage).get("data")).isEqualTo(SimHarness.json(page).get("data"));
            other.control.seedModule("eu", "production", "Accounts", 300, 5, 78);
            String reseeded = other.crmGet("eu", "/crm/v8/Accounts?fields=Account_Name&page=2", otherToken).body();
            assertThat(SimHarness.json(reseeded).get("data")).isNotEqualTo(SimHarness.json(page).get("data"));
        }
    }

    @Test
    void eachOrgHasItsOwnRecords() {
        String production = SimHarness.json(get("/crm/v8/Leads?fields=Email").body()).get("data").toString();
        String sandbox = SimHarness.json(sim.crm("eu", "sandbox-api", "/crm/v8/Leads?fields=Email", token).body())
                .get("data").toString();

        assertThat(sandbox).isNotEqualTo(production);
    }

    @Test
    void readsAreCounted() {
        get("/crm/v8/Leads?fields=Last_Name&per_page=30");
        get("/crm/v8/Leads?fields=Last_Name&per_page=30&page=2");

        assertThat(sim.control.recordsServed()).isEqualTo(60);
        assertThat(sim.control.crmRequestsFor("GET /eu/api/crm/v8/Leads")).isEqualTo(2);
    }

    private HttpResponse<String> get(String path) {
        return sim.crmGet("eu", path, token);
    }

    private List<String> readAllByPages(String module, int maxPages) {
        List<String> ids = new ArrayList<>();
        for (int page = 1; page <= maxPages; page++) {
            HttpResponse<String> response = get("/crm/v8/" + module + "?fields=id&per_page=200&page=" + page);
            if (response.statusCode() == 204) {
                break;
            }
            JsonNode body = SimHarness.json(response.body());
            body.get("data").forEach(r -> ids.add(r.get("id").asText()));
            if (!body.get("info").get("more_records").asBoolean()) {
                break;
            }
        }
        return ids;
    }

    private List<JsonNode> readAll(String path) {
        List<JsonNode> records = new ArrayList<>();
        String token = null;
        do {
            HttpResponse<String> response = get(path + (token == null ? "" : "&page_token=" + token));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = SimHarness.json(response.body());
            body.get("data").forEach(records::add);
            token = body.get("info").get("next_page_token").isNull() ? null : body.get("info").get("next_page_token").asText();
        } while (token != null);
        return records;
    }
}
