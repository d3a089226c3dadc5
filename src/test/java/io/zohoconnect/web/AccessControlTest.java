package io.zohoconnect.web;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.ServiceClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may do what over HTTP: the admin key, the dashboard login, connect links, the open callback. */
class AccessControlTest extends IntegrationTest {

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
        browser.login("admin", "test-admin-key-0123456789abcdef");
        HttpResponse<String> dashboard = browser.get("/");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains(id).contains("ACTIVE").contains("CA").contains("name=\"connection_id\"");
        assertThat(browser.get(ServiceClient.connectPath("via-login", "eu", "sandbox")).statusCode()).isEqualTo(302);
    }

    @Test
    void aConnectLinkWorksOnceForItsOwnConnectionOnly() {
        HttpResponse<String> created = service.sendAsAdmin("POST", "/api/connect-links",
                "{\"connection_id\":\"linked-acme\",\"dc\":\"in\",\"environment\":\"developer\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode link = service.json(created);
        String url = link.path("url").asText();
        assertThat(url).startsWith(service.baseUrl() + "/connect?link=");
        assertThat(link.path("expires_at").asText()).isNotBlank();

        // the link's own parameters win over anything added to the URL
        HttpResponse<String> first = service.get(url + "&connection_id=someone-else&dc=us");
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(ServiceClient.location(first)).startsWith(simulator.baseUrl() + "/in/accounts/oauth/v2/auth?");

        HttpResponse<String> again = service.get(url);
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.body()).contains("invalid_link");

        HttpResponse<String> callback = service.get(ServiceClient.location(service.get(ServiceClient.location(first))));
        assertThat(callback.statusCode()).isEqualTo(200);
        assertThat(callback.body()).contains("linked-acme");
    }

    @Test
    void aForgedLinkIsRejected() {
        HttpResponse<String> response = service.get("/connect?link=forged-link-value&connection_id=acme&dc=eu");
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void anExpiredLinkIsRejected() {
        String url = service.json(service.sendAsAdmin("POST", "/api/connect-links",
                "{\"connection_id\":\"late\",\"dc\":\"eu\"}")).path("url").asText();
        clock.advance(java.time.Duration.ofMinutes(16));
        assertThat(service.get(url).statusCode()).isEqualTo(401);
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
    static final class BrowserSession {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
        private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager()).followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        private final String base;

        BrowserSession(String base) {
            this.base = base;
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
        }

        HttpResponse<String> login(String user, String password) {
            Matcher csrf = CSRF.matcher(get("/login").body());
            assertThat(csrf.find()).as("login page has a CSRF token").isTrue();
            String form = ServiceClient.query(new java.util.LinkedHashMap<>(java.util.Map.of(
                    "username", user, "password", password, "_csrf", csrf.group(1))));
            return send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
