package io.zohoconnect.web.dashboard;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zohoconnect.audit.AuditQuery;
import io.zohoconnect.audit.AuditTrail;
import io.zohoconnect.connection.ConnectionStatus;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.NewGrant;
import io.zohoconnect.connection.Secret;
import io.zohoconnect.datacenter.Environment;
import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.web.security.AccessControlTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DashboardTest extends IntegrationTest {

    private static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    private static final Pattern COUNT = Pattern.compile("data-count-status=\"([A-Z_]+)\"[^>]*>(\\d+) ");

    @Autowired
    ConnectionStore connections;

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    private AccessControlTest.BrowserSession admin() {
        AccessControlTest.BrowserSession browser = new AccessControlTest.BrowserSession(service.baseUrl());
        browser.login("admin", ADMIN_KEY);
        return browser;
    }

    @Test
    void theListStartsWithTheCountOfEachStatus() {
        service.connect("count-dead", "eu", "production");
        simulator.fault("token", "invalid_code", 1);
        clock.advance(Duration.ofMinutes(2));
        service.sendAsAdmin("POST", "/api/connections/count-dead/refresh", null);

        String page = admin().get("/").body();
        Map<String, Long> shown = new LinkedHashMap<>();
        Matcher m = COUNT.matcher(page);
        while (m.find()) {
            shown.put(m.group(1), Long.parseLong(m.group(2)));
        }
        Map<ConnectionStatus, Long> stored = connections.countByStatus();
        for (ConnectionStatus status : ConnectionStatus.values()) {
            assertThat(shown.get(status.name())).as(status.name()).isEqualTo(stored.getOrDefault(status, 0L));
        }
        assertThat(new ArrayList<>(shown.keySet()).get(0)).isEqualTo("NEEDS_REAUTH"); // what needs a person comes first
        assertThat(shown.get("NEEDS_REAUTH")).isPositive();
        assertThat(page).contains("need").contains("<a href=\"/syncs\">Syncs</a>");
    }

    @Test
    void theConnectionPageAndTheListShowTheOrgsUseOfItsApiCredits() {
        service.connect("credits-shown", "eu", "production");
        String orgId = service.json(service.getAsAdmin("/api/connections/credits-shown")).path("org").path("id").asText();
        service.sendAsAdmin("PUT", "/api/orgs/" + orgId + "/credits", "{\"allowance\": 1000000}");
        AccessControlTest.BrowserSession browser = admin();

        String page = browser.get("/connections/credits-shown").body();
        String list = browser.get("/?q=credits-shown").body();

        assertThat(page).contains("API credits, 24 h").contains("data-credits=\"" + orgId + "\"").contains("of 1,000,000");
        assertThat(list).contains("<th>API credits</th>").contains("of 1,000,000");
        // the 24-hour chart: an hour a bar, background and interactive stacked, adding up to the org's use
        String chart = page.substring(page.indexOf("<svg data-chart=\"credits-24h\""));
        chart = chart.substring(0, chart.indexOf("</svg>"));
        java.util.regex.Matcher bar = java.util.regex.Pattern.compile("<title>[^<]*: (\\d+) (background|interactive)</title>")
                .matcher(chart);
        long charted = 0;
        int hours = 0;
        while (bar.find()) {
            charted += Long.parseLong(bar.group(1));
            hours += bar.group(2).equals("background") ? 1 : 0;
        }
        long used = service.json(service.getAsAdmin("/api/orgs/" + orgId + "/credits")).path("used").asLong();
        assertThat(hours).as("the hour the window starts in to the hour under way").isEqualTo(25);
        assertThat(used).as("the org read at consent, at least").isPositive();
        assertThat(charted).isEqualTo(used);
        service.sendAsAdmin("PUT", "/api/orgs/" + orgId + "/credits", "{\"allowance\": null}");
    }

    @Test
    void theListPagesFiltersAndSearchesThroughThousands() {
        String prefix = "bulk" + System.nanoTime() % 100000 + "-";
        for (int i = 0; i < 520; i++) {
            store(prefix + String.format("%04d", i), i % 3 == 0 ? "in" : "au");
        }
        // revoked: invisible to the refresh passes other tests run on this shared database
        jdbc.sql("UPDATE zoho_connection SET status = 'REVOKED' WHERE id LIKE :p").param("p", prefix + "%").update();
        try {
            pageThrough(prefix);
        } finally {
            jdbc.sql("DELETE FROM zoho_connection WHERE id LIKE :p").param("p", prefix + "%").update();
        }
    }

    private void pageThrough(String prefix) {
        AccessControlTest.BrowserSession browser = admin();
        HttpResponse<String> first = browser.get("/?q=" + prefix);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(rowIds(first.body())).hasSize(ConnectionDirectory.PAGE_SIZE).first().isEqualTo(prefix + "0000");

        // follow "Next page" to the end: every matching connection exactly once
        List<String> seen = new ArrayList<>(rowIds(first.body()));
        String body = first.body();
        Pattern next = Pattern.compile("href=\"([^\"]+)\" id=\"next-page\"");
        for (Matcher m = next.matcher(body); m.find(); m = next.matcher(body)) {
            body = browser.get(m.group(1).replace("&amp;", "&")).body();
            seen.addAll(rowIds(body));
        }
        assertThat(seen).hasSize(520).doesNotHaveDuplicates();

        List<String> india = rowIds(browser.get("/?q=" + prefix + "&datacenter=in").body());
        assertThat(india).isNotEmpty().allSatisfy(id -> assertThat(Integer.parseInt(id.substring(prefix.length())) % 3).isZero());
        assertThat(rowIds(browser.get("/?q=" + prefix + "0042").body())).containsExactly(prefix + "0042");
        assertThat(rowIds(browser.get("/?q=" + prefix + "&status=ACTIVE").body())).isEmpty();
        assertThat(rowIds(browser.get("/?q=" + prefix + "&status=REVOKED").body())).hasSize(ConnectionDirectory.PAGE_SIZE);
    }

    @Test
    void badFiltersAreAClearPageNotAnError() {
        AccessControlTest.BrowserSession browser = admin();
        for (String query : new String[] {"status=DEAD", "datacenter=mars", "q=%3Cscript%3E", "after=..%2F"}) {
            HttpResponse<String> response = browser.get("/?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.body()).as(query).contains("This request cannot be completed").doesNotContain("<script>");
        }
        assertThat(browser.get("/connections/nobody-here").statusCode()).isEqualTo(404);
    }

    @Test
    void theConnectionPageShowsStatusFactsHistoryAndActions() {
        service.connect("page-conn", "eu", "sandbox");
        clock.advance(Duration.ofMinutes(2));
        service.sendAsAdmin("POST", "/api/connections/page-conn/refresh", null);
        simulator.fault("token", "invalid_code", 1);
        clock.advance(Duration.ofMinutes(2));
        service.sendAsAdmin("POST", "/api/connections/page-conn/refresh", null);

        String page = admin().get("/connections/page-conn").body();
        assertThat(page).contains("NEEDS_REAUTH").contains("id=\"what-to-do\"").contains("Reconnect")
                .contains("EU").contains("sandbox").contains("ZohoCRM.modules.ALL")
                .contains("data-action=\"refresh\"").contains("data-action=\"reconnect\"")
                .contains("data-action=\"link\"").contains("data-action=\"delete\"")
                .contains("<svg data-chart=\"refresh-history\"")
                .contains("connection.needs_reauth").contains("connection.refreshed").contains("connection.created");
        assertThat(page).contains("1 succeeded").contains("1 failed"); // the chart's bars, one success and one failure
        assertThat(Pattern.compile("<form method=\"post\"[^>]*>\\s*<input type=\"hidden\" name=\"_csrf\"").matcher(page).results().count())
                .isGreaterThanOrEqualTo(4); // every action form carries the CSRF token (and so does log out)
    }

    @Test
    void hostileOrgNamesAreShownAsText() {
        simulator.nextGrantOrg("<script>alert('x')</script> & \"Co\"");
        service.connect("hostile-org", "eu", "production");
        AccessControlTest.BrowserSession browser = admin();
        String page = browser.get("/connections/hostile-org").body();
        assertThat(page).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;");
        assertThat(browser.get("/?q=hostile-org").body()).doesNotContain("<script>alert").contains("&lt;script&gt;");
    }

    @Test
    void refreshNowWorksWithTheCsrfTokenAndIsRefusedWithout() {
        service.connect("act-refresh", "eu", "production");
        AccessControlTest.BrowserSession browser = admin();
        Map<String, String> csrf = csrf(browser, "/connections/act-refresh");

        HttpResponse<String> refused = browser.post("/connections/act-refresh/refresh", Map.of());
        assertThat(refused.statusCode()).isEqualTo(403);
        HttpResponse<String> forged = browser.post("/connections/act-refresh/refresh", Map.of("_csrf", "forged"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(audit.page(new AuditQuery("act-refresh", "refresh.forced", null, null, null, 10))).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> done = browser.post("/connections/act-refresh/refresh", csrf);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("id=\"outcome\"").contains("Refresh: refreshed");
        var entry = audit.page(new AuditQuery("act-refresh", "refresh.forced", null, null, null, 10)).get(0);
        assertThat(entry.actor().kind()).isEqualTo("admin");
        assertThat(entry.actor().name()).isEqualTo("admin");
        assertThat(entry.outcome()).isEqualTo("refreshed");

        HttpResponse<String> limited = browser.post("/connections/act-refresh/refresh", csrf);
        assertThat(limited.body()).contains("Refresh: rate limited");
    }

    @Test
    void aConnectLinkIsCreatedWithTheCsrfTokenAndShownOnce() {
        service.connect("act-link", "jp", "production");
        AccessControlTest.BrowserSession browser = admin();
        assertThat(browser.post("/connections/act-link/link", Map.of()).statusCode()).isEqualTo(403);

        HttpResponse<String> created = browser.post("/connections/act-link/link", csrf(browser, "/connections/act-link"));
        assertThat(created.statusCode()).isEqualTo(200);
        Matcher url = Pattern.compile("id=\"link-url\" readonly size=\"80\" value=\"([^\"]+)\"").matcher(created.body());
        assertThat(url.find()).isTrue();
        assertThat(url.group(1)).startsWith(service.baseUrl() + "/connect/link/");
        assertThat(created.body()).contains("data-copy=\"link-url\"");
        // the link works for a stranger, and the audit trail never holds it
        assertThat(service.get(url.group(1)).body()).contains("act-link").contains("Continue to Zoho");
        String token = url.group(1).substring(url.group(1).lastIndexOf('/') + 1);
        assertThat(service.getAsAdmin("/api/connections/act-link/events").body()).contains("link.created").doesNotContain(token);
        // the script the copy button needs is served from the jar
        HttpResponse<String> script = service.get("/assets/dashboard.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("clipboard");
    }

    @Test
    void deleteAsksForConfirmationThenRevokesAndDeletes() {
        service.connect("act-delete", "eu", "production");
        AccessControlTest.BrowserSession browser = admin();
        Map<String, String> csrf = csrf(browser, "/connections/act-delete");
        assertThat(browser.post("/connections/act-delete/delete", Map.of("confirm", "yes")).statusCode()).isEqualTo(403);

        HttpResponse<String> confirm = browser.post("/connections/act-delete/delete", csrf);
        assertThat(confirm.body()).contains("Delete connection <code>act-delete</code>?").contains("id=\"confirm-delete\"");
        assertThat(connections.find("act-delete")).isPresent();

        Map<String, String> confirmed = new LinkedHashMap<>(csrf);
        confirmed.put("confirm", "yes");
        HttpResponse<String> deleted = browser.post("/connections/act-delete/delete", confirmed);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).contains("was revoked at Zoho and deleted");
        assertThat(connections.find("act-delete")).isEmpty();
        assertThat(service.getAsAdmin("/api/events?connection_id=act-delete&type=connection.delete_requested").body())
                .contains("\"kind\":\"admin\"").contains("\"outcome\":\"deleted\"");
    }

    @Test
    void theSyncsPageShowsEachSyncWithChartsAndRunsOneNow() {
        AccessControlTest.BrowserSession browser = admin();
        HttpResponse<String> page = browser.get("/syncs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("props-declared").contains("Deals").contains("incremental")
                .contains("<svg data-chart=\"records-per-run\"").contains("<svg data-chart=\"lag\"")
                .contains("data-action=\"run\"").contains("<a href=\"/syncs\">Syncs</a>");

        assertThat(browser.post("/syncs/props-declared/run", Map.of()).statusCode()).isEqualTo(403);
        HttpResponse<String> started = browser.post("/syncs/props-declared/run", csrf(browser, "/syncs"));
        assertThat(started.statusCode()).isEqualTo(302); // post/redirect/get: reloading the page does not run it again
        assertThat(started.headers().firstValue("Location")).hasValue("/syncs?started=props-declared");
        assertThat(browser.get("/syncs?started=props-declared").body()).contains("id=\"outcome\"").contains("Started sync props-declared");
        assertThat(browser.get("/syncs?started=%3Cnone%3E").body()).doesNotContain("id=\"outcome\"");
        // its connection does not exist: the run ends at once with an error, which the history and page show
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(browser.get("/syncs").body())
                .contains("props-conn").containsPattern("failed run"));
        assertThat(service.getAsAdmin("/api/events?type=sync.run_requested").body()).contains("props-conn");
    }

    private Map<String, String> csrf(AccessControlTest.BrowserSession browser, String path) {
        return Map.of("_csrf", browser.csrfToken(path));
    }

    private static List<String> rowIds(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("<tr><td><a href=\"/connections/([^\"]+)\">").matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private void store(String id, String dc) {
        connections.saveGrant(new NewGrant(id, dc, Environment.PRODUCTION, "http://127.0.0.1/" + dc + "/accounts",
                "http://127.0.0.1/" + dc + "/api", List.of("ZohoCRM.modules.ALL"), new Secret("1000.r." + id),
                new Secret("1000.a." + id), Instant.now().plus(Duration.ofHours(1)), null));
    }
}
