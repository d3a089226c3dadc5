package io.zohoconnect.web.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.LoopbackClient;
import io.zohoconnect.support.ServiceClient;
import io.zohoconnect.web.dashboard.DashboardAssets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19 item 1: requests without a login leave no state on the server — no HTTP session, so no
 * saved request holding their URL and headers — whatever path, method or CSRF token they bring;
 * a session is made only by a successful login, and live sessions are capped
 * ({@code zoho.admin.max-sessions}: the least recently used is signed out). Sessions are counted the
 * way an operator sees them: {@code tomcat_sessions_active_current_sessions} on /actuator/prometheus.
 */
class AnonymousStateTest extends IntegrationTest {

    /** 7 KB of query, as in the flood: each request's URL was kept in a session of its own. */
    private static final String BIG_QUERY = "q=" + "x".repeat(7 * 1024);
    private static final int REPEAT = 20;
    private static final String ACTIVE = "tomcat_sessions_active_current_sessions";
    private static final String CREATED = "tomcat_sessions_created_sessions_total";

    @Value("${zoho.admin.max-sessions}")
    int maxSessions;
    @Autowired
    FailedLogins failedLogins;

    /** Each visit is a stranger with an empty cookie jar (kept only within the visit, as a browser would). */
    static Stream<Arguments> anonymousVisits() {
        return Stream.of(
                visit("a protected page with a 7 KB query", s -> s.get("/?" + BIG_QUERY)),
                visit("an unknown path with a 7 KB query", s -> s.get("/x?" + BIG_QUERY)),
                visit("the connection page", s -> s.get("/connections/acme?" + BIG_QUERY)),
                visit("the syncs page", s -> s.get("/syncs")),
                visit("the login page", s -> s.get("/login")),
                visit("the login path with a 7 KB query", s -> s.get("/login?" + BIG_QUERY)),
                visit("the login page after a failure", s -> s.get("/login?error")),
                visit("the login page after a logout", s -> s.get("/login?logout")),
                visit("GET /error", s -> s.get("/error")),
                visit("a favicon", s -> s.get("/favicon.ico")),
                visit("the dashboard script", s -> s.get(DashboardAssets.SCRIPT_PATH)),
                visit("a login without a CSRF token", s -> s.post("/login", "username=admin&password=wrong")),
                visit("a login with a forged CSRF token", s -> s.post("/login", "username=admin&password=x&_csrf=forged")),
                visit("a wrong password with the form's CSRF token", s -> {
                    String token = s.csrfToken("/login");
                    s.post("/login", "username=admin&password=wrong-password&_csrf=" + token);
                    s.get("/login?error");
                }),
                visit("a logout without a login", s -> s.post("/logout", "")),
                visit("a connect form without a login", s -> s.post("/connect", "connection_id=acme&dc=eu")),
                visit("a dashboard action without a login", s -> s.post("/connections/acme/refresh", "confirm=yes")),
                visit("/connect without a login", s -> s.get(ServiceClient.connectPath("acme", "eu", "production"))),
                visit("a forged connect link", s -> s.get("/connect/link/forged-link-000000000000000000000000000000000")),
                visit("a forged connect link's POST", s -> s.post("/connect/link/forged", "_csrf=x")),
                visit("a forged callback", s -> s.get("/oauth/callback?state=forged&code=1000.x&" + BIG_QUERY)),
                visit("a denied consent", s -> s.get("/oauth/callback?error=access_denied&state=forged")),
                visit("a forged watch callback", s -> s.postJson("/zoho/notifications", "{\"channel_id\":\"1\"}")),
                visit("a forged bulk callback", s -> s.postJson("/zoho/bulk-callbacks/forged", "{}")),
                visit("the API without a key", s -> s.get("/api/connections")),
                visit("the API with a wrong key", s -> s.send(HttpRequest.newBuilder(s.uri("/api/connections"))
                        .header("Authorization", "Bearer wrong-key-0123456789abcdefgh"))),
                visit("the metrics without a key", s -> s.get("/actuator/prometheus")),
                visit("health", s -> s.get("/actuator/health")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("anonymousVisits")
    void anAnonymousRequestLeavesNoSession(String name, Consumer<Stranger> visit) {
        Sessions before = sessions();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < REPEAT; i++) {
            Stranger stranger = new Stranger(service.baseUrl());
            visit.accept(stranger);
            answers.addAll(stranger.answers);
        }
        failedLogins.clear(); // twenty wrong keys lock this address out, the metrics too
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as("%s", answer.uri()).isLessThan(500);
            assertThat(answer.headers().allValues("Set-Cookie")).as("cookies set by %s", answer.uri())
                    .noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
        });
        assertThat(sessions()).as("sessions after %s x %s", REPEAT, name).isEqualTo(before);
    }

