package io.zohoconnect.web.security;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.ZohoProperties;
import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.credentials.Randoms;
import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.LoopbackClient;
import io.zohoconnect.support.ServiceClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may do what over HTTP: the admin key, the dashboard login, connect links, the open callback. */
@ExtendWith(OutputCaptureExtension.class)
public class AccessControlTest extends IntegrationTest {

    static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";

    @Autowired
    ConnectionStore connections;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ZohoProperties properties;

    @ParameterizedTest
    @ValueSource(strings = {"/api/connections", "/api/connections/acme", "/actuator/prometheus"})
    void theApiNeedsTheAdminKey(String path) {
        HttpResponse<String> none = service.get(path);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(service.json(none).path("error").asText()).isEqualTo("unauthorized");

        HttpResponse<String> wrong = service.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", "Bearer test-admin-key-0123456789abcdeX"));
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    /**
     * Every page a browser sees — the login, a link's confirm page, the callback's result — can be
     * neither framed (clickjacking) nor leak its URL (code, state, link token) through Referer or a
     * cache (RFC 9700 §4.2, §4.3, §4.16).
     */
    @ParameterizedTest
    @ValueSource(strings = {"/login", "/connect/link/not-a-real-link-token", "/oauth/callback?state=forged&code=1000.x"})
    void securityHeadersProtectEveryPage(String path) {
        HttpResponse<String> page = service.get(path);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(
                cache -> assertThat(cache).contains("no-store"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void healthIsOpen() {
        assertThat(service.get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void connectWithoutCredentialsSendsABrowserToTheLogin() {
        HttpResponse<String> response = service.get(ServiceClient.connectPath("acme", "eu", "production"));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(ServiceClient.location(response)).endsWith("/login");
    }

    @Test
    void connectWithAWrongKeyIsA401() {
        HttpResponse<String> response = service.send(HttpRequest.newBuilder(URI.create(service.baseUrl()
                + ServiceClient.connectPath("acme", "eu", "production"))).header("Authorization", "Bearer nope"));
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void theDashboardNeedsALoginAndShowsConnectionsAfterIt() {
        assertThat(ServiceClient.location(service.get("/"))).endsWith("/login");
        String id = "dash-" + System.nanoTime();
        service.connect(id, "ca", "production");

        BrowserSession browser = new BrowserSession(service.baseUrl());
        assertThat(browser.login("admin", "wrong-password").statusCode()).isEqualTo(302);
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
        browser.login("admin", ADMIN_KEY);
        HttpResponse<String> dashboard = browser.get("/?q=" + id);
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains(id).contains("ACTIVE").contains("CA").contains("name=\"connection_id\"")
                .contains("<form class=\"connect\" method=\"post\" action=\"/connect\">");
    }

    // ---- issue 9 item 1: no connection takeover through /connect

    /** Every way of spelling a link parameter on /connect; %s is the victim's connection id. */
    @ParameterizedTest
    @ValueSource(strings = {"link=&connection_id=%s&dc=eu", "link&connection_id=%s&dc=eu", "connection_id=%s&dc=eu&link",
            "connection_id=%s&dc=eu&link=", "link=%%20&connection_id=%s&dc=eu", "link=+&connection_id=%s&dc=eu",
            "link=a&link=b&connection_id=%s&dc=eu", "link=&link=&connection_id=%s&dc=eu", "%%6Cink=&connection_id=%s&dc=eu",
            "%%6C%%69%%6E%%6B=x&connection_id=%s&dc=eu", "LINK=&connection_id=%s&dc=eu", "Link=x&connection_id=%s&dc=eu",
            "link%%5B%%5D=x&connection_id=%s&dc=eu", "+link=&connection_id=%s&dc=eu", "lin%%6B&connection_id=%s&dc=eu",
            "link=forged-link-value&connection_id=%s&dc=eu", "connection_id=%s&link=%%26&dc=eu"})
    void aLinkParameterOnConnectIsRefusedInEverySpellingAndNeverStartsAFlow(String spelling) {
        String victim = "victim-" + System.nanoTime();
        service.connect(victim, "eu", "production");
        Connection before = connections.find(victim).orElseThrow();
        JsonNode zohoBefore = simulator.counters();

        ServiceClient stranger = new ServiceClient(URI.create(service.baseUrl()).getPort(), ADMIN_KEY);
        HttpResponse<String> response = stranger.get("/connect?" + spelling.formatted(victim));

        assertThat(response.statusCode()).as(spelling).isEqualTo(401);
        assertThat(service.json(response).path("error").asText()).isEqualTo("invalid_link");
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(statesOf(victim)).as("states issued for the victim").isZero();
        JsonNode zohoAfter = simulator.counters();
        assertThat(zohoAfter.path("authRequests")).isEqualTo(zohoBefore.path("authRequests"));
        assertThat(zohoAfter.path("tokenRequests")).isEqualTo(zohoBefore.path("tokenRequests"));
        Connection after = connections.find(victim).orElseThrow();
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.refreshToken().sameAs(before.refreshToken())).isTrue();
    }

    @Test
    void aLinkParameterOnConnectIsRefusedEvenForAnAdmin() {
        String id = "admin-link-" + System.nanoTime();
        HttpResponse<String> withKey = service.getAsAdmin("/connect?link=&connection_id=" + id + "&dc=eu");
        assertThat(withKey.statusCode()).isEqualTo(401);
        assertThat(service.json(withKey).path("error").asText()).isEqualTo("invalid_link");

        BrowserSession browser = new BrowserSession(service.baseUrl());
        browser.login("admin", ADMIN_KEY);
        assertThat(browser.get("/connect?%6Cink=x&connection_id=" + id + "&dc=eu").statusCode()).isEqualTo(401);
        HttpResponse<String> form = browser.post("/connect", Map.of("link", "", "connection_id", id, "dc", "eu",
                "_csrf", browser.csrfToken("/")));
        assertThat(form.statusCode()).isEqualTo(401);
        assertThat(statesOf(id)).isZero();
    }

    // ---- issue 9 item 6: no state-changing GET; the dashboard POSTs with a CSRF token

    @Test
    void aSessionGetOfConnectShowsAConfirmPageAndTheConfirmationStartsTheFlow() {
        String id = "confirm-" + System.nanoTime();
        BrowserSession browser = new BrowserSession(service.baseUrl());
        browser.login("admin", ADMIN_KEY);

        HttpResponse<String> page = browser.get(ServiceClient.connectPath(id, "eu", "sandbox") + "&allow_org_change=true");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Continue to Zoho").contains(id).contains("method=\"post\" action=\"/connect\"");
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(statesOf(id)).as("a GET on a session cookie alone starts nothing").isZero();

        HttpResponse<String> started = browser.post("/connect", hiddenFields(page.body()));
        assertThat(started.statusCode()).isEqualTo(302);
        assertThat(ServiceClient.location(started)).startsWith(simulator.baseUrl() + "/eu/accounts/oauth/v2/auth?");
        assertThat(browser.cookie(BrowserBinding.COOKIE)).isNotNull();
        assertThat(allowOrgChangeOf(id)).as("allow_org_change passed through the confirm page").isTrue();
        assertThat(browserHashOf(id)).isEqualTo(Randoms.sha256Hex(browser.cookie(BrowserBinding.COOKIE)));
    }

    @Test
    void anAdminKeyGetOfConnectStillRedirectsAtOnceBoundToTheCallersCookie() {
        String id = "script-" + System.nanoTime();
        HttpResponse<String> started = service.getAsAdmin(ServiceClient.connectPath(id, "jp", "production")
                + "&allow_org_change=true");
        assertThat(started.statusCode()).isEqualTo(302);
        assertThat(ServiceClient.location(started)).startsWith(simulator.baseUrl() + "/jp/accounts/oauth/v2/auth?");
        String cookie = service.cookie(BrowserBinding.COOKIE).orElseThrow();
        assertThat(browserHashOf(id)).isEqualTo(Randoms.sha256Hex(cookie));
        assertThat(allowOrgChangeOf(id)).as("allow_org_change passed through the query").isTrue();
    }

    @Test
    void theDashboardStartsAConnectByPostAndOnlyWithItsCsrfToken() {
        String id = "dash-post-" + System.nanoTime();
        BrowserSession browser = new BrowserSession(service.baseUrl());
        browser.login("admin", ADMIN_KEY);
        Map<String, String> form = new LinkedHashMap<>(Map.of("connection_id", id, "dc", "au", "environment", "production"));

        assertThat(browser.post("/connect", form).statusCode()).as("no CSRF token").isEqualTo(403);
        form.put("_csrf", "forged-token");
        assertThat(browser.post("/connect", form).statusCode()).as("a wrong CSRF token").isEqualTo(403);
        assertThat(statesOf(id)).isZero();

        form.put("_csrf", browser.csrfToken("/"));
        HttpResponse<String> started = browser.post("/connect", form);
        assertThat(started.statusCode()).isEqualTo(302);
        HttpResponse<String> callback = browser.getUrl(ServiceClient.location(browser.getUrl(ServiceClient.location(started))));
        assertThat(callback.statusCode()).isEqualTo(200);
        assertThat(callback.body()).contains("Connected to Zoho").contains(id);
    }

    // ---- connect links: their own path; opening shows a page, continuing uses the link up

    @Test
    void openingAConnectLinkDoesNotUseItUpContinuingDoesAndOnlyOnce() {
        HttpResponse<String> created = service.sendAsAdmin("POST", "/api/connect-links",
                "{\"connection_id\":\"linked-acme\",\"dc\":\"in\",\"environment\":\"developer\",\"allow_org_change\":true}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode link = service.json(created);
        String url = link.path("url").asText();
        assertThat(url).matches(Pattern.quote(service.baseUrl() + "/connect/link/") + "[A-Za-z0-9_-]{43}");
        assertThat(link.path("expires_at").asText()).isNotBlank();
        String path = url.substring(service.baseUrl().length());

        BrowserSession person = new BrowserSession(service.baseUrl());
        // a link-preview bot, then the person: both only see what the link connects
        assertThat(new BrowserSession(service.baseUrl()).get(path).statusCode()).isEqualTo(200);
        HttpResponse<String> page = person.get(path + "?connection_id=someone-else&dc=us");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("linked-acme").contains("IN").contains("developer").contains("Continue to Zoho")
                .contains("action=\"" + path + "\"").doesNotContain("someone-else");
        assertThat(statesOf("linked-acme")).isZero();

        assertThat(person.post(path, Map.of()).statusCode()).as("continuing without the CSRF token").isEqualTo(403);
        HttpResponse<String> started = person.post(path, hiddenFields(page.body()));
        assertThat(started.statusCode()).isEqualTo(302);
        assertThat(ServiceClient.location(started)).startsWith(simulator.baseUrl() + "/in/accounts/oauth/v2/auth?");
        assertThat(allowOrgChangeOf("linked-acme")).as("allow_org_change passed through the link").isTrue();
        assertThat(browserHashOf("linked-acme")).isEqualTo(Randoms.sha256Hex(person.cookie(BrowserBinding.COOKIE)));

        HttpResponse<String> again = person.get(path);
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(again.body()).contains("invalid_link");
        assertThat(person.post(path, hiddenFields(page.body())).statusCode()).isEqualTo(401);

        HttpResponse<String> callback = person.getUrl(ServiceClient.location(person.getUrl(ServiceClient.location(started))));
        assertThat(callback.statusCode()).isEqualTo(200);
        assertThat(callback.body()).contains("linked-acme");
    }

    /**
     * Only the exact token opens a link: the token case-flipped, truncated, doubled, with a trailing
     * segment or slash, or given again as a parameter starts nothing, and leaves the real link usable.
     */
    @Test
    void aLinkOpensOnlyWithItsExactToken() {
        String url = service.json(service.sendAsAdmin("POST", "/api/connect-links",
                "{\"connection_id\":\"exact-link\",\"dc\":\"eu\"}")).path("url").asText();
        String path = url.substring(service.baseUrl().length());
        String token = path.substring("/connect/link/".length());
        String flipped = token.chars().mapToObj(c -> String.valueOf((char) (Character.isUpperCase(c)
                ? Character.toLowerCase(c) : Character.toUpperCase(c)))).collect(java.util.stream.Collectors.joining());
        for (String variant : java.util.List.of("/connect/link/" + flipped, path.substring(0, path.length() - 1),
                path + token, path + "/x", path + "/", "/connect/link/" + " " + token,
                "/connect/link?token=" + token, "/connect?link=" + token, "/connect?link=" + token + "&link=" + token)) {
            BrowserSession stranger = new BrowserSession(service.baseUrl());
            HttpResponse<String> opened = stranger.get(variant.replace(" ", "%20"));
            assertThat(opened.statusCode()).as(variant).isNotEqualTo(200);
            assertNoFlowStarted(variant, opened);
            assertNoFlowStarted("POST " + variant, stranger.post(variant.replace(" ", "%20"), Map.of()));
            assertThat(statesOf("exact-link")).as(variant).isZero();
        }
        BrowserSession owner = new BrowserSession(service.baseUrl());
        HttpResponse<String> page = owner.get(path);
        assertThat(page.statusCode()).as("the real link still opens").isEqualTo(200);
        assertThat(owner.post(path, hiddenFields(page.body())).statusCode()).isEqualTo(302);
    }

    /** A refusal, or at most a redirect to the login page: never on to Zoho. */
    private static void assertNoFlowStarted(String what, HttpResponse<String> response) {
        if (response.statusCode() == 302) {
            assertThat(ServiceClient.location(response)).as(what).endsWith("/login");
        } else {
            assertThat(response.statusCode()).as(what).isIn(400, 401, 403, 404, 405);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/connect/link/forged-link-value-000000000000000000000000", "/connect/link/x",
            "/connect/link/%3Cscript%3E", "/connect/link/", "/connect/link/%20", "/connect/link/%2520",
            "/connect/link//", "/connect/link/..%2F..%2Fapi%2Fconnections", "/connect/link?link=x"})
    void aForgedLinkIsRejected(String path) {
        HttpResponse<String> response = service.get(path);
        // refused (400/401), not found, or — outside the link path, which needs a login — sent to the login
        assertThat(response.statusCode()).as(path).isIn(400, 401, 404, 302);
        if (response.statusCode() == 302) {
            assertThat(ServiceClient.location(response)).as(path).endsWith("/login");
        } else {
            assertThat(response.headers().firstValue("Location")).isEmpty();
        }
        assertThat(response.body()).doesNotContain("<script>");
    }

    @Test
    void anExpiredLinkIsRejected() {
        String url = service.json(service.sendAsAdmin("POST", "/api/connect-links",
                "{\"connection_id\":\"late\",\"dc\":\"eu\"}")).path("url").asText();
        clock.advance(java.time.Duration.ofMinutes(16));
        HttpResponse<String> response = service.get(url);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_link");
    }

    // ---- issue 9 item 7: behind a TLS proxy; brute force

    /**
     * Behind a TLS-terminating proxy listed in zoho.trusted-proxies (the tests' one: {@link LoopbackClient#PROXY}),
     * requests are secure: the binding and CSRF cookies are Secure and __Host- prefixed, HSTS is sent, and no
     * session is made before a login. The same requests from anywhere else are plain HTTP.
     */
    @Test
    void behindATlsProxyTheCookiesAreSecureAndHstsIsSent() {
        String id = "tls-" + System.nanoTime();
        LoopbackClient proxy = new LoopbackClient(LoopbackClient.PROXY, URI.create(service.baseUrl()).getPort());
        LoopbackClient.Answer secure = proxy.get(ServiceClient.connectPath(id, "eu", "production"),
                "Authorization: Bearer " + ADMIN_KEY, "X-Forwarded-Proto: https", "X-Forwarded-For: 198.51.100.60");
        assertThat(secure.status()).isEqualTo(302);
        assertThat(secure.setCookie(BrowserBinding.SECURE_COOKIE)).hasValueSatisfying(cookie -> assertThat(cookie)
                .contains("; Path=/").contains("; HttpOnly").contains("; SameSite=Lax").contains("; Secure"));
        assertThat(secure.header("Strict-Transport-Security")).hasValueSatisfying(
                hsts -> assertThat(hsts).contains("max-age="));

        LoopbackClient.Answer login = proxy.get("/login", "X-Forwarded-Proto: https");
        assertThat(login.setCookie(CsrfCookies.SECURE_COOKIE)).hasValueSatisfying(csrf -> assertThat(csrf)
                .contains("; Path=/").contains("; Secure").contains("; HttpOnly"));
        assertThat(login.setCookie("JSESSIONID")).as("no session before a login").isEmpty();
        assertThat(login.header("Strict-Transport-Security")).isPresent();

        HttpResponse<String> plain = new ServiceClient(URI.create(service.baseUrl()).getPort(), ADMIN_KEY)
                .getAsAdmin(ServiceClient.connectPath(id, "eu", "production"));
        assertThat(plain.headers().allValues("Set-Cookie")).singleElement().satisfies(c -> assertThat(c)
                .startsWith(BrowserBinding.COOKIE + "=").contains("; HttpOnly").contains("; SameSite=Lax")
                .doesNotContain("Secure"));
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void wrongAdminKeysLockTheClientAddressOutUntilTheWindowPasses(CapturedOutput output) {
        int allowed = properties.admin().maxFailedLogins();
        String wrongKey = "wrong-key-" + System.nanoTime();
        for (int i = 0; i < allowed; i++) {
            assertThat(api(wrongKey).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> over = api(wrongKey);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(service.json(over).path("error").asText()).isEqualTo("too_many_attempts");
        assertThat(over.headers().firstValue("Retry-After")).isPresent();
        assertThat(api(ADMIN_KEY).statusCode()).as("even the right key").isEqualTo(429);
        LoopbackClient otherAddress = new LoopbackClient("127.0.0.3", URI.create(service.baseUrl()).getPort());
        assertThat(otherAddress.get("/api/connections?limit=1", "Authorization: Bearer " + ADMIN_KEY).status())
                .as("another address").isEqualTo(200);

        clock.advance(properties.admin().failedLoginWindow().plusSeconds(1));
        assertThat(api(ADMIN_KEY).statusCode()).isEqualTo(200);
        assertThat(output.getOut() + output.getErr()).contains("Wrong admin key from 127.0.0.1").doesNotContain(wrongKey);
    }

    @Test
    void wrongLoginPasswordsLockTheClientAddressOutUntilTheWindowPasses() {
        int allowed = properties.admin().maxFailedLogins();
        BrowserSession browser = new BrowserSession(service.baseUrl());
        for (int i = 0; i < allowed; i++) {
            HttpResponse<String> wrong = browser.login("admin", "wrong-password-" + i);
            assertThat(wrong.statusCode()).isEqualTo(302);
            assertThat(ServiceClient.location(wrong)).endsWith("/login?error");
        }
        HttpResponse<String> retry = browser.get("/login?error"); // the login form again, saying why
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).contains("Invalid credentials").contains("name=\"password\"");
        assertThat(browser.login("admin", "wrong-password").statusCode()).isEqualTo(429);
        HttpResponse<String> right = browser.login("admin", ADMIN_KEY);
        assertThat(right.statusCode()).as("even the right password").isEqualTo(429);
        assertThat(right.body()).contains("too_many_attempts");
        assertThat(browser.get("/").statusCode()).as("not logged in").isEqualTo(302);

        clock.advance(properties.admin().failedLoginWindow().plusSeconds(1));
        assertThat(browser.login("admin", ADMIN_KEY).statusCode()).isEqualTo(302);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> api(String key) {
        return service.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/connections?limit=1"))
                .header("Authorization", "Bearer " + key));
    }

    private long statesOf(String connectionId) {
        return jdbc.sql("SELECT COUNT(*) FROM zoho_oauth_state WHERE connection_id = :id").param("id", connectionId)
                .query(Long.class).single();
    }

    private boolean allowOrgChangeOf(String connectionId) {
        return jdbc.sql("SELECT allow_org_change FROM zoho_oauth_state WHERE connection_id = :id")
                .param("id", connectionId).query(Boolean.class).single();
    }

    private String browserHashOf(String connectionId) {
        return jdbc.sql("SELECT browser_hash FROM zoho_oauth_state WHERE connection_id = :id")
                .param("id", connectionId).query(String.class).single();
    }

    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    /** The hidden fields of a page's forms, as a browser would submit them. */
    static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&amp;", "&"));
        }
        return fields;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[]", "{\"connection_id\":\"bad id\",\"dc\":\"eu\"}",
            "{\"connection_id\":\"ok\",\"dc\":\"mars\"}", "{\"connection_id\":\"ok\",\"dc\":\"eu\",\"environment\":\"staging\"}",
            "{\"connection_id\":\"ok\",\"dc\":\"eu\",\"return_to\":\"https://evil.com\"}", "{\"connection_id\":7,\"dc\":\"eu\"}"})
    void badLinkRequestsGetAClearJsonError(String body) {
        HttpResponse<String> response = service.sendAsAdmin("POST", "/api/connect-links", body);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = service.json(response);
        assertThat(error.path("error").asText()).isNotBlank();
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** A cookie-keeping browser that logs in through the login form, CSRF token included. */
    public static final class BrowserSession {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
        private final java.net.CookieManager cookies = new java.net.CookieManager();
        private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .cookieHandler(cookies).followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        private final String base;

        public BrowserSession(String base) {
            this.base = base;
        }

        public HttpResponse<String> get(String path) {
            return getUrl(base + path);
        }

        public HttpResponse<String> getUrl(String url) {
            return send(HttpRequest.newBuilder(URI.create(url)).GET());
        }

        public HttpResponse<String> post(String path, Map<String, String> form) {
            return send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(ServiceClient.query(form))));
        }

        /** The CSRF token of the form on {@code path}. */
        public String csrfToken(String path) {
            Matcher csrf = CSRF.matcher(get(path).body());
            assertThat(csrf.find()).as("%s has a CSRF token", path).isTrue();
            return csrf.group(1);
        }

        public HttpResponse<String> login(String user, String password) {
            return post("/login", new LinkedHashMap<>(Map.of("username", user, "password", password,
                    "_csrf", csrfToken("/login"))));
        }

        /** The value of this browser's cookie {@code name} for the service, or null. */
        public String cookie(String name) {
            return cookies.getCookieStore().get(URI.create(base)).stream().filter(c -> c.getName().equals(name))
                    .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
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
