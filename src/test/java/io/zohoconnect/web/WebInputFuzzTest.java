package io.zohoconnect.web;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.zohoconnect.fuzz.Fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests of the two pure gatekeepers of browser input: {@link QueryParams} (the raw query
 * string) and {@link ReturnToPolicy} (where a finished connection may send the browser).
 */
class WebInputFuzzTest {

    private final ReturnToPolicy policy = new ReturnToPolicy(List.of("https://app.example.com"));

    // ---- QueryParams

    @Property(tries = 2000)
    void aRawQueryIsParsedOrRefusedWithA400InvalidRequest(@ForAll("rawQueries") String raw) {
        try {
            QueryParams params = QueryParams.parse(raw);
            for (String name : List.of("connection_id", "dc", "state", "code", "location", "accounts-server")) {
                String value = params.get(name);
                assertThat(value == null || !value.isEmpty()).as("get(%s) is null or non-empty", name).isTrue();
            }
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.error()).isEqualTo("invalid_request");
            // the quoted name keeps its markup: see KnownBugsTest.jsonErrorMessagesDoNotQuoteMarkup
            assertThat(e.getMessage()).isNotBlank().doesNotContainPattern("\\p{Cntrl}");
            assertThat(e.getMessage().length()).isLessThan(120);
        }
    }

    @Property(tries = 1000)
    void encodedParametersComeBackExactly(@ForAll("parameterMaps") Map<String, String> params) {
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

    @Property(tries = 500)
    void aParameterGivenTwiceIsAlwaysRefused(@ForAll("names") String name, @ForAll("values") String first,
            @ForAll("values") String second) {
        String raw = encode(name) + "=" + encode(first) + "&x=1&" + encode(name) + "=" + encode(second);
        try {
            QueryParams.parse(raw);
            throw new AssertionError("a repeated parameter was accepted: " + Fuzz.show(raw));
        } catch (ApiException e) {
            assertThat(e.error()).isEqualTo("invalid_request");
        }
    }

    // ---- ReturnToPolicy

    @Property(tries = 3000)
    void onlyLocalPathsAndTheAllowedOriginPass(@ForAll("returnTos") String returnTo) {
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

    @Property(tries = 1000)
    void originOfNeverThrowsAndIsLowerCaseSchemeHostPort(@ForAll("returnTos") String url) {
        String origin = ReturnToPolicy.originOf(url);
        if (origin != null) {
            assertThat(origin).matches("https?://[^/?#@\\s]+").isEqualTo(origin.toLowerCase(Locale.ROOT));
        }
    }

    // ---- inputs

    @Provide
    Arbitrary<String> rawQueries() {
        Arbitrary<String> pieces = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("connection_id=", "dc=", "state=", "code=", "&", "=", "&&", "==", "+", ";")),
                Tuple.of(3, Arbitraries.of("%", "%0", "%zz", "%00", "%0d%0a", "%C0%80", "%FF", "%ED%A0%80", "%F0%9F%98%80",
                        "%3Cscript%3E", "a", "eu", "..", "//evil.com", "javascript:alert(1)")),
                Tuple.of(2, Fuzz.text()));
        return Arbitraries.oneOf(pieces.list().ofMaxSize(15).map(list -> String.join("", list)),
                Arbitraries.strings().withChars("a=&%").ofMinLength(8000).ofMaxLength(8300),
                Arbitraries.just(null));
    }

    @Provide
    Arbitrary<Map<String, String>> parameterMaps() {
        // names that encode alike (a lone surrogate and '?') would be one parameter given twice
        return Arbitraries.maps(names(), values()).ofMaxSize(6).filter(map -> map.keySet().stream()
                .map(name -> URLDecoder.decode(encode(name), StandardCharsets.UTF_8)).distinct().count() == map.size());
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(Arbitraries.of("connection_id", "dc", "environment", "state", "code", "accounts-server"),
                Fuzz.text().filter(s -> !s.isEmpty()).map(s -> s.length() > 30 ? s.substring(0, 30) : s));
    }

    @Provide
    Arbitrary<String> values() {
        return Fuzz.text().map(s -> s.length() > 300 ? s.substring(0, 300) : s);
    }

    @Provide
    Arbitrary<String> returnTos() {
        Arbitrary<String> prefixes = Arbitraries.of("https://app.example.com", "HTTPS://APP.EXAMPLE.COM", "http://app.example.com",
                "https://app.example.com:443", "https://app.example.com:8443", "https://app.example.com.evil.com",
                "https://app.example.com@evil.com", "https://evil.com@app.example.com", "https://evil.com#@app.example.com",
                "https://evil.com?@app.example.com", "https://app.example.com\\@evil.com", "//app.example.com", "/",
                "//", "/\\evil.com", "\\\\evil.com", "javascript:", "data:text/html,", " https://app.example.com",
                "https:app.example.com", "https:/app.example.com", "https://app%2eexample.com", "https://xn--pp-example.com",
                "https://app.example.com.", "https://[::1]", "");
        Arbitrary<String> suffixes = Arbitraries.of("", "/", "/settings?tab=zoho", "#x", "/..", "/../..//evil.com",
                "@evil.com", ".evil.com", ":443", "%00", "\t", "\r\nLocation: https://evil.com", "?next=https://evil.com",
                "/%2F%2Fevil.com", "alert(1)", "/ü");
        return Arbitraries.oneOf(Combinators.combine(prefixes, suffixes).as(String::concat), Fuzz.text(),
                Arbitraries.strings().ofMinLength(2040).ofMaxLength(2060).withChars("/a"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
