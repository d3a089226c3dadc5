package io.zohoconnect.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.support.LoopbackClient;
import io.zohoconnect.support.LoopbackClient.Answer;
import io.zohoconnect.support.OutageIntegrationTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20 item 4: every error the API answers — from a route, a filter, the security entry point, Spring's
 * {@code /error}, Tomcat's own error report, or during a database outage — is one RFC 9457
 * {@code application/problem+json} with the same members: {@code type}, {@code title}, {@code status}, {@code detail},
 * and the {@code error} code and {@code message} clients read before. Over real HTTP, the service as in production.
 */
class ProblemAnswersTest extends OutageIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "Authorization: Bearer " + ADMIN_KEY;
    private static final String JSON_TYPE = "Content-Type: application/json";

    private LoopbackClient http;

    @BeforeEach
    void client() {
        http = new LoopbackClient(LoopbackClient.CLIENT, URI.create(service.baseUrl()).getPort());
    }

    @Test
    void noKeyIsA401ProblemAskingForTheBearerKey() {
        Answer answer = http.get("/api/connections");
        JsonNode problem = problem(answer, 401, "unauthorized");
        assertThat(problem.path("message").asText()).contains("Authorization: Bearer");
        assertThat(answer.header("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void aWrongKeyIsA401Problem() {
        problem(http.get("/api/connections", "Authorization: Bearer not-the-key"), 401, "unauthorized");
    }

    @Test
    void aCallbackForSomeoneElsesChannelIsA403Problem() {
        problem(http.send("POST", "/zoho/notifications", "{\"channel_id\":\"1\",\"token\":\"not-ours\",\"ids\":[\"1\"],"
                + "\"operation\":\"update\",\"module\":\"Leads\"}", JSON_TYPE), 403, "forbidden");
    }

    @Test
    void aFormPostWithoutItsCsrfTokenIsA403Problem() {
        problem(http.send("POST", "/connections/someone/refresh", "", "Content-Type: application/x-www-form-urlencoded"),
                403, "forbidden");
    }

    @Test
    void anUnknownConnectionIsA404ProblemNamingIt() {
        JsonNode problem = problem(http.get("/api/connections/nobody-here", KEY), 404, "not_found");
        assertThat(problem.path("message").asText()).contains("nobody-here");
    }

    @Test
    void anUnknownPathIsA404Problem() {
        problem(http.get("/api/no-such-thing", KEY), 404, "not_found");
    }

    @Test
    void aMalformedBodyIsA400Problem() {
        problem(http.send("POST", "/api/connect-links", "{\"connection_id\":", KEY, JSON_TYPE), 400, null);
    }

    @Test
    void aMalformedEscapeIsA400ProblemFromTheFirstFilter() {
        problem(http.get("/api/connections/%zz", KEY), 400, "invalid_request");
    }

    @Test
    void aPathTheContainerRefusesIsAProblemToo() {
        problem(http.get("/api/connections/a%00b", KEY), 400, "invalid_request");
        problem(http.get("/api/connections/" + "x".repeat(9 * 1024), KEY), 400, "invalid_request");
    }

    @Test
    void aWrongMethodIsA405Problem() {
        problem(http.send("PATCH", "/api/connections", "", KEY, JSON_TYPE), 405, null);
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() {
        problem(http.send("POST", "/zoho/notifications", "{\"a\":\"" + "x".repeat(600_000) + "\"}", JSON_TYPE), 413,
                "body_too_large");
    }

    @Test
    void anUnreachableDatabaseIsA503ProblemWithRetryAfter() {
        DATABASE.cut();
        Answer answer = http.get("/api/connections/outage-problem", KEY);
        problem(answer, 503, "database_unavailable");
        assertThat(answer.header("Retry-After")).isPresent();
    }

    /** The one shape: exactly these members, status as sent, detail and message the same text; nothing internal. */
    private static JsonNode problem(Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.header("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON (HTTP " + answer.status() + "): " + answer.body(), e);
        }
        List<String> members = new ArrayList<>();
        body.fieldNames().forEachRemaining(members::add);
        assertThat(members).as(answer.body()).containsExactly("type", "title", "status", "detail", "error", "message");
        assertThat(body.path("type").asText()).isEqualTo("about:blank");
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(body.path("status").isInt()).isTrue();
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("detail").asText()).isNotBlank().isEqualTo(body.path("message").asText());
        if (error != null) {
            assertThat(body.path("error").asText()).isEqualTo(error);
        } else {
            assertThat(body.path("error").asText()).isNotBlank();
        }
        assertThat(answer.body()).doesNotContain("\tat ").doesNotContain("Tomcat");
        return body;
    }
}
