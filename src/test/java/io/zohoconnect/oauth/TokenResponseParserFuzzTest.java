package io.zohoconnect.oauth;

import java.util.List;
import java.util.Locale;

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
 * Property tests of the token-endpoint parser: whatever Zoho, a proxy or a broken network hands it,
 * it returns a usable {@link TokenResponse} or throws a {@link ZohoTokenException} — nothing else —
 * and no exception message ever carries a token ({@code 1000.} + hex) from the body.
 */
class TokenResponseParserFuzzTest {

    private final TokenResponseParser parser = new TokenResponseParser(new ObjectMapper());

    @Property(tries = 2000)
    void answersATokenOrAZohoTokenExceptionAndNeverQuotesATokenFromTheBody(
            @ForAll @IntRange(min = 100, max = 599) int status, @ForAll("bodies") String body) {
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

    @Property(tries = 1000)
    void anyTextIsParsedOrRefusedWithAZohoTokenException(@ForAll("anyText") String body) {
        try {
            parser.parse(200, body);
        } catch (ZohoTokenException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContainPattern(Fuzz.TOKEN_LIKE);
        }
    }

    @Property(tries = 500)
    void aThrottleIsNeverPermanentAndAKnownPermanentErrorNeverTransient(
            @ForAll("errorCodes") String error, @ForAll @IntRange(min = 200, max = 599) int status) {
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

    @Property(tries = 300)
    void aTokenInZohosErrorTextIsNotQuoted(@ForAll("tokens") String token, @ForAll boolean inDescription) {
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

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(16).ofMaxLength(32).map(hex -> "1000." + hex);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Fuzz.text();
    }

    @Provide
    Arbitrary<String> errorCodes() {
        return Arbitraries.oneOf(
                Arbitraries.of("invalid_code", "INVALID_CODE", " invalid_client ", "invalid_client_secret",
                        "invalid_redirect_uri", "Access Denied", "access denied", "ACCESS DENIED ", "invalid_scope",
                        "general_error", "unauthorized_client", "invalid_grant", "unsupported_grant_type"),
                Fuzz.text().filter(s -> !s.isBlank() && !Fuzz.TOKEN_LIKE.matcher(s).find()));
    }

    /** JSON objects shaped like Zoho's answers (tokens where tokens go), then possibly damaged on the way. */
    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> token = Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(16).ofMaxLength(40)
                .map(hex -> "1000." + hex + "." + hex.substring(0, 8));
        Arbitrary<Object> tokenValue = Arbitraries.frequencyOf(
                Tuple.of(6, token.map(t -> (Object) t)),
                Tuple.of(1, Arbitraries.of("", " ", "null").map(t -> (Object) t)),
                Tuple.of(1, Arbitraries.integers().map(i -> (Object) i)),
                Tuple.of(1, Arbitraries.just(List.of("1000.aaaaaaaaaaaaaaaa")).map(t -> (Object) t)),
                Tuple.of(2, Arbitraries.just(null)));
        Arbitrary<Object> number = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(-10, 10_000_000_000L).map(n -> (Object) n)),
                Tuple.of(1, Arbitraries.of("3600", "abc", "", "1e3", "-1").map(n -> (Object) n)),
                Tuple.of(1, Arbitraries.of(3600.5, Double.MAX_VALUE, -0.0).map(n -> (Object) n)),
                Tuple.of(2, Arbitraries.just(null)));
        Arbitrary<Object> apiDomain = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("https://www.zohoapis.eu", "https://www.zohoapis.com/", "http://127.0.0.1:8089/eu/api",
                        "https://user@evil.com", "https://evil.com?x=1", "javascript:alert(1)", "//evil.com", "ftp://x",
                        " https://www.zohoapis.in ", "https://", "http://[::1", "%zz").map(d -> (Object) d)),
                Tuple.of(1, Fuzz.text().map(d -> (Object) d)),
                Tuple.of(2, Arbitraries.just(null)));
        Arbitrary<Object> error = Arbitraries.frequencyOf(
                Tuple.of(3, errorCodes().map(e -> (Object) e)),
                Tuple.of(1, Arbitraries.integers().map(i -> (Object) i)),
                Tuple.of(5, Arbitraries.just(null)));
        Arbitrary<Object> description = Arbitraries.frequencyOf(
                Tuple.of(2, Fuzz.text().filter(s -> !Fuzz.TOKEN_LIKE.matcher(s).find()).map(d -> (Object) d)),
                Tuple.of(3, Arbitraries.just(null)));
        Arbitrary<String> objects = Combinators.combine(tokenValue, tokenValue, apiDomain, number, number, error,
                        description, token)
                .as((access, refresh, domain, expiresIn, expiresInSec, err, desc, extra) -> {
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
        return Combinators.combine(objects, Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 10_000))
                .as((json, damage, cut) -> switch (damage) {
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
        node.set(field, new ObjectMapper().valueToTree(value));
    }
}
