package io.zohoconnect.fuzz;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.ServiceClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression tests for the bugs the fuzz tests found in main code (all fixed): a 400 in the
 * service's error shape, never a 500, for malformed requests wherever they are refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class KnownBugsTest extends IntegrationTest {

    private static final String ADMIN = "Authorization: Bearer test-admin-key-0123456789abcdef";

    @Test
    void aParameterNameWithAControlCharacterIsA400NotA500() {
        Reply connect = Reply.raw(port(), "GET", "/connect?%0d%0adc=eu&connection_id=acme", ADMIN);
        assertThat(connect.status()).isEqualTo(400);
        ReplyChecks.jsonError(connect, "%0d%0adc");

        Reply callback = Reply.raw(port(), "GET", "/oauth/callback?%00=1&state=x");
        assertThat(callback.status()).isEqualTo(400);
        ReplyChecks.htmlPage(callback, "%00");
    }

    @Test
    void aMalformedEscapeInAPathParameterIsA400NotA500(CapturedOutput output) {
        for (String target : new String[] {"/api/connections/a;%zz", "/api/connections/x;%/refresh"}) {
            Reply reply = Reply.raw(port(), "GET", target, ADMIN);
            assertThat(reply.status()).as(target).isEqualTo(400);
            ReplyChecks.jsonError(reply, target);
        }
        assertThat(output.getAll()).doesNotContain("Invalid encoded sequence", "Incomplete trailing escape");
    }

    @Test
    void containerRejectionsAnswerInTheJsonErrorShape() {
        for (String target : new String[] {"/api/connections/a%2Fb", "/api/connections/%00", "/api/connections/%FF",
                "/api/connections/%zz", "/connect?connection_id=acme&dc=eu&pad=" + "x".repeat(9000)}) {
            Reply reply = Reply.raw(port(), "GET", target, ADMIN);
            assertThat(reply.status()).as(target).isEqualTo(400);
            ReplyChecks.jsonError(reply, target);
        }
    }

    @Test
    void jsonErrorMessagesDoNotQuoteMarkup() {
        String markup = "<img src=x onerror=alert(1)>";
        for (Map<String, String> params : new Map[] {
                Map.of("connection_id", "acme", "dc", markup),
                Map.of("connection_id", "acme", "dc", "eu", "environment", markup)}) {
            String path = "/connect?" + ServiceClient.query(params);
            Reply reply = Reply.of(path, service.getAsAdmin(path));
            ReplyChecks.jsonError(reply, params);
            assertThat(reply.body()).as(path).doesNotContain("<img", "onerror=");
        }
        Reply twice = Reply.raw(port(), "GET", "/connect?%3Cscript%3E=1&%3Cscript%3E=2", ADMIN);
        ReplyChecks.jsonError(twice, "<script> twice");
        assertThat(twice.body()).doesNotContain("<script");

        Reply link = Reply.of("POST /api/connect-links", service.sendAsAdmin("POST", "/api/connect-links",
                "{\"connection_id\":\"acme\",\"dc\":\"" + markup.replace("\"", "\\\"") + "\"}"));
        JsonNode error = ReplyChecks.jsonError(link, markup);
        assertThat(error.get("message").asText()).doesNotContain("<img");
    }

    @Test
    void browserRequestsThatEndInTheErrorPageGetTheJsonErrorAndNoServerError(CapturedOutput output) {
        Reply reply = Reply.raw(port(), "GET", "/api/connections/a;b", ADMIN, "Accept: text/html");
        assertThat(reply.status()).isEqualTo(400);
        ReplyChecks.jsonError(reply, "Accept: text/html");
        assertThat(output.getAll()).doesNotContain("Circular view path");
    }

    private int port() {
        return URI.create(service.baseUrl()).getPort();
    }
}
