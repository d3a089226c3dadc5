package io.zohoconnect.web.connect;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.zohoconnect.fuzz.Fuzz;
import io.zohoconnect.fuzz.Gen;
import io.zohoconnect.fuzz.ReplaySeed;
import io.zohoconnect.web.ApiException;
import io.zohoconnect.web.QueryParams;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.zohoconnect.fuzz.Gen.weighted;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests of the two pure gatekeepers of browser input: {@link QueryParams} (the raw query
 * string) and {@link ReturnToPolicy} (where a finished connection may send the browser). Cases: {@link Fuzz#cases}.
 */
@ExtendWith(ReplaySeed.class)
class WebInputFuzzTest {

    private final ReturnToPolicy policy = new ReturnToPolicy(List.of("https://app.example.com"));

    // ---- QueryParams

    static Stream<Arguments> aRawQueryIsParsedOrRefusedWithA400InvalidRequest() {
        return Fuzz.cases("aRawQueryIsParsedOrRefusedWithA400InvalidRequest", 2000, rawQueries());
    }

    @ParameterizedTest
    @MethodSource
    void aRawQueryIsParsedOrRefusedWithA400InvalidRequest(String raw) {
        try {
            QueryParams params = QueryParams.parse(raw);
            for (String name : List.of("connection_id", "dc", "state", "code", "location", "accounts-server")) {
                String value = params.get(name);
                assertThat(value == null || !value.isEmpty()).as("get(%s) is null or non-empty", name).isTrue();
            }
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.error()).isEqualTo("invalid_request");
            // the quoted name keeps its markup: see ConnectInputTest.errorMessagesNeverQuoteTheMarkupTheyRefuse
            assertThat(e.getMessage()).isNotBlank().doesNotContainPattern("\\p{Cntrl}");
            assertThat(e.getMessage().length()).isLessThan(120);
        }
    }

    static Stream<Arguments> encodedParametersComeBackExactly() {
        return Fuzz.cases("encodedParametersComeBackExactly", 1000, parameterMaps());
    }

    @ParameterizedTest
    @MethodSource
    void encodedParametersComeBackExactly(Map<String, String> params) {
        String raw = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        QueryParams parsed = QueryParams.parse(raw);
        params.forEach((name, value) -> {
            String expected = URLDecoder.decode(encode(value), StandardCharsets.UTF_8); // lone surrogates become '?'
            assertThat(parsed.get(URLDecoder.decode(encode(name), StandardCharsets.UTF_8)))
                    .isEqualTo(expected.isEmpty() ? null : expected);
        });
    }

    static Stream<Arguments> aParameterGivenTwiceIsAlwaysRefused() {
        return Fuzz.cases("aParameterGivenTwiceIsAlwaysRefused", 500, names(), values(), values());
    }

    @ParameterizedTest
    @MethodSource
    void aParameterGivenTwiceIsAlwaysRefused(String name, String first, String second) {
        String raw = encode(name) + "=" + encode(first) + "&x=1&" + encode(name) + "=" + encode(second);
        try {
            QueryParams.parse(raw);
            throw new AssertionError("a repeated parameter was accepted: " + Fuzz.show(raw));
        } catch (ApiException e) {
            assertThat(e.error()).isEqualTo("invalid_request");
        }
    }

    // ---- ReturnToPolicy

    static Stream<Arguments> onlyLocalPathsAndTheAllowedOriginPass() {
        return Fuzz.cases("onlyLocalPathsAndTheAllowedOriginPass", 3000, returnTos());
    }

    @ParameterizedTest
    @MethodSource
    void onlyLocalPathsAndTheAllowedOriginPass(String returnTo) {
        boolean allowed = policy.isAllowed(returnTo);
        if (!allowed) {
            return;
        }
        assertThat(returnTo).doesNotContainPattern("[\\x00-\\x20\\x7f\\\\]").hasSizeLessThanOrEqualTo(2048);
        if (returnTo.startsWith("/")) {
            assertThat(returnTo).as("protocol-relative").doesNotStartWith("//");
        } else {
            URI uri = URI.create(returnTo);
            assertThat(uri.getScheme().toLowerCase(Locale.ROOT)).isIn("http", "https");
            assertThat(uri.getHost()).isEqualToIgnoringCase("app.example.com");
            assertThat(uri.getRawUserInfo()).isNull();
            assertThat(ReturnToPolicy.originOf(returnTo)).isEqualTo("https://app.example.com");
        }
    }

    static Stream<Arguments> originOfNeverThrowsAndIsLowerCaseSchemeHostPort() {
        return Fuzz.cases("originOfNeverThrowsAndIsLowerCaseSchemeHostPort", 1000, returnTos());
    }

    @ParameterizedTest
    @MethodSource
    void originOfNeverThrowsAndIsLowerCaseSchemeHostPort(String url) {
        String origin = ReturnToPolicy.originOf(url);
        if (origin != null) {
            assertThat(origin).matches("https?://[^/?#@\\s]+").isEqualTo(origin.toLowerCase(Locale.ROOT));
        }
    }

    // ---- inputs

    /**
     * Raw query strings: up to 15 pieces glued, 8000–8300 characters of {@code a=&%}, or absent. Edge cases: no
     * piece (""), each piece edge case alone ("connection_id=", ";", "%", "javascript:alert(1)" and every one
     * of {@link Fuzz#text}'s), 8000 x "a", 8000 x "%", null.
     */
    static Gen<String> rawQueries() {
        Gen<String> pieces = Gen.frequency(
                weighted(3, Gen.of("connection_id=", "dc=", "state=", "code=", "&", "=", "&&", "==", "+", ";")),
                weighted(3, Gen.of("%", "%0", "%zz", "%00", "%0d%0a", "%C0%80", "%FF", "%ED%A0%80", "%F0%9F%98%80",
                        "%3Cscript%3E", "a", "eu", "..", "//evil.com", "javascript:alert(1)")),
                weighted(2, Fuzz.text()));
        return Gen.oneOf(pieces.list(0, 15).map(list -> String.join("", list)),
                Gen.strings("a=&%", 8000, 8300),
                Gen.just(null));
    }

    /** Up to 6 parameters. Edge cases: none; one of each name edge case with each value edge case (in turn). */
    static Gen<Map<String, String>> parameterMaps() {
        // names that encode alike (a lone surrogate and '?') would be one parameter given twice
        return Gen.maps(names(), values(), 6).filter(map -> map.keySet().stream()
                .map(name -> URLDecoder.decode(encode(name), StandardCharsets.UTF_8)).distinct().count() == map.size());
    }

    /** Edge cases: "connection_id", "accounts-server", and the non-empty ones of {@link Fuzz#text}'s (cut at 30). */
    static Gen<String> names() {
        return Gen.oneOf(Gen.of("connection_id", "dc", "environment", "state", "code", "accounts-server"),
                Fuzz.text().filter(s -> !s.isEmpty()).map(s -> s.length() > 30 ? s.substring(0, 30) : s));
    }

    /** Edge cases: {@link Fuzz#text}'s (cut at 300). */
    static Gen<String> values() {
        return Fuzz.text().map(s -> s.length() > 300 ? s.substring(0, 300) : s);
    }

    /**
     * Where a finished connection might be sent. Edge cases: every combination of the first and the last prefix
     * ("https://app.example.com", "") with the first and the last suffix ("", "/ü"); every one of
     * {@link Fuzz#text}'s; 2040 x "/" and 2040 x "a".
     */
    static Gen<String> returnTos() {
        Gen<String> prefixes = Gen.of("https://app.example.com", "HTTPS://APP.EXAMPLE.COM", "http://app.example.com",
                "https://app.example.com:443", "https://app.example.com:8443", "https://app.example.com.evil.com",
                "https://app.example.com@evil.com", "https://evil.com@app.example.com", "https://evil.com#@app.example.com",
                "https://evil.com?@app.example.com", "https://app.example.com\\@evil.com", "//app.example.com", "/",
                "//", "/\\evil.com", "\\\\evil.com", "javascript:", "data:text/html,", " https://app.example.com",
                "https:app.example.com", "https:/app.example.com", "https://app%2eexample.com", "https://xn--pp-example.com",
                "https://app.example.com.", "https://[::1]", "");
        Gen<String> suffixes = Gen.of("", "/", "/settings?tab=zoho", "#x", "/..", "/../..//evil.com",
                "@evil.com", ".evil.com", ":443", "%00", "\t", "\r\nLocation: https://evil.com", "?next=https://evil.com",
                "/%2F%2Fevil.com", "alert(1)", "/ü");
        return Gen.oneOf(Gen.combine(prefixes, suffixes, String::concat), Fuzz.text(), Gen.strings("/a", 2040, 2060));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
