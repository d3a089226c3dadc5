package io.zohoconnect.crm.wire;

import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.zohoconnect.fuzz.Fuzz;
import io.zohoconnect.fuzz.Gen;
import io.zohoconnect.fuzz.ReplaySeed;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.zohoconnect.fuzz.Gen.weighted;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests of the lenient CRM error reader (CrmWire.error): it never
 * throws, always yields a code and a bounded one-line message, and never lifts a token that sat
 * anywhere but Zoho's own {@code message} into what it reports. Cases: {@link Fuzz#cases}; the status is any
 * of 100–599 (edge cases 100 and 599).
 */
@ExtendWith(ReplaySeed.class)
class CrmErrorFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> alwaysACodeAndABoundedMessageAndNoTokenFromOutsideTheMessage() {
        return Fuzz.cases("alwaysACodeAndABoundedMessageAndNoTokenFromOutsideTheMessage", 2000, Gen.integers(100, 599),
                bodies());
    }

    @ParameterizedTest
    @MethodSource
    void alwaysACodeAndABoundedMessageAndNoTokenFromOutsideTheMessage(int status, String body) {
        CrmError error = new CrmWire(JSON).error(status, body);
        assertThat(error.code()).isNotNull();
        assertThat(error.message()).isNotNull().doesNotContainPattern("\\p{Cntrl}");
        assertThat(error.message().length()).isLessThanOrEqualTo(301);
        assertThat(error.message()).doesNotContainPattern(Fuzz.TOKEN_LIKE);
        assertThat(error.code()).doesNotContainPattern(Fuzz.TOKEN_LIKE);
    }

    static Stream<Arguments> anyTextGivesAnErrorWithoutThrowing() {
        return Fuzz.cases("anyTextGivesAnErrorWithoutThrowing", 1000, Gen.integers(100, 599), Fuzz.text());
    }

    @ParameterizedTest
    @MethodSource
    void anyTextGivesAnErrorWithoutThrowing(int status, String body) {
        CrmError error = new CrmWire(JSON).error(status, body);
        assertThat(error.code()).isNotNull();
        assertThat(error.message()).isNotNull().doesNotContainPattern("\\p{Cntrl}");
        assertThat(error.message().length()).isLessThanOrEqualTo(301);
    }

    /**
     * Zoho's error shapes (top level or in data[0]) with tokens in details and beside them, maybe damaged.
     * Edge cases: error objects taking in turn each edge case of the code ("INVALID_TOKEN", " ", and every
     * token-free one of {@link Fuzz#text}'s), of the message (the same text ones), of the token (1000. + 16 x "0",
     * 1000. + 16 x "f") and of the shape (0–3); the first and the last of the broken bodies ("" and "[" x 3000).
     */
    static Gen<String> bodies() {
        Gen<String> token = Gen.strings("0123456789abcdef", 16, 32).map(hex -> "1000." + hex);
        Gen<String> code = Gen.frequency(
                weighted(3, Gen.of("INVALID_TOKEN", "AUTHENTICATION_FAILURE", "OAUTH_SCOPE_MISMATCH",
                        "TOO_MANY_REQUESTS", "INTERNAL_ERROR", "", " ")),
                weighted(1, Fuzz.text().filter(s -> !Fuzz.TOKEN_LIKE.matcher(s).find())));
        Gen<String> message = Fuzz.text().filter(s -> !Fuzz.TOKEN_LIKE.matcher(s).find());
        Gen<String> objects = Gen.combine(code, message, token, Gen.integers(0, 3), (c, m, t, shape) -> {
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
        return Gen.frequency(weighted(4, objects),
                weighted(1, Gen.of("", " ", "null", "[]", "{}", "{\"code\":null}", "{\"code\":{}}",
                        "{\"code\":[1,2]}", "{\"data\":[]}", "{\"data\":{}}", "{\"data\":[null]}", "[".repeat(3000))));
    }
}
