package io.zohoconnect.crm.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.zohoconnect.fuzz.Fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests of the lenient CRM error reader (CrmWire.error): it never
 * throws, always yields a code and a bounded one-line message, and never lifts a token that sat
 * anywhere but Zoho's own {@code message} into what it reports.
 */
class CrmErrorFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 2000)
    void alwaysACodeAndABoundedMessageAndNoTokenFromOutsideTheMessage(
            @ForAll @IntRange(min = 100, max = 599) int status, @ForAll("bodies") String body) {
        CrmError error = new CrmWire(JSON).error(status, body);
        assertThat(error.code()).isNotNull();
        assertThat(error.message()).isNotNull().doesNotContainPattern("\\p{Cntrl}");
        assertThat(error.message().length()).isLessThanOrEqualTo(301);
        assertThat(error.message()).doesNotContainPattern(Fuzz.TOKEN_LIKE);
        assertThat(error.code()).doesNotContainPattern(Fuzz.TOKEN_LIKE);
    }

    @Property(tries = 1000)
    void anyTextGivesAnErrorWithoutThrowing(@ForAll @IntRange(min = 100, max = 599) int status,
            @ForAll("anyText") String body) {
        CrmError error = new CrmWire(JSON).error(status, body);
        assertThat(error.code()).isNotNull();
        assertThat(error.message()).isNotNull().doesNotContainPattern("\\p{Cntrl}");
        assertThat(error.message().length()).isLessThanOrEqualTo(301);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Fuzz.text();
    }

    /** Zoho's error shapes (top level or in data[0]) with tokens in details and beside them, maybe damaged. */
    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> token = Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(16).ofMaxLength(32)
                .map(hex -> "1000." + hex);
        Arbitrary<String> code = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("INVALID_TOKEN", "AUTHENTICATION_FAILURE", "OAUTH_SCOPE_MISMATCH",
                        "TOO_MANY_REQUESTS", "INTERNAL_ERROR", "", " ")),
                Tuple.of(1, Fuzz.text().filter(s -> !Fuzz.TOKEN_LIKE.matcher(s).find())));
        Arbitrary<String> message = Fuzz.text().filter(s -> !Fuzz.TOKEN_LIKE.matcher(s).find());
        Arbitrary<String> objects = Combinators.combine(code, message, token, Arbitraries.integers().between(0, 3))
                .as((c, m, t, shape) -> {
                    ObjectNode error = JsonNodeFactory.instance.objectNode().put("code", c).put("message", m)
                            .put("status", "error");
                    error.putObject("details").put("access_token", t).put("Authorization", "Zoho-oauthtoken " + t);
                    return switch (shape) {
                        case 0 -> error.toString();
                        case 1 -> {
                            ObjectNode root = JsonNodeFactory.instance.objectNode();
                            root.putArray("data").add(error).add(JsonNodeFactory.instance.objectNode().put("message", t));
                            yield root.toString();
                        }
                        case 2 -> "<html><title>" + t + "</title>" + error + "</html>";
                        default -> error.toString().substring(0, error.toString().length() / 2) + t;
                    };
                });
        return Arbitraries.frequencyOf(Tuple.of(4, objects),
                Tuple.of(1, Arbitraries.of("", " ", "null", "[]", "{}", "{\"code\":null}", "{\"code\":{}}",
                        "{\"code\":[1,2]}", "{\"data\":[]}", "{\"data\":{}}", "{\"data\":[null]}", "[".repeat(3000))));
    }
}
