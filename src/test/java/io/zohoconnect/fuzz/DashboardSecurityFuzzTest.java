package io.zohoconnect.fuzz;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zohoconnect.connection.ConnectionIds;
import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.ServiceClient;
import io.zohoconnect.web.security.FailedLogins;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.zohoconnect.fuzz.Gen.weighted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's pages and actions and the audit/OpenAPI endpoints (issue 14) against requests
 * that must not get through: no login, a wrong admin key, a POST without or with a forged CSRF token
 * (from a logged-in browser and from a script holding the admin key), and hostile connection ids in
 * the path. None of them may act — checked on the audit trail and the stored connection — and none
 * may answer 500, a stack trace or reflected markup. Inputs: {@link Fuzz#sample} (every edge case, then a number
 * of random ones), looped in one test per page kind, as they share a logged-in session.
 */
@ExtendWith(ReplaySeed.class)
class DashboardSecurityFuzzTest extends IntegrationTest {

    private static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    private static final List<String> PAGES = List.of("/", "/?status=NEEDS_REAUTH&datacenter=eu&q=x", "/connections/fuzz-target",
            "/syncs");
    private static final List<String> ACTIONS = List.of("/connections/fuzz-target/refresh", "/connections/fuzz-target/link",
            "/connections/fuzz-target/delete", "/syncs/props-declared/run");
    private static final List<String> API = List.of("/api/events", "/api/events?limit=5&actor=admin",
            "/api/connections/fuzz-target/events", "/api/openapi.json");

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private FailedLogins failedLogins;
    private Random random;

    @BeforeEach
    void seed(TestInfo test) {
        random = Fuzz.random(test.getDisplayName());
    }

    @Test
    void everyPageAndActionNeedsTheLoginAndNoneActsWithoutIt() {
        service.connect("fuzz-target", "eu", "production");
        long entries = auditEntries();
        for (String page : PAGES) {
            HttpResponse<String> response = service.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(ServiceClient.location(response)).as(page).endsWith("/login");
        }
        for (String action : ACTIONS) {
            Map<String, String> confirm = Map.of("confirm", "yes", "_csrf", "forged");
            HttpResponse<String> response = service.postForm(action, confirm);
            assertThat(response.statusCode()).as(action).isIn(302, 403);
            Reply reply = Reply.raw(port(), "POST", action, "Content-Type: application/x-www-form-urlencoded",
                    "Content-Length: 0");
            ReplyChecks.safe(reply, action);
            assertThat(reply.status()).as(action).isIn(302, 403);
        }
        assertNothingHappened(entries);
    }

