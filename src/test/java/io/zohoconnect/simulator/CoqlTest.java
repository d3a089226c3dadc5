package io.zohoconnect.simulator;

import static io.zohoconnect.simulator.CrmApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /crm/v8/coql} (ZOHO-API.md §12). */
class CoqlTest extends SimulatorTestBase {

    private String token;
    private List<JsonNode> leads;

    @BeforeEach
    void prepare() {
        token = sim.connect("eu", "eu", Map.of("scope", "ZohoCRM.modules.ALL,ZohoCRM.coql.READ"));
        sim.control.seedModule("eu", "production", "Leads", 100, 0, 2);
        leads = new ArrayList<>();
        SimHarness.json(sim.crmGet("eu", "/crm/v8/Leads?fields=Last_Name,Email,Lead_Status&per_page=100", token).body())
                .get("data").forEach(leads::add);
    }

    @Test
    void likeWithATrailingPercentSelectsTheRecordsStartingSo() {
        String initial = leads.get(0).get("Last_Name").asText().substring(0, 1);

        HttpResponse<String> response = coql("select Last_Name, Email from Leads where Last_Name like '" + initial
                + "%' limit 0, 200");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = SimHarness.json(response.body());
        List<String> expected = leads.stream().filter(l -> l.get("Last_Name").asText().startsWith(initial))
                .map(l -> l.get("id").asText()).toList();
        assertThat(ids(body)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(body.get("info").get("count").asInt()).isEqualTo(expected.size());
        assertThat(body.get("info").get("more_records").asBoolean()).isFalse();
        assertThat(body.get("data").get(0).fieldNames()).toIterable().containsExactlyInAnyOrder("id", "Last_Name", "Email");
    }

    @Test
    void equalsNotEqualsAndOrCombine() {
        JsonNode a = leads.get(3);
        JsonNode b = leads.get(4);
        String status = a.get("Lead_Status").asText();

        List<String> either = ids(SimHarness.json(coql("select Last_Name from Leads where (Email = '"
                + a.get("Email").asText().toUpperCase(Locale.ROOT) + "' or Email = '" + b.get("Email").asText()
                + "') and Lead_Status = '" + status + "'").body()));
        List<String> others = ids(SimHarness.json(coql("select Last_Name from Leads where Lead_Status != '" + status
                + "' and Email like '%@example.com' limit 200").body()));

        assertThat(either).contains(a.get("id").asText());
        assertThat(either.contains(b.get("id").asText())).isEqualTo(b.get("Lead_Status").asText().equals(status));
        assertThat(others).containsExactlyInAnyOrderElementsOf(leads.stream()
                .filter(l -> !l.get("Lead_Status").asText().equals(status) && l.get("Email").asText().endsWith("@example.com"))
                .map(l -> l.get("id").asText()).toList());
    }

    @Test
    void orderByAndLimitOffsetPage() {
        JsonNode all = SimHarness.json(coql("select Last_Name from Leads order by Last_Name desc limit 0, 100").body());
        JsonNode first = SimHarness.json(coql("select Last_Name from Leads order by Last_Name desc limit 0, 50").body());
        JsonNode slice = SimHarness.json(coql("select Last_Name from Leads order by Last_Name desc limit 5 offset 10").body());
        JsonNode last = SimHarness.json(coql("select Last_Name from Leads order by Last_Name desc limit 50, 50").body());

        List<String> names = all.get("data").findValuesAsText("Last_Name");
        assertThat(names).hasSize(100).isSortedAccordingTo(Comparator.comparing((String n) -> n.toLowerCase(Locale.ROOT))
                .reversed());
        assertThat(ids(slice)).isEqualTo(ids(all).subList(10, 15));
        assertThat(first.get("info").get("more_records").asBoolean()).isTrue();
        assertThat(last.get("info").get("more_records").asBoolean()).isFalse();
        assertThat(coql("select Last_Name from Leads where Last_Name = 'Nobody-by-this-name'").statusCode()).isEqualTo(204);
    }

    /** What a notification consumer does: read the notified records by their ids. */
    @Test
    void selectsRecordsByAListOfIds() {
        List<String> wanted = List.of(leads.get(7).get("id").asText(), leads.get(42).get("id").asText(),
                leads.get(99).get("id").asText());

        HttpResponse<String> response = coql("select Last_Name, Email, Modified_Time from Leads where id in ('"
                + String.join("', '", wanted) + "') limit 200");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(ids(SimHarness.json(response.body()))).containsExactlyInAnyOrderElementsOf(wanted);
    }

    /** Date-times compare as instants: the org writes +01:00, the query may use any offset. */
    @Test
    void modifiedTimeCriteriaCompareInstantsInAnyOffset() {
        sim.clock.advance(java.time.Duration.ofMinutes(5));
        List<String> changed = new ArrayList<>();
        sim.control.modifyRecords("eu", "production", "Leads", 4).get("ids").forEach(id -> changed.add(id.asText()));
        String since = sim.clock.instant().minusSeconds(60).atOffset(java.time.ZoneOffset.ofHours(-8)).toString();

        JsonNode body = SimHarness.json(coql("select Last_Name, Modified_Time from Leads where Modified_Time > '"
                + since + "' order by Modified_Time asc limit 200").body());

        assertThat(ids(body)).containsExactlyInAnyOrderElementsOf(changed).hasSize(4);
        assertThat(coql("select Last_Name from Leads where Modified_Time >= '" + sim.clock.instant().plusSeconds(1)
                + "'").statusCode()).isEqualTo(204);
    }

    @Test
    void syntaxErrorsAndLimits() {
        assertError(coql("selec Last_Name from Leads"), 400, "SYNTAX_ERROR");
        assertError(coql("select from Leads"), 400, "SYNTAX_ERROR");
        assertError(coql("select Last_Name from Leads where"), 400, "SYNTAX_ERROR");
        assertError(coql("select Last_Name from Leads where Last_Name = 'open"), 400, "SYNTAX_ERROR");
        assertError(coql("select Last_Name from Leads where Last_Name ~ 'x'"), 400, "SYNTAX_ERROR");
        assertError(coql("select Last_Name from Leads limit 0, 10 extra"), 400, "SYNTAX_ERROR");
        assertError(coql("select Shoe_Size from Leads"), 400, "INVALID_QUERY");
        assertError(coql("select Last_Name from Leads limit 0, 201"), 400, "LIMIT_EXCEEDED");
        assertError(coql("select Last_Name from Leads limit 9900, 200"), 400, "LIMIT_EXCEEDED");
        String fiftyOne = IntStream.range(0, 51).mapToObj(i -> "F" + i).collect(Collectors.joining(", "));
        assertError(coql("select " + fiftyOne + " from Leads"), 400, "LIMIT_EXCEEDED");
        assertThat(coql("select Last_Name from Leads limit 9800, 200").statusCode()).isEqualTo(204);
    }

    @Test
    void needsTheCoqlScopeAndPost() {
        String withoutCoql = sim.connect("eu").get("access_token").asText();

        assertError(sim.crm("POST", "eu", "/crm/v8/coql", withoutCoql, body("select Last_Name from Leads")), 401,
                "OAUTH_SCOPE_MISMATCH");
        assertError(sim.crm("GET", "eu", "/crm/v8/coql", token, null), 400, "INVALID_REQUEST_METHOD");
    }

    private HttpResponse<String> coql(String query) {
        return sim.crm("POST", "eu", "/crm/v8/coql", token, body(query));
    }

    private static String body(String query) {
        return JsonNodeFactory.instance.objectNode().put("select_query", query).toString();
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("data").forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }
}
