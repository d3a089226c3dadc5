package io.zohoconnect.fuzz;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The properties every answer of the service keeps, whatever it was sent. */
public final class ReplyChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A stack frame, a "Caused by", a qualified exception class, or a package name of the stack. */
    static final Pattern STACK_TRACE = Pattern.compile("\\tat |\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)|Caused by:"
            + "|\\b\\w*(Exception|Throwable)\\b|\\bjava\\.(lang|io|net|util)\\.|\\borg\\.(springframework|apache)\\."
            + "|\\bio\\.zohoconnect\\.|\\bcom\\.fasterxml\\.|\\bjakarta\\.");

    /** Markup that would run in a page if it were reflected unescaped. */
    static final List<String> MARKUP = List.of("<script", "<img", "<svg", "onerror=", "onload=");

    private ReplyChecks() {
    }

    /** Never a 500, never a stack trace or exception class, never reflected markup. */
    public static void safe(Reply reply, Object input) {
        String context = reply + " with input " + Fuzz.show(input) + " (seed " + Fuzz.SEED + ")";
        assertThat(reply.status()).as("an answer to %s", context).isNotEqualTo(Reply.NO_ANSWER);
        assertThat(reply.status()).as("status of %s: %s", context, Fuzz.show(reply.body())).isNotEqualTo(500);
        assertThat(reply.body()).as("stack trace or exception name in the body of %s", context)
                .doesNotContainPattern(STACK_TRACE);
        assertThat(reply.headers().toString()).as("headers of %s", context).doesNotContainPattern(STACK_TRACE);
        noMarkup(reply, input);
    }

    /** No token-looking value in the body unless the request itself carried it (an id echoed back). */
    public static void noTokens(Reply reply, String input) {
        java.util.regex.Matcher tokens = Fuzz.TOKEN_LIKE.matcher(reply.body());
        while (tokens.find()) {
            assertThat(input).as("token-looking %s in the body of %s (seed %s)", tokens.group(), reply, Fuzz.SEED)
                    .contains(tokens.group());
        }
    }

    public static void noMarkup(Reply reply, Object input) {
        String lower = reply.body().toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        MARKUP.stream().filter(lower::contains).forEach(found::add);
        if (!found.isEmpty()) {
            fail("reflected markup " + found + " in the " + reply.contentType() + " body of " + reply + " with input "
                    + Fuzz.show(input) + " (seed " + Fuzz.SEED + "): " + Fuzz.show(reply.body()));
        }
    }

    /**
     * An error of the service: RFC 9457 {@code application/problem+json} with exactly {@code type}, {@code title},
     * {@code status} (the HTTP status), {@code detail} and the service's {@code error} and {@code message} (the
     * detail again), the texts non-blank.
     */
    public static JsonNode jsonError(Reply reply, Object input) {
        String context = reply + " with input " + Fuzz.show(input) + " (seed " + Fuzz.SEED + ")";
        assertThat(reply.status()).as("status of %s", context).isBetween(400, 599);
        assertThat(reply.contentType()).as("content type of the error of %s: %s", context, Fuzz.show(reply.body()))
                .startsWith("application/problem+json");
        JsonNode body = json(reply, context);
        assertThat(body.isObject()).as("error body of %s", context).isTrue();
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("fields of the error of %s", context)
                .containsExactly("type", "title", "status", "detail", "error", "message");
        assertThat(body.get("status").asInt()).as("status member of %s", context).isEqualTo(reply.status());
        assertThat(body.get("detail")).as("detail of %s", context).isEqualTo(body.get("message"));
        assertThat(body.get("title").asText()).as("title of %s", context).isNotBlank();
        assertThat(body.get("error").isTextual() && !body.get("error").asText().isBlank())
                .as("error code of %s: %s", context, body).isTrue();
        assertThat(body.get("message").isTextual() && !body.get("message").asText().isBlank())
                .as("message of %s: %s", context, body).isTrue();
        return body;
    }

    public static JsonNode json(Reply reply, String context) {
        try {
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + context + ": " + Fuzz.show(reply.body()), e);
        }
    }

    /** An HTML page, as the browser-facing callback answers everything. */
    public static void htmlPage(Reply reply, Object input) {
        assertThat(reply.contentType()).as("content type of %s with input %s (seed %s): %s", reply, Fuzz.show(input),
                Fuzz.SEED, Fuzz.show(reply.body())).startsWith("text/html");
        assertThat(reply.body()).startsWith("<!DOCTYPE html>");
    }
}
