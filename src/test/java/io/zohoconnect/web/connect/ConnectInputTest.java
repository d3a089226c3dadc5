package io.zohoconnect.web.connect;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.fuzz.Reply;
import io.zohoconnect.fuzz.ReplyChecks;
import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.ServiceClient;
import io.zohoconnect.web.QueryParams;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every input of /connect and the return_to round trip: clear 400s, no open redirects. */
class ConnectInputTest extends IntegrationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "connection_id=&dc=eu                             | invalid_connection_id",
            "connection_id=has%20space&dc=eu                  | invalid_connection_id",
            "connection_id=%3Cscript%3E&dc=eu                 | invalid_connection_id",
            "dc=eu                                            | invalid_connection_id",
            "connection_id=acme                               | invalid_dc",
            "connection_id=acme&dc=mars                       | invalid_dc",
            "connection_id=acme&dc=eu&environment=staging     | invalid_environment",
            "connection_id=acme&dc=eu&scopes=ZohoCRM.modules.ALL%3Cx%3E | invalid_scopes",
            "connection_id=acme&dc=eu&return_to=https%3A%2F%2Fevil.com | invalid_return_to",
            "connection_id=acme&dc=eu&return_to=%2F%2Fevil.com | invalid_return_to",
            "connection_id=a&connection_id=b&dc=eu            | invalid_request"})
    void badParametersGetAClearJsonError(String query, String error) {
        HttpResponse<String> response = service.getAsAdmin("/connect?" + query);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(service.json(response).path("error").asText()).isEqualTo(error);
        assertThat(service.json(response).path("message").asText()).isNotBlank();
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void aLongConnectionIdIsRefused() {
        HttpResponse<String> response = service.getAsAdmin("/connect?dc=eu&connection_id=" + "a".repeat(65));
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void environmentDefaultsToProductionAndScopesToTheConfiguredOnes() {
        HttpResponse<String> response = service.getAsAdmin("/connect?connection_id=defaults&dc=us");
        QueryParams query = QueryParams.parse(URI.create(ServiceClient.location(response)).getRawQuery());
        assertThat(query.get("scope")).isEqualTo("ZohoCRM.modules.ALL,ZohoCRM.settings.ALL,ZohoCRM.users.READ,ZohoCRM.org.READ,"
                + "ZohoCRM.coql.READ,ZohoCRM.bulk.READ,ZohoCRM.notifications.READ,ZohoCRM.notifications.CREATE,"
                + "ZohoCRM.notifications.UPDATE,ZohoCRM.notifications.DELETE");
    }

    @Test
    void anAllowedReturnToReceivesTheBrowserAfterConnecting() {
        String start = "/connect?" + ServiceClient.query(Map.of("connection_id", "rt-ok", "dc", "eu",
                "return_to", "https://app.example.com/settings?tab=zoho"));
        HttpResponse<String> callback = service.get(ServiceClient.location(
                service.get(ServiceClient.location(service.getAsAdmin(start)))));
        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(ServiceClient.location(callback))
                .isEqualTo("https://app.example.com/settings?tab=zoho&connection_id=rt-ok&status=ACTIVE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.com/", "https://app.example.com.evil.com/", "//evil.com/x",
            "https://app.example.com@evil.com/", "javascript:alert(1)"})
    void noOpenRedirect(String returnTo) {
        HttpResponse<String> response = service.getAsAdmin("/connect?" + ServiceClient.query(Map.of(
                "connection_id", "rt-bad", "dc", "eu", "return_to", returnTo)));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void responsesDoNotEchoQueryParametersAsHeaders() {
        HttpResponse<String> response = service.get("/oauth/callback?state=x&code=1000.secret-code");
        assertThat(response.headers().map().toString()).doesNotContain("1000.secret-code");
    }

    @Test
    void markupInCallbackParametersIsNeverReflected() {
        HttpResponse<String> response = service.get("/oauth/callback?" + ServiceClient.query(Map.of(
                "state", "<script>alert(1)</script>", "error", "<img src=x onerror=alert(1)>")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("<script>alert").doesNotContain("<img");
    }

    /** A refused value is named in the message, but never as markup (found by the fuzz tests). */
    @Test
    @SuppressWarnings("unchecked")
    void errorMessagesNeverQuoteTheMarkupTheyRefuse() {
        String markup = "<img src=x onerror=alert(1)>";
        for (Map<String, String> params : new Map[] {
                Map.of("connection_id", "acme", "dc", markup),
                Map.of("connection_id", "acme", "dc", "eu", "environment", markup)}) {
            String path = "/connect?" + ServiceClient.query(params);
            Reply reply = Reply.of(path, service.getAsAdmin(path));
            ReplyChecks.jsonError(reply, params);
            assertThat(reply.body()).as(path).doesNotContain("<img", "onerror=");
        }
        Reply twice = Reply.raw(URI.create(service.baseUrl()).getPort(), "GET", "/connect?%3Cscript%3E=1&%3Cscript%3E=2",
                "Authorization: Bearer " + ADMIN_KEY);
        ReplyChecks.jsonError(twice, "<script> twice");
        assertThat(twice.body()).doesNotContain("<script");

        Reply link = Reply.of("POST /api/connect-links", service.sendAsAdmin("POST", "/api/connect-links",
                "{\"connection_id\":\"acme\",\"dc\":\"" + markup.replace("\"", "\\\"") + "\"}"));
        JsonNode error = ReplyChecks.jsonError(link, markup);
        assertThat(error.get("message").asText()).doesNotContain("<img");
    }
}