    @Test
    void noActionRunsWithoutTheSessionsCsrfToken() {
        service.connect("fuzz-target", "eu", "production");
        Session admin = Session.login(service.baseUrl(), ADMIN_KEY);
        long entries = auditEntries();
        // edge cases: every one of Fuzz.text's, 36 x "0", 36 x "-"; and no token at all
        List<String> tokens = new ArrayList<>(Fuzz.sample(Gen.frequency(weighted(3, Fuzz.text()),
                weighted(1, Gen.strings("0123456789abcdef-", 36, 36))), 30, random));
        tokens.add(null);
        for (String action : ACTIONS) {
            for (String token : tokens) {
                Map<String, String> form = new LinkedHashMap<>();
                form.put("confirm", "yes");
                if (token != null) {
                    form.put("_csrf", token);
                }
                HttpResponse<String> response = admin.post(action, form);
                assertThat(response.statusCode()).as("%s with csrf %s", action, Fuzz.show(token)).isEqualTo(403);
                ReplyChecks.safe(Reply.of("POST " + action, response), token);
            }
            // a script with the admin key is no exception: dashboard actions are for browsers, with their token
            HttpResponse<String> scripted = service.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + action))
                    .header("Authorization", "Bearer " + ADMIN_KEY)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("confirm=yes")));
            assertThat(scripted.statusCode()).as(action).isEqualTo(403);
        }
        assertNothingHappened(entries);
    }

    @Test
    void theAuditAndOpenApiEndpointsNeedTheAdminKey() {
        for (String path : API) {
            for (String key : List.of("", "wrong-key-0123456789abcdefgh", ADMIN_KEY + "x", "Basic YWRtaW46eA==")) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).GET();
                if (!key.isEmpty()) {
                    request.header("Authorization", key.startsWith("Basic") ? key : "Bearer " + key);
                }
                Reply reply = Reply.of("GET " + path, service.send(request));
                ReplyChecks.safe(reply, key);
                assertThat(reply.status()).as("%s with key %s", path, key).isEqualTo(401);
                ReplyChecks.jsonError(reply, key);
            }
        }
    }

    /**
     * Scoped API keys (issue 21): every malformed, bare, empty, repeated, encoded or near-miss {@code Authorization}
     * header — and a raw Zoho token — is a 401 on the admin API and on the gateway (there with
     * {@code Zoho-Connect-Error: true}), never a 5xx, and nothing reaches Zoho; the real key still works afterwards.
     */
    @Test
    void malformedAuthorizationHeadersNeverAuthenticateAKey() {
        service.connect("fuzz-key-target", "eu", "production");
        String key = service.json(service.sendAsAdmin("POST", "/api/keys", "{\"name\":\"fuzz\",\"connections\":"
                + "[\"fuzz-key-target\"],\"permissions\":[\"proxy:read\",\"connections:read\"]}")).path("key").asText();
        String deleted = service.json(service.sendAsAdmin("POST", "/api/keys", "{\"name\":\"gone\",\"connections\":"
                + "[\"fuzz-key-target\"],\"permissions\":[\"proxy:read\"]}")).path("key").asText();
        jdbc.sql("DELETE FROM zoho_api_key WHERE name = 'gone'").update();
        String token = service.json(service.getAsAdmin("/api/connections/fuzz-key-target/access-token")).path("access_token").asText();
        Gen<String> near = Gen.of(key.substring(0, key.length() - 1), key + "x", key.toUpperCase(java.util.Locale.ROOT),
                key.substring(3), "zc_", "zc_" + key, key.replace("zc_", "ZC_"), key.substring(0, 20) + " " + key.substring(20),
                deleted, URLEncoder.encode(key + "=", StandardCharsets.UTF_8) + "%0d%0a", "zc_" + "A".repeat(200));
        Gen<List<String>> headers = Gen.oneOf(
                Gen.of(List.of("Authorization: Bearer"), List.of("Authorization: Bearer "), List.of("Authorization:"),
                        List.of("Authorization: " + key), List.of("Authorization: Bearer%20" + key),
                        List.of("Authorization: Bearer\t"), List.of("Authorization: Basic " + java.util.Base64.getEncoder()
                                .encodeToString(("admin:" + key).getBytes(StandardCharsets.UTF_8))),
                        List.of("Authorization: Zoho-oauthtoken " + token), List.of("Authorization: Bearer " + token),
                        List.of("Authorization: Bearer " + key, "Authorization: Bearer " + key),
                        List.of("Authorization: Bearer " + key, "Authorization: Bearer nope"),
                        List.of("Authorization: Bearer nope", "Authorization: Bearer " + key),
                        List.of("Authorization: Bearer " + key + ", Bearer " + key)),
                near.map(secret -> List.of("Authorization: Bearer " + secret)));
        for (List<String> lines : Fuzz.sample(headers, 60, random)) {
            for (String target : List.of("/api/connections/fuzz-key-target", "/proxy/crm/v8/Leads?fields=Last_Name")) {
                failedLogins.clear();
                simulator.reset();
                List<String> all = new ArrayList<>(lines);
                all.add("Zoho-Connection-Id: fuzz-key-target");
                Reply reply = Reply.raw(URI.create(service.baseUrl()).getPort(), "GET", target, all.toArray(String[]::new));
                String context = Fuzz.show(lines) + " on " + target + " (seed " + Fuzz.SEED + ")";
                ReplyChecks.safe(reply, lines);
                assertThat(reply.status()).as(context).isIn(400, 401);
                ReplyChecks.jsonError(reply, lines);
                if (target.startsWith("/proxy/")) {
                    assertThat(reply.header("zoho-connect-error")).as(context).isEqualTo("true");
                }
                assertThat(simulator.requests()).as(context).isEmpty();
            }
        }
        failedLogins.clear();
        assertThat(Reply.raw(URI.create(service.baseUrl()).getPort(), "GET", "/proxy/crm/v8/Leads?fields=Last_Name",
                "Authorization: Bearer " + key, "Zoho-Connection-Id: fuzz-key-target").status()).isEqualTo(200);
    }

    @Test
    void hostileIdsInDashboardPathsGetAPageNotAnError() {
        Session admin = Session.login(service.baseUrl(), ADMIN_KEY);
        // edge cases: every one of Fuzz.text's, "nobody-a", "nobody--"
        Gen<String> ids = Gen.frequency(weighted(3, Fuzz.text()),
                weighted(1, Gen.strings("abcXYZ0189._-", 1, 70).map(s -> "nobody-" + s)));
        for (String id : Fuzz.sample(ids, 60, random)) {
            String segment = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
            boolean valid = ConnectionIds.PATTERN.matcher(id).matches();
            for (String path : List.of("/connections/" + segment, "/?q=" + segment, "/?status=" + segment,
                    "/?datacenter=" + segment, "/connections/nobody?before=" + segment)) {
                if (segment.isEmpty() && path.equals("/connections/")) {
                    continue;
                }
                HttpResponse<String> response = admin.get(path);
                Reply reply = Reply.of("GET " + path, response);
                ReplyChecks.safe(reply, id);
                if (path.startsWith("/connections/") && !path.contains("?")) {
                    assertThat(response.statusCode()).as("%s", reply).isIn(valid ? 404 : 400, 404, 400);
                }
            }
            HttpResponse<String> action = admin.post("/connections/" + segment + "/refresh",
                    Map.of("_csrf", admin.csrf("/syncs")));
            ReplyChecks.safe(Reply.of("POST refresh " + id, action), id);
            assertThat(action.statusCode()).as(Fuzz.show(id)).isIn(400, 404, 405);
        }
    }

    private void assertNothingHappened(long entriesBefore) {
        assertThat(auditEntries()).as("audit entries: no action ran").isEqualTo(entriesBefore);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM zoho_connection WHERE id = 'fuzz-target'").query(Long.class).single())
                .isEqualTo(1);
    }

    private long auditEntries() {
        return jdbc.sql("SELECT COUNT(*) FROM zoho_audit_event WHERE connection_id IN ('fuzz-target', 'props-conn')")
                .query(Long.class).single();
    }

    private int port() {
        return URI.create(service.baseUrl()).getPort();
    }

    /** A logged-in browser: cookies kept, redirects not followed, CSRF tokens read from pages. */
    private static final class Session {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private final String base;

        private Session(String base) {
            this.base = base;
        }

        static Session login(String base, String password) {
            Session session = new Session(base);
            HttpResponse<String> login = session.post("/login", Map.of("username", "admin", "password", password,
                    "_csrf", session.csrf("/login")));
            assertThat(ServiceClient.location(login)).doesNotContain("error");
            return session;
        }

        String csrf(String path) {
            Matcher m = CSRF.matcher(get(path).body());
            assertThat(m.find()).as("CSRF token on %s", path).isTrue();
            return m.group(1);
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        HttpResponse<String> post(String path, Map<String, String> form) {
            return send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(ServiceClient.query(form))));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
