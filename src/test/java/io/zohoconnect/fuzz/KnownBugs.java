package io.zohoconnect.fuzz;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The bugs in main code the fuzz tests found, each pinned by a {@code @Disabled("bug: …")} test in
 * {@link KnownBugsTest}. The fuzz tests tolerate exactly these classes of input (and check all the
 * other properties on them), so they stay green and still catch anything new; when a bug is fixed,
 * enable its test and delete its exemption here.
 */
final class KnownBugs {

    /** Error codes whose message quotes the offending input: {@code Unknown data center '…'} and the like. */
    static final Set<String> QUOTING_ERRORS = Set.of("invalid_dc", "invalid_environment", "invalid_request");
    private static final Pattern QUOTED = Pattern.compile("'.*'", Pattern.DOTALL);
    private static final Pattern MALFORMED_ESCAPE = Pattern.compile("%(?![0-9a-f]{2})");
    private static final Pattern MALFORMED_ESCAPE_IN_PATH_PARAMETER = Pattern.compile(";[^/]*%(?![0-9a-f]{2})");
    private static final Pattern TOMCAT_400 = Pattern.compile(
            "^<!doctype html><html lang=\"en\"><head><title>HTTP Status 400 – Bad Request</title>.*", Pattern.DOTALL);

    private KnownBugs() {
    }

    /**
     * {@link KnownBugsTest#aParameterNameWithAControlCharacterIsA400NotA500}: a query parameter name
     * that Spring Security's firewall refuses (control or unassigned characters) is a 500.
     */
    static boolean firewallRefusesAParameterName(String rawQuery) {
        if (rawQuery == null) {
            return false;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            try {
                String decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
                if (!decoded.isEmpty() && !StrictHttpFirewall.ALLOWED_PARAMETER_NAMES.test(decoded)) {
                    return true;
                }
            } catch (IllegalArgumentException malformed) {
                // Tomcat skips a parameter it cannot decode
            }
        }
        return false;
    }

    /**
     * {@link KnownBugsTest#containerRejectionsAnswerInTheJsonErrorShape}: Tomcat answers with its own
     * HTML page, before any application code runs, for an encoded slash or NUL in the path and for a
     * request head over 8 KiB.
     * Also an encoded backslash, a malformed escape ({@code %}, {@code %zz}) or bytes that are not
     * UTF-8 ({@code %FF}) in the path.
     */
    static boolean tomcatRejection(Reply reply) {
        String target = reply.request();
        int query = target.indexOf('?');
        String path = (query < 0 ? target : target.substring(0, query)).toLowerCase(Locale.ROOT);
        if (reply.status() != 400 || !TOMCAT_400.matcher(reply.body()).matches()) {
            return false;
        }
        return target.length() > 7 * 1024 || path.contains("%2f") || path.contains("%5c") || path.contains("%00")
                || MALFORMED_ESCAPE.matcher(path).find() || !decodesAsUtf8(path);
    }

    /**
     * {@link KnownBugsTest#aMalformedEscapeInAPathParameterIsA400NotA500}: Spring's request-path
     * parsing throws on {@code /api/connections/a;%zz} before any route runs: a 500 (Tomcat's page
     * or the JSON one) and an ERROR stack trace in the log.
     */
    static boolean malformedEscapeInPathParameter(Reply reply) {
        String target = reply.request();
        int query = target.indexOf('?');
        String path = (query < 0 ? target : target.substring(0, query)).toLowerCase(Locale.ROOT);
        return reply.status() == 500 && MALFORMED_ESCAPE_IN_PATH_PARAMETER.matcher(path).find();
    }

    /**
     * {@link KnownBugsTest#aParameterNameWithAControlCharacterIsA400NotA500}, second face: now and
     * then such a request gets no answer at all (seen once in a fuzz run: 30 s without a response).
     */
    static boolean unanswered(Reply reply) {
        int query = reply.request().indexOf('?');
        return reply.status() == Reply.NO_ANSWER && query >= 0
                && firewallRefusesAParameterName(reply.request().substring(query + 1));
    }

    private static boolean decodesAsUtf8(String path) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < path.length(); i++) {
                char c = path.charAt(i);
                if (c == '%' && i + 2 < path.length()) {
                    bytes.write(Integer.parseInt(path.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    bytes.write(c);
                }
            }
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (java.nio.charset.CharacterCodingException | NumberFormatException e) {
            return false;
        }
    }

    /**
     * {@link KnownBugsTest#jsonErrorMessagesDoNotQuoteMarkup}: the JSON error body with the quoted
     * input of the three quoting errors cut out, so the rest is still checked for markup.
     */
    static String withoutQuotedInput(Reply reply, JsonNode body) {
        if (body != null && body.isObject() && QUOTING_ERRORS.contains(body.path("error").asText())) {
            return body.path("error").asText() + " " + QUOTED.matcher(body.path("message").asText()).replaceAll("''");
        }
        return reply.body();
    }
}
