package io.zohoconnect.simulator;

import static io.zohoconnect.simulator.CrmApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /crm/v8/{module}/search} by criteria, email, phone or word (ZOHO-API.md §12). */
class SearchTest extends SimulatorTestBase {

    private String token;
    private List<JsonNode> leads;

    @BeforeEach
    void prepare() {
        token = sim.connect("eu", "jane.doe@example.com").get("access_token").asText();
        sim.control.seedModule("eu", "production", "Leads", 100, 0, 2);
        leads = new ArrayList<>();
        SimHarness.json(sim.crmGet("eu", "/crm/v8/Leads?fields=Last_Name,Email,Phone&per_page=100", token).body())
                .get("data").forEach(leads::add);
    }

    @Test
    void criteriaWithEqualsAndStartsWithFindExactlyTheMatchingRecords() {
        JsonNode target = leads.get(10);
        String lastName = target.get("Last_Name").asText();
        String emailStart = target.get("Email").asText().substring(0, 2);

        List<String> byName = ids(search("((Last_Name:equals:" + lastName.toUpperCase(Locale.ROOT) + "))"));
        List<String> both = ids(search("((Last_Name:equals:" + lastName + ")and(Email:starts_with:" + emailStart + "))"));

        assertThat(byName).contains(target.get("id").asText());
        assertThat(byName).containsExactlyInAnyOrderElementsOf(leads.stream()
                .filter(l -> l.get("Last_Name").asText().equalsIgnoreCase(lastName)).map(l -> l.get("id").asText()).toList());
        assertThat(both).contains(target.get("id").asText());
        assertThat(both).containsExactlyInAnyOrderElementsOf(leads.stream()
                .filter(l -> l.get("Last_Name").asText().equalsIgnoreCase(lastName)
                        && l.get("Email").asText().toLowerCase(Locale.ROOT).startsWith(emailStart.toLowerCase(Locale.ROOT)))
                .map(l -> l.get("id").asText()).toList());
    }

    @Test
    void orAndNestedGroupsCombine() {
        String first = leads.get(1).get("Email").asText();
        String second = leads.get(2).get("Email").asText();

        List<String> found = ids(search("(((Email:equals:" + first + ")or(Email:equals:" + second + "))and(Email:starts_with:"
                + first.charAt(0) + "))or(Email:equals:" + leads.get(3).get("Email").asText() + ")"));

        assertThat(found).contains(leads.get(1).get("id").asText(), leads.get(3).get("id").asText());
        assertThat(found.contains(leads.get(2).get("id").asText()))
                .isEqualTo(second.toLowerCase(Locale.ROOT).startsWith(String.valueOf(first.charAt(0)).toLowerCase(Locale.ROOT)));
    }

    @Test
    void emailPhoneAndWordSearches() {
        JsonNode target = leads.get(20);

        assertThat(ids(sim.crmGet("eu", "/crm/v8/Leads/search?email=" + enc(target.get("Email").asText()), token)))
                .containsExactly(target.get("id").asText());
        assertThat(ids(sim.crmGet("eu", "/crm/v8/Leads/search?phone=" + enc(target.get("Phone").asText()), token)))
                .contains(target.get("id").asText());
        assertThat(ids(sim.crmGet("eu", "/crm/v8/Leads/search?word=" + enc(target.get("Last_Name").asText()), token)))
                .contains(target.get("id").asText());
    }

    @Test
    void noMatchIs204() {
        HttpResponse<String> response = search("(Last_Name:equals:Nobody-by-this-name)");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void malformedCriteriaAreInvalidQuery() {
        assertError(search("(Last_Name:equals:Smith"), 400, "INVALID_QUERY");
        assertError(search("Last_Name:equals:Smith"), 400, "INVALID_QUERY");
        assertError(search("((Last_Name:equals:Smith)xor(Email:equals:a))"), 400, "INVALID_QUERY");
        assertError(search("(Last_Name:like:Smith)"), 400, "INVALID_QUERY");
        assertError(search("(Shoe_Size:equals:44)"), 400, "INVALID_QUERY");
        assertError(search("(Last_Name:equals)"), 400, "INVALID_QUERY");
        assertError(sim.crmGet("eu", "/crm/v8/Leads/search", token), 400, "REQUIRED_PARAM_MISSING");
    }

    @Test
    void pagesOfTwoHundredReachOnlyTheFirstTwoThousandMatches() {
        sim.control.seedModule("eu", "production", "Leads", 2_100, 0, 3);

        HttpResponse<String> first = sim.crmGet("eu", "/crm/v8/Leads/search?word=%40", token);
        HttpResponse<String> tenth = sim.crmGet("eu", "/crm/v8/Leads/search?word=%40&page=10", token);

        JsonNode firstInfo = SimHarness.json(first.body()).get("info");
        assertThat(firstInfo.get("count").asInt()).isEqualTo(200);
        assertThat(firstInfo.get("per_page").asInt()).isEqualTo(200);
        assertThat(firstInfo.get("more_records").asBoolean()).isTrue();
        JsonNode tenthInfo = SimHarness.json(tenth.body()).get("info");
        assertThat(tenthInfo.get("count").asInt()).isEqualTo(200);
        assertThat(tenthInfo.get("more_records").asBoolean()).as("2,000 is the end of a search").isFalse();
        assertError(sim.crmGet("eu", "/crm/v8/Leads/search?word=%40&page=11", token), 400, "LIMIT_REACHED");
    }

    private HttpResponse<String> search(String criteria) {
        return sim.crmGet("eu", "/crm/v8/Leads/search?criteria=" + enc(criteria), token);
    }

    private static List<String> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        SimHarness.json(response.body()).get("data").forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