    /** A connect link is opened and continued by someone with no login: still no session, and the flow starts. */
    @Test
    void openingAndContinuingAConnectLinkLeavesNoSession() {
        String url = service.json(service.sendAsAdmin("POST", "/api/connect-links",
                "{\"connection_id\":\"no-session-link\",\"dc\":\"eu\"}")).path("url").asText();
        Sessions before = sessions();
        AccessControlTest.BrowserSession person = new AccessControlTest.BrowserSession(service.baseUrl());
        HttpResponse<String> page = person.getUrl(url);
        assertThat(page.statusCode()).isEqualTo(200);
        HttpResponse<String> started = person.post(url.substring(service.baseUrl().length()),
                AccessControlTest.hiddenFields(page.body()));
        assertThat(started.statusCode()).isEqualTo(302);
        assertThat(ServiceClient.location(started)).startsWith(simulator.baseUrl() + "/eu/accounts/oauth/v2/auth?");
        assertThat(person.cookie("JSESSIONID")).isNull();
        assertThat(sessions()).isEqualTo(before);
    }

    /** The reproduction, smaller: a flood of cookie-less 7 KB requests to a protected page. */
    @Test
    void aFloodOfAnonymousRequestsLeavesNoSession() {
        Sessions before = sessions();
        HttpClient cookieless = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (int i = 0; i < 300; i++) {
            HttpResponse<String> answer = send(cookieless, HttpRequest.newBuilder(
                    URI.create(service.baseUrl() + "/x" + i + "?" + BIG_QUERY)).GET());
            assertThat(answer.statusCode()).isEqualTo(302);
        }
        assertThat(sessions()).isEqualTo(before);
    }

