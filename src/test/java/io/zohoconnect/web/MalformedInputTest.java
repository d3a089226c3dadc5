package io.zohoconnect.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.fuzz.Reply;
import io.zohoconnect.fuzz.ReplyChecks;
import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.LoopbackClient.Answer;
import io.zohoconnect.support.LoopbackClient;
import io.zohoconnect.web.security.FailedLogins;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19 item 6: malformed input at every endpoint that reads a body or a parameter gets a 4xx in the
 * service's shape {@code {"error","message"}} naming what is wrong — never a 500, never taken as something
 * else (a link must never silently ask for the ten default scopes), never an ERROR in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedInputTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "Authorization: Bearer " + ADMIN_KEY;
    private static final String JSON_TYPE = "Content-Type: application/json";
    private static final String FORM_TYPE = "Content-Type: application/x-www-form-urlencoded";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    FailedLogins failedLogins;

    private LoopbackClient http;

    @BeforeEach
    void client() {
        http = new LoopbackClient(LoopbackClient.CLIENT, URI.create(service.baseUrl()).getPort());
    }

    // ---- POST /api/connect-links

    /** {@code scopes} in every shape that is not a non-empty list of scope names. */
    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"ZohoCRM.modules.ALL\":true}", "[[\"ZohoCRM.modules.ALL\"]]", "[]", "[{}]", "[null]",
            "[\"ZohoCRM.modules.ALL\",{}]", "[\"ZohoCRM.modules.ALL\",[]]", "[1]", "7", "0", "true", "false", "\"\"", "\"  \"",
            "[\"\"]", "[\" \"]", "\",\"", "[\"ZohoCRM.modules.ALL\",7]", "[\"bad scope!\"]"})
    void scopesThatAreNotAListOfScopesAreRefusedNamingTheField(String scopes) {
        long links = links();
        Answer answer = http.send("POST", "/api/connect-links",
                "{\"connection_id\":\"scoped-link\",\"dc\":\"eu\",\"scopes\":" + scopes + "}", KEY, JSON_TYPE);
        assertJsonError(answer, 400, "scopes");
        assertThat(links()).as("links created").isEqualTo(links);
    }

    @Test
    void scopesGivenAsAListOrAStringAreTakenAsGiven() {
        for (String scopes : List.of("[\"ZohoCRM.modules.READ\",\"ZohoCRM.org.READ\"]", "\"ZohoCRM.modules.READ,ZohoCRM.org.READ\"")) {
            Answer created = http.send("POST", "/api/connect-links",
                    "{\"connection_id\":\"two-scopes\",\"dc\":\"eu\",\"scopes\":" + scopes + "}", KEY, JSON_TYPE);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(jdbc.sql("SELECT scopes FROM zoho_connect_link WHERE connection_id = 'two-scopes'")
                    .query(String.class).list()).last().asString().contains("ZohoCRM.modules.READ")
                    .contains("ZohoCRM.org.READ").doesNotContain("ZohoCRM.settings.ALL");
        }
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("{\"connection_id\":\"a\",\"connection_id\":\"b\",\"dc\":\"eu\"}", "connection_id"),
                Arguments.of("{\"connection_id\":\"a\",\"dc\":\"eu\",\"dc\":\"us\"}", "dc"),
                Arguments.of("{\"connection_id\":\"a\",\"dc\":\"eu\",\"scopes\":[\"ZohoCRM.org.READ\"],"
                        + "\"scopes\":\"ZohoCRM.modules.ALL\"}", "scopes"),
                Arguments.of("{\"connection_id\":\"a\",\"dc\":\"eu\",\"allow_org_change\":false,\"allow_org_change\":true}",
                        "allow_org_change"),
                Arguments.of("{\"connection_id\":\"a\",\"dc\":[\"eu\"]}", "dc"),
                Arguments.of("{\"connection_id\":\"a\",\"dc\":{\"code\":\"eu\"}}", "dc"),
                Arguments.of("{\"connection_id\":\"a\",\"dc\":\"eu\",\"environment\":1}", "environment"),
                Arguments.of("{\"connection_id\":\"a\",\"dc\":\"eu\",\"return_to\":[\"/x\"]}", "return_to"),
                Arguments.of("{\"connection_id\":[\"a\"],\"dc\":\"eu\"}", "connection_id"),
                Arguments.of("{\"connection_id\":\"a\",\"dc\":\"eu\",\"allow_org_change\":{}}", "allow_org_change"),
                Arguments.of("{\"connection_id\":\"a\",\"dc\":\"eu\",\"allow_org_change\":[]}", "allow_org_change"),
                Arguments.of("{\"connection_id\":\"a\",\"dc\":\"eu\",\"allow_org_change\":1}", "allow_org_change"),
                Arguments.of("{\"connection_id\":\"a\",\"dc\":\"eu\",\"allow_org_change\":\"yes\"}", "allow_org_change"),
                Arguments.of("{\"connection_id\":\"a\",\"dc\":\"eu\",\"scope\":\"ZohoCRM.org.READ\"}", "scope"),
                Arguments.of("{\"connection_id\":\"a\",\"dc\":\"eu\",\"Scopes\":[\"ZohoCRM.org.READ\"]}", "Scopes"));
    }

    /** Duplicated keys (the last would win), wrong types and unknown fields (a typo would ask for the defaults). */
    @ParameterizedTest
    @MethodSource("badFields")
    void duplicatedWrongOrUnknownFieldsAreRefusedNamingTheField(String body, String field) {
        long links = links();
        assertJsonError(http.send("POST", "/api/connect-links", body, KEY, JSON_TYPE), 400, field);
        assertThat(links()).isEqualTo(links);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"connection_id\":\"a\",\"dc\":\"eu\"} {}", "{\"connection_id\":\"a\",\"dc\":\"eu\"}]",
            "{\"connection_id\":\"a\",\"dc\":\"eu\"} x", "[]", "null", "7", "\"text\"", "{", "connection_id=a&dc=eu",
            "connection_id"})
    void aBodyThatIsNotOneJsonObjectIsRefused(String body) {
        long links = links();
        assertJsonError(http.send("POST", "/api/connect-links", body, KEY, JSON_TYPE), 400, "JSON");
        assertThat(links()).isEqualTo(links);
    }

    /** A JSON body under another content type (curl -d sends a form's): a clear 400, not a 500, nothing created. */
    @ParameterizedTest
    @ValueSource(strings = {FORM_TYPE, "Content-Type: text/plain", "Content-Type: multipart/form-data; boundary=x",
            "Content-Type: application/xml", "Content-Type: ", ""})
    void aJsonBodyWithoutAJsonContentTypeIsRefused(String contentType, CapturedOutput output) {
        long links = links();
        List<String> headers = new ArrayList<>(List.of(KEY));
        if (!contentType.isEmpty()) {
            headers.add(contentType);
        }
        Answer answer = http.send("POST", "/api/connect-links", "{\"connection_id\":\"typed-link\",\"dc\":\"eu\"}",
                headers.toArray(String[]::new));
        assertJsonError(answer, 400, "application/json");
        assertThat(links()).isEqualTo(links);
        assertThat(output.getOut()).doesNotContain(" ERROR ");
    }

    @Test
    void aJsonContentTypeWithACharsetOrSuffixIsTaken() {
        for (String type : List.of("application/json; charset=UTF-8", "Application/JSON", "application/vnd.zoho+json")) {
            Answer created = http.send("POST", "/api/connect-links", "{\"connection_id\":\"typed-link\",\"dc\":\"eu\"}",
                    KEY, "Content-Type: " + type);
            assertThat(created.status()).as("%s: %s", type, created.body()).isEqualTo(201);
        }
    }

    // ---- form bodies and bodies nobody reads

    /** Every POST of the service: a form field with no '=', a bare '=', a stray '&', a bad escape, JSON as a form. */
    static Stream<Arguments> postsAndOddBodies() {
        List<String> posts = List.of("/api/connect-links", "/api/connections/acme/refresh", "/api/syncs/no-such-sync/run",
                "/api/crypto/reencrypt", "/connect", "/connections/acme/refresh", "/connections/acme/link",
                "/connections/acme/delete", "/syncs/props-declared/run", "/connect/link/not-a-real-link", "/login", "/logout",
                "/zoho/notifications", "/zoho/bulk-callbacks/not-a-job", "/oauth/callback");
        List<String> bodies = List.of("connection_id", "=", "&", "&&=&", "=x", "a=%zz", "%", "a=1&a", "{\"connection_id\":\"a\"}",
                "connection_id&dc=eu");
        List<Arguments> all = new ArrayList<>();
        for (String post : posts) {
            for (String body : bodies) {
                all.add(Arguments.of(post, body));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "POST {0} with form body {1}")
    @MethodSource("postsAndOddBodies")
    void anOddFormBodyIsNeverA500(String path, String body, CapturedOutput output) {
        for (List<String> headers : List.of(List.of(FORM_TYPE), List.of(FORM_TYPE, KEY))) {
            Answer answer = http.send("POST", path, body, headers.toArray(String[]::new));
            assertThat(answer.status()).as("%s %s: %s", headers, body, answer.body()).isBetween(200, 499);
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
            if (answer.status() >= 400 && answer.header("Content-Type").orElse("").startsWith("application/problem+json")) {
                assertThat(json(answer).path("error").asText()).isNotBlank();
                assertThat(json(answer).path("message").asText()).isNotBlank();
            }
        }
        assertThat(output.getOut()).as("the log").doesNotContain(" ERROR ");
        failedLogins.clear(); // wrong passwords of the /login cases
    }

    // ---- /error and the example route

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "DELETE"})
    void errorAskedForDirectlyIsANotFound(String method) {
        for (List<String> headers : List.of(List.<String>of(), List.of(KEY), List.of("Accept: text/html"))) {
            Answer answer = http.send(method, "/error", method.equals("GET") ? null : "", headers.toArray(String[]::new));
            assertThat(answer.status()).as("%s %s", method, headers).isIn(302, 403, 404);
            if (answer.status() == 404) {
                assertThat(json(answer).path("error").asText()).isEqualTo("not_found");
            }
        }
    }

    @Test
    void theExampleRouteAnswersAnUnknownConnectionWithA404NamingIt(CapturedOutput output) {
        Answer answer = http.get("/api/examples/current-user?connection_id=nobody-here", KEY);
        assertJsonError(answer, 404, "nobody-here");
        assertThat(output.getOut() + output.getErr()).doesNotContain(" ERROR ").doesNotContain("\tat ");
    }

    /** The example's one parameter empty, bare, blank, repeated and encoded: a 4xx each, and nothing logged as an error. */
    @ParameterizedTest
    @ValueSource(strings = {"", "?connection_id", "?connection_id=", "?connection_id=%20", "?connection_id=+",
            "?connection_id=a&connection_id=b", "?connection_id=%6E%6F%62%6F%64%79", "?connection_id=%00",
            "?connection_id=..%2F..%2Fx", "?Connection_Id=nobody", "?connection_id=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void theExampleRoutesParameterInEveryShapeIsA4xx(String query, CapturedOutput output) {
        Answer answer = http.get("/api/examples/current-user" + query, KEY);
        assertThat(answer.status()).as("%s: %s", query, answer.body()).isBetween(400, 499);
        assertThat(json(answer).path("error").asText()).isNotBlank();
        assertThat(json(answer).path("message").asText()).isNotBlank();
        assertThat(output.getOut() + output.getErr()).doesNotContain(" ERROR ").doesNotContain("\tat ");
    }

    // ---- request lines the container refuses or cannot decode (found by the fuzz tests)

    @Test
    void aParameterNameWithAControlCharacterIsA400InTheServicesShape() {
        Reply connect = Reply.raw(port(), "GET", "/connect?%0d%0adc=eu&connection_id=acme", KEY);
        assertThat(connect.status()).isEqualTo(400);
        ReplyChecks.jsonError(connect, "%0d%0adc");

        Reply callback = Reply.raw(port(), "GET", "/oauth/callback?%00=1&state=x");
        assertThat(callback.status()).isEqualTo(400);
        ReplyChecks.htmlPage(callback, "%00");
    }

    @Test
    void aMalformedEscapeInAPathParameterIsA400InTheJsonShapeAndNotLogged(CapturedOutput output) {
        for (String target : new String[] {"/api/connections/a;%zz", "/api/connections/x;%/refresh"}) {
            Reply reply = Reply.raw(port(), "GET", target, KEY);
            assertThat(reply.status()).as(target).isEqualTo(400);
            ReplyChecks.jsonError(reply, target);
        }
        assertThat(output.getAll()).doesNotContain("Invalid encoded sequence", "Incomplete trailing escape");
    }

    /** Encoded slashes, NUL, bad UTF-8, bad escapes and an over-long request line: refused by Tomcat, answered by us. */
    @Test
    void requestsTheContainerRejectsAreAnsweredInTheJsonErrorShape() {
        for (String target : new String[] {"/api/connections/a%2Fb", "/api/connections/%00", "/api/connections/%FF",
                "/api/connections/%zz", "/connect?connection_id=acme&dc=eu&pad=" + "x".repeat(9000)}) {
            Reply reply = Reply.raw(port(), "GET", target, KEY);
            assertThat(reply.status()).as(target).isEqualTo(400);
            ReplyChecks.jsonError(reply, target);
        }
    }

    @Test
    void aBrowserRequestRefusedOnTheApiGetsTheJsonErrorNotAServerError(CapturedOutput output) {
        Reply reply = Reply.raw(port(), "GET", "/api/connections/a;b", KEY, "Accept: text/html");
        assertThat(reply.status()).isEqualTo(400);
        ReplyChecks.jsonError(reply, "Accept: text/html");
        assertThat(output.getAll()).doesNotContain("Circular view path");
    }

    private int port() {
        return URI.create(service.baseUrl()).getPort();
    }

    private void assertJsonError(Answer answer, int status, String named) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode error = json(answer);
        assertThat(error.size()).as("the problem members and error, message: %s", error).isEqualTo(6);
        assertThat(error.path("status").asInt()).isEqualTo(status);
        assertThat(error.path("error").asText()).isNotBlank();
        assertThat(error.path("message").asText()).as(answer.body()).contains(named);
    }

    private static JsonNode json(Answer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON (HTTP " + answer.status() + "): " + answer.body(), e);
        }
    }

    private long links() {
        return jdbc.sql("SELECT COUNT(*) FROM zoho_connect_link").query(Long.class).single();
    }
}
