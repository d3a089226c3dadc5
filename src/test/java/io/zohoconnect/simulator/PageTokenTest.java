package io.zohoconnect.simulator;

import static io.zohoconnect.simulator.CrmApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Page tokens: continuing past 2,000 records, binding, expiry, forgery (ZOHO-API.md §8). */
class PageTokenTest extends SimulatorTestBase {

    private static final String LIST = "/crm/v8/Leads?fields=Last_Name,Modified_Time&per_page=200"
            + "&sort_by=Modified_Time&sort_order=asc";

    private String token;
    private String refreshToken;

    @BeforeEach
    void prepare() {
        JsonNode grant = sim.connect("eu");
        token = grant.get("access_token").asText();
        refreshToken = grant.get("refresh_token").asText();
        sim.control.seedModule("eu", "production", "Leads", 12_345, 0, 5);
    }

    @Test
    void pageTokensReadATwelveThousandRecordModuleCompletelyWithoutDuplicates() {
        List<String> ids = new ArrayList<>();
        JsonNode body = page(LIST);
        int pages = 1;
        body.get("data").forEach(r -> ids.add(r.get("id").asText()));
        while (body.get("info").get("more_records").asBoolean()) {
            String next = body.get("info").get("next_page_token").asText();
            body = page(LIST + "&page_token=" + next);
            pages++;
            assertThat(body.get("info").get("page").asInt()).isEqualTo(pages);
            body.get("data").forEach(r -> ids.add(r.get("id").asText()));
        }

        assertThat(ids).hasSize(12_345).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(new HashSet<>(sim.control.liveIds("eu", "production", "Leads")));
        assertThat(pages).isEqualTo(62);
        assertThat(body.get("info").get("next_page_token").isNull()).isTrue();
        assertThat(body.get("info").get("page_token_expiry").isNull()).isTrue();
        assertThat(sim.control.pageTokenRequests()).isEqualTo(61);
    }

    @Test
    void theTokenOfPageTenContinuesAtRecord2001() {
        List<String> byPages = new ArrayList<>();
        JsonNode tenth = null;
        for (int page = 1; page <= 10; page++) {
            tenth = page(LIST + "&page=" + page);
            tenth.get("data").forEach(r -> byPages.add(r.get("id").asText()));
        }

        JsonNode eleventh = page(LIST + "&page_token=" + tenth.get("info").get("next_page_token").asText());

        assertThat(eleventh.get("info").get("page").asInt()).isEqualTo(11);
        assertThat(eleventh.get("data").size()).isEqualTo(200);
        Set<String> seen = new HashSet<>(byPages);
        eleventh.get("data").forEach(r -> assertThat(seen).doesNotContain(r.get("id").asText()));
    }

    @Test
    void aTokenIsBoundToItsParameters() {
        String next = firstToken();

        assertThat(get(LIST + "&page_token=" + next).statusCode()).isEqualTo(200);
        assertBoundMismatch(LIST.replace("Last_Name,", "First_Name,") + "&page_token=" + next);
        assertBoundMismatch(LIST.replace("per_page=200", "per_page=100") + "&page_token=" + next);
        assertBoundMismatch(LIST.replace("sort_order=asc", "sort_order=desc") + "&page_token=" + next);
        assertBoundMismatch(LIST.replace("sort_by=Modified_Time", "sort_by=id") + "&page_token=" + next);
        assertBoundMismatch(LIST.replace("Leads", "Contacts") + "&page_token=" + next);
        HttpResponse<String> withSince = sim.crmGet("eu", LIST + "&page_token=" + next, token,
                "If-Modified-Since", "2020-01-01T00:00:00Z");
        assertError(withSince, 400, "TOKEN_BOUND_DATA_MISMATCH");
    }

    @Test
    void fieldOrderDoesNotMatterToTheBinding() {
        String next = firstToken();

        HttpResponse<String> reordered = get(LIST.replace("Last_Name,Modified_Time", "Modified_Time,Last_Name")
                + "&page_token=" + next);

        assertThat(reordered.statusCode()).isEqualTo(200);
    }

    @Test
    void pageAndPageTokenTogetherAreRefused() {
        assertError(get(LIST + "&page=2&page_token=" + firstToken()), 400, "INVALID_DATA");
    }

    @Test
    void tokensExpireAfterTwentyFourHours() {
        String next = firstToken();

        sim.clock.advance(Duration.ofHours(24).minusSeconds(1));
        token = sim.refresh("eu", refreshToken).get("access_token").asText();
        JsonNode stillValid = page(LIST + "&page_token=" + next);
        sim.clock.advance(Duration.ofSeconds(1));

        assertError(get(LIST + "&page_token=" + next), 400, "EXPIRED_VALUE");
        assertThat(get(LIST + "&page_token=" + stillValid.get("info").get("next_page_token").asText()).statusCode())
                .as("a token issued later lives on").isEqualTo(200);
    }

    @Test
    void tokensCanBeExpiredOnDemand() {
        String next = firstToken();

        assertThat(sim.control.expirePageTokens()).isPositive();

        assertError(get(LIST + "&page_token=" + next), 400, "EXPIRED_VALUE");
        assertThat(get(LIST + "&page_token=" + firstToken()).statusCode()).as("new tokens work").isEqualTo(200);
    }

    @Test
    void forgedOrForeignTokensAreRefused() {
        String next = firstToken();
        char last = next.charAt(next.length() - 1);
        String tampered = next.substring(0, next.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertError(get(LIST + "&page_token=" + tampered), 400, "INVALID_DATA");
        assertError(get(LIST + "&page_token=not-a-token"), 400, "INVALID_DATA");
        sim.control.seedModule("eu", "sandbox", "Leads", 12_345, 0, 5);
        HttpResponse<String> sandbox = sim.crm("eu", "sandbox-api", LIST + "&page_token=" + next, token);
        assertError(sandbox, 400, "INVALID_DATA");
    }

    @Test
    void recordsModifiedWhilePagingMoveToTheEndAndNoneIsSkipped() {
        sim.control.seedModule("eu", "production", "Leads", 1_000, 0, 5);
        JsonNode first = page(LIST);
        List<String> ids = new ArrayList<>();
        first.get("data").forEach(r -> ids.add(r.get("id").asText()));
        List<String> modified = new ArrayList<>();
        sim.control.modifyRecords("eu", "production", "Leads", Map.of("ids", ids.subList(0, 5)))
                .get("ids").forEach(id -> modified.add(id.asText()));

        JsonNode body = first;
        while (body.get("info").get("more_records").asBoolean()) {
            body = page(LIST + "&page_token=" + body.get("info").get("next_page_token").asText());
            body.get("data").forEach(r -> ids.add(r.get("id").asText()));
        }

        assertThat(new HashSet<>(ids)).hasSize(1_000);
        assertThat(ids).hasSize(1_005);
        assertThat(ids.subList(1_000, 1_005)).containsExactlyInAnyOrderElementsOf(modified);
    }

    private void assertBoundMismatch(String path) {
        assertError(get(path), 400, "TOKEN_BOUND_DATA_MISMATCH");
    }

    private String firstToken() {
        return page(LIST).get("info").get("next_page_token").asText();
    }

    private JsonNode page(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SimHarness.json(response.body());
    }

    private HttpResponse<String> get(String path) {
        return sim.crmGet("eu", path, token);
    }
}