    /**
     * Without a session the login form's CSRF token is checked against its cookie: a missing, empty, foreign or
     * wrongly named cookie is a 403, and nothing is logged in; the pair a browser was given works.
     */
    @Test
    void theLoginFormsCsrfTokenMustMatchItsCookie() {
        LoopbackClient browser = new LoopbackClient(LoopbackClient.CLIENT, URI.create(service.baseUrl()).getPort());
        LoopbackClient.Answer page = browser.get("/login");
        String cookie = page.setCookie(CsrfCookies.COOKIE).orElseThrow();
        assertThat(cookie).contains("; Path=/").contains("; HttpOnly").contains("SameSite=Strict");
        String value = cookie.substring(CsrfCookies.COOKIE.length() + 1, cookie.indexOf(';'));
        Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).isTrue();
        String form = "username=admin&password=" + IntegrationTest.ADMIN_KEY + "&_csrf=" + token.group(1);
        String otherValue = new LoopbackClient(LoopbackClient.CLIENT, URI.create(service.baseUrl()).getPort()).get("/login")
                .setCookie(CsrfCookies.COOKIE).map(c -> c.substring(CsrfCookies.COOKIE.length() + 1, c.indexOf(';')))
                .orElseThrow();
        for (String cookies : List.of("", CsrfCookies.COOKIE + "=", CsrfCookies.COOKIE + "=" + otherValue,
                CsrfCookies.SECURE_COOKIE + "=" + value, CsrfCookies.COOKIE.toLowerCase() + "=" + value,
                CsrfCookies.COOKIE + "=" + value + "x")) {
            List<String> headers = new ArrayList<>(List.of("Content-Type: application/x-www-form-urlencoded"));
            if (!cookies.isEmpty()) {
                headers.add("Cookie: " + cookies);
            }
            LoopbackClient.Answer refused = browser.send("POST", "/login", form, headers.toArray(String[]::new));
            assertThat(refused.status()).as("cookie %s", cookies).isEqualTo(403);
            assertThat(refused.setCookie("JSESSIONID")).as("cookie %s", cookies).isEmpty();
        }
        LoopbackClient.Answer loggedIn = browser.send("POST", "/login", form,
                "Content-Type: application/x-www-form-urlencoded", "Cookie: " + CsrfCookies.COOKIE + "=" + value);
        assertThat(loggedIn.status()).isEqualTo(302);
        assertThat(loggedIn.setCookie("JSESSIONID")).isPresent();
    }

    /** Counted as created, since other tests may have filled the table to its cap (then a login replaces one). */
    @Test
    void aLoginMakesExactlyOneSessionAndALogoutEndsIt() {
        Sessions before = sessions();
        AccessControlTest.BrowserSession browser = new AccessControlTest.BrowserSession(service.baseUrl());
        assertThat(browser.get("/syncs?" + BIG_QUERY).statusCode()).isEqualTo(302);
        assertThat(browser.get("/login").statusCode()).isEqualTo(200);
        assertThat(sessions()).as("a protected page and the login page").isEqualTo(before);

        HttpResponse<String> login = browser.login("admin", IntegrationTest.ADMIN_KEY);
        assertThat(ServiceClient.location(login)).as("no saved request: the dashboard").isEqualTo("/");
        Sessions loggedIn = sessions();
        assertThat(loggedIn.created()).as("sessions created by the login").isEqualTo(before.created() + 1);
        assertThat(loggedIn.active()).isEqualTo(Math.min(before.active() + 1, maxSessions));
        for (String page : List.of("/", "/syncs", "/connections/nobody", "/?" + BIG_QUERY)) {
            browser.get(page);
        }
        assertThat(sessions()).as("after pages of the dashboard").isEqualTo(loggedIn);

        HttpResponse<String> logout = browser.post("/logout", Map.of("_csrf", browser.csrfToken("/")));
        assertThat(ServiceClient.location(logout)).endsWith("/login?logout");
        assertThat(sessions().active()).as("after the logout").isEqualTo(loggedIn.active() - 1);
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
    }

    /**
     * At {@code zoho.admin.max-sessions} live sessions a new login still succeeds: the session used
     * least recently is signed out to make room (a dashboard kept in use stays signed in).
     */
    @Test
    void liveSessionsAreCappedAndTheLeastRecentlyUsedIsSignedOut() {
        int cap = maxSessions;
        AccessControlTest.BrowserSession idle = new AccessControlTest.BrowserSession(service.baseUrl());
        idle.login("admin", IntegrationTest.ADMIN_KEY);
        AccessControlTest.BrowserSession busy = new AccessControlTest.BrowserSession(service.baseUrl());
        busy.login("admin", IntegrationTest.ADMIN_KEY);
        AccessControlTest.BrowserSession newest = null;
        for (int i = 0; i < cap; i++) {
            assertThat(busy.get("/syncs").statusCode()).as("the dashboard in use, login %s", i).isEqualTo(200);
            newest = new AccessControlTest.BrowserSession(service.baseUrl());
            HttpResponse<String> login = newest.login("admin", IntegrationTest.ADMIN_KEY);
            assertThat(login.statusCode()).isEqualTo(302);
            assertThat(ServiceClient.location(login)).doesNotContain("error");
            assertThat(sessions().active()).as("live sessions after login %s", i).isLessThanOrEqualTo(cap);
        }
        assertThat(sessions().active()).isEqualTo(cap);
        assertThat(newest.get("/").statusCode()).as("the newest login").isEqualTo(200);
        assertThat(busy.get("/").statusCode()).as("the session in use").isEqualTo(200);
        HttpResponse<String> signedOut = idle.get("/");
        assertThat(signedOut.statusCode()).as("the idle session").isEqualTo(302);
        assertThat(ServiceClient.location(signedOut)).endsWith("/login");
    }

    /** Tomcat's session counts, as /actuator/prometheus shows them to an operator. */
    private Sessions sessions() {
        HttpResponse<String> metrics = service.getAsAdmin("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        return new Sessions(metric(metrics.body(), ACTIVE), metric(metrics.body(), CREATED));
    }

    private static long metric(String metrics, String name) {
        Matcher value = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
        assertThat(value.find()).as("%s on /actuator/prometheus", name).isTrue();
        return (long) Double.parseDouble(value.group(1));
    }

    /** Live sessions, and sessions ever created. */
    record Sessions(long active, long created) {
    }

    private static Arguments visit(String name, Consumer<Stranger> visit) {
        return Arguments.of(name, visit);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A browser with no login: cookies kept for one visit, redirects not followed, every answer recorded. */
    static final class Stranger {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private final String base;
        private final List<HttpResponse<String>> answers = new ArrayList<>();

        Stranger(String base) {
            this.base = base;
        }

        URI uri(String path) {
            return URI.create(base + path);
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).GET());
        }

        HttpResponse<String> post(String path, String form) {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        HttpResponse<String> postJson(String path, String json) {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        String csrfToken(String path) {
            Matcher token = CSRF.matcher(get(path).body());
            assertThat(token.find()).as("a CSRF token on %s", path).isTrue();
            return token.group(1);
        }

        HttpResponse<String> send(HttpRequest.Builder request) {
            HttpResponse<String> answer = AnonymousStateTest.send(http, request);
            answers.add(answer);
            return answer;
        }
    }
}
