package io.zohoconnect.credentials;

import java.util.List;
import java.util.Locale;
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
 * Property tests of the token-endpoint parser: whatever Zoho, a proxy or a broken network hands it,
 * it returns a usable {@link TokenResponse} or throws a {@link ZohoTokenException} — nothing else —
 * and no exception message ever carries a token ({@code 1000.} + hex) from the body. Cases: {@link Fuzz#cases};
 * a status is any of 100–599 (edge cases 100 and 599) or of 200–599 (200 and 599).
 */
@ExtendWith(ReplaySeed.class)
class TokenResponseParserFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenResponseParser parser = new TokenResponseParser(JSON);

    static Stream<Arguments> answersATokenOrAZohoTokenExceptionAndNeverQuotesATokenFromTheBody() {
        return Fuzz.cases("answersATokenOrAZohoTokenExceptionAndNeverQuotesATokenFromTheBody", 2000,
                Gen.integers(100, 599), bodies());
    }

    @ParameterizedTest
    @MethodSource
    void answersATokenOrAZohoTokenExceptionAndNeverQuotesATokenFromTheBody(int status, String body) {
        try {
            TokenResponse response = parser.parse(status, body);
            assertThat(response.accessToken()).isNotNull();
            assertThat(response.accessToken().value()).isNotBlank();
            assertThat(response.expiresIn()).isPositive();
            if (response.apiDomain() != null) {
                assertThat(response.apiDomain()).matches("(?i)https?://.+").doesNotEndWith("/");
            }
        } catch (ZohoTokenException e) {
            assertThat(e.kind()).isNotNull();
            assertThat(e.getMessage()).isNotBlank().doesNotContainPattern(Fuzz.TOKEN_LIKE).doesNotContainPattern("\\p{Cntrl}");
        }
    }

    static Stream<Arguments> anyTextIsParsedOrRefusedWithAZohoTokenException() {
        return Fuzz.cases("anyTextIsParsedOrRefusedWithAZohoTokenException", 1000, Fuzz.text());
    }

    @ParameterizedTest
    @MethodSource
    void anyTextIsParsedOrRefusedWithAZohoTokenException(String body) {
        try {
            parser.parse(200, body);
        } catch (ZohoTokenException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContainPattern(Fuzz.TOKEN_LIKE);
        }
    }

    static Stream<Arguments> aThrottleIsNeverPermanentAndAKnownPermanentErrorNeverTransient() {
        return Fuzz.cases("aThrottleIsNeverPermanentAndAKnownPermanentErrorNeverTransient", 500, errorCodes(),
                Gen.integers(200, 599));
    }

    @ParameterizedTest
    @MethodSource
    void aThrottleIsNeverPermanentAndAKnownPermanentErrorNeverTransient(String error, int status) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("error", error);
        try {
            parser.parse(status, body.toString());
            throw new AssertionError("an error body was taken for a token");
        } catch (ZohoTokenException e) {
            String normalized = error.trim().toLowerCase(Locale.ROOT);
            if (normalized.equals("access denied")) {
                assertThat(e.kind()).isEqualTo(ZohoTokenException.Kind.THROTTLED);
            } else if (TokenResponseParser.PERMANENT_ERRORS.contains(normalized)) {
                assertThat(e.kind()).isEqualTo(ZohoTokenException.Kind.PERMANENT);
            } else if (TokenResponseParser.CLIENT_ERRORS.contains(normalized)) {
                assertThat(e.kind()).isEqualTo(ZohoTokenException.Kind.CLIENT_MISCONFIGURED);
            } else {
                assertThat(e.kind()).isEqualTo(ZohoTokenException.Kind.TRANSIENT);
            }
        }
    }

    static Stream<Arguments> aTokenInZohosErrorTextIsNotQuoted() {
        return Fuzz.cases("aTokenInZohosErrorTextIsNotQuoted", 300, tokens(), Gen.booleans());
    }

    @ParameterizedTest
    @MethodSource
    void aTokenInZohosErrorTextIsNotQuoted(String token, boolean inDescription) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", inDescription ? "invalid_code" : token);
        if (inDescription) {
            body.put("error_description", "grant " + token + " is not valid");
        }
        try {
            parser.parse(200, body.toString());
            throw new AssertionError("an error body was taken for a token");
        } catch (ZohoTokenException e) {
            assertThat(e.getMessage()).doesNotContain(token);
        }
    }

    /** Edge cases: 1000. + 16 x "0", 1000. + 16 x "f". */
    static Gen<String> tokens() {
        return Gen.strings("0123456789abcdef", 16, 32).map(hex -> "1000." + hex);
    }

    /** Edge cases: "invalid_code", "unsupported_grant_type", and every non-blank, token-free one of {@link Fuzz#text}'s. */
    static Gen<String> errorCodes() {
        return Gen.oneOf(
                Gen.of("invalid_code", "INVALID_CODE", " invalid_client ", "invalid_client_secret",
                        "invalid_redirect_uri", "Access Denied", "access denied", "ACCESS DENIED ", "invalid_scope",
                        "general_error", "unauthorized_client", "invalid_grant", "unsupported_grant_type"),
                Fuzz.text().filter(s -> !s.isBlank() && !Fuzz.TOKEN_LIKE.matcher(s).find()));
    }

    /**
     * JSON objects shaped like Zoho's answers (tokens where tokens go), then possibly damaged on the way. Edge
     * cases, each in at least one body ({@link Gen#combined}): token fields — 1000. + 16 x "0" + "." + 8 x "0"
     * (and the same with "f"), "", "null", the ints -2 to 2 and the int bounds, a list, absent; numbers — -10,
     * 10^10, -2 to 2, "3600", "-1", 3600.5, -0.0, absent; API domains — the first and the last listed, every one
     * of {@link Fuzz#text}'s, absent; errors — {@link #errorCodes}'s, the ints -2 to 2 and bounds, absent;
     * descriptions — the token-free text edge cases, absent; damage — cut (0), none (9), in HTML (1), behind a
     * BOM (2); the cut — at 0, 1, 2 and 10000 characters.
     */
    static Gen<String> bodies() {
        Gen<String> token = Gen.strings("0123456789abcdef", 16, 40).map(hex -> "1000." + hex + "." + hex.substring(0, 8));
        Gen<Object> tokenValue = Gen.frequency(
                weighted(6, token),
                weighted(1, Gen.of("", " ", "null")),
                weighted(1, Gen.integers()),
                weighted(1, Gen.just(List.of("1000.aaaaaaaaaaaaaaaa"))),
                weighted(2, Gen.just(null)));
        Gen<Object> number = Gen.frequency(
                weighted(3, Gen.longs(-10, 10_000_000_000L)),
                weighted(1, Gen.of("3600", "abc", "", "1e3", "-1")),
                weighted(1, Gen.of(3600.5, Double.MAX_VALUE, -0.0)),
                weighted(2, Gen.just(null)));
        Gen<Object> apiDomain = Gen.frequency(
                weighted(3, Gen.of("https://www.zohoapis.eu", "https://www.zohoapis.com/", "http://127.0.0.1:8089/eu/api",
                        "https://user@evil.com", "https://evil.com?x=1", "javascript:alert(1)", "//evil.com", "ftp://x",
                        " https://www.zohoapis.in ", "https://", "http://[::1", "%zz")),
                weighted(1, Fuzz.text()),
                weighted(2, Gen.just(null)));
        Gen<Object> error = Gen.frequency(
                weighted(3, errorCodes()),
                weighted(1, Gen.integers()),
                weighted(5, Gen.just(null)));
        Gen<Object> description = Gen.frequency(
                weighted(2, Fuzz.text().filter(s -> !Fuzz.TOKEN_LIKE.matcher(s).find())),
                weighted(3, Gen.just(null)));
        Gen<String> objects = Gen.combine(tokenValue, tokenValue, apiDomain, number, number, error, description, token,
                (access, refresh, domain, expiresIn, expiresInSec, err, desc, extra) -> {
                    ObjectNode node = JsonNodeFactory.instance.objectNode();
                    put(node, "access_token", access);
                    put(node, "refresh_token", refresh);
                    put(node, "api_domain", domain);
                    put(node, "expires_in", expiresIn);
                    put(node, "expires_in_sec", expiresInSec);
                    put(node, "error", err);
                    put(node, "error_description", desc);
                    node.put("id_token", extra).put("scope", "ZohoCRM.modules.ALL ZohoCRM.settings.ALL")
                            .put("token_type", "Bearer");
                    return node.toString();
                });
        return Gen.combine(objects, Gen.integers(0, 9), Gen.integers(0, 10_000), (json, damage, cut) -> switch (damage) {
            case 0 -> json.substring(0, Math.min(json.length(), cut % (json.length() + 1))); // truncated
            case 1 -> "<html><body>502 Bad Gateway " + json + "</body></html>";
            case 2 -> "\uFEFF" + json;
            case 3 -> "  \r\n" + json + "\n";
            case 4 -> "[" + json + "]";
            case 5 -> json.replace("\"", "'");
            default -> json;
        });
    }

    private static void put(ObjectNode node, String field, Object value) {
        if (value == null) {
            return; // absent
        }
        node.set(field, JSON.valueToTree(value));
    }
}
