package io.zohoconnect.web.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.zohoconnect.ZohoProperties;
import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.LoopbackClient;
import io.zohoconnect.support.LoopbackClient.Answer;
import io.zohoconnect.support.ServiceClient;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19 item 2: forwarded headers count only from {@code zoho.trusted-proxies}. The tests' configuration
 * trusts one address, {@link LoopbackClient#PROXY} (127.0.0.2), standing in for a reverse proxy; everything
 * else comes from 127.0.0.1 (or 127.0.0.3), which no setting trusts — as every address is by default.
 * An untrusted client that rotates {@code X-Forwarded-For} (or {@code Forwarded}, {@code X-Real-IP}) is
 * still locked out, cannot lock out the address it names, cannot write it into the warning, and cannot
 * make its request look like HTTPS.
 */
@ExtendWith(OutputCaptureExtension.class)
class TrustedProxiesTest extends IntegrationTest {

    private static final String WRONG_KEY = "Authorization: Bearer wrong-key-0123456789abcdefgh";
    private static final String RIGHT_KEY = "Authorization: Bearer " + ADMIN_KEY;
    private static final String API = "/api/connections?limit=1";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @Autowired
    ZohoProperties properties;

    private LoopbackClient client;
    private LoopbackClient otherClient;
    private LoopbackClient proxy;

    @BeforeEach
    void clients() {
        int port = URI.create(service.baseUrl()).getPort();
        client = new LoopbackClient(LoopbackClient.CLIENT, port);
        otherClient = new LoopbackClient("127.0.0.3", port);
        proxy = new LoopbackClient(LoopbackClient.PROXY, port);
    }

    // ---- an untrusted sender: its forwarded headers change nothing

    @Test
    void rotatingForwardedAddressesFromAnUntrustedSenderDoesNotEscapeTheLockout(CapturedOutput output) {
        int allowed = properties.admin().maxFailedLogins();
        List<String> spoofed = new ArrayList<>();
        for (int i = 0; i <= allowed; i++) {
            String address = "203.0.113." + (10 + i);
            spoofed.add(address);
            Answer answer = client.get(API, WRONG_KEY, "X-Forwarded-For: " + address, "Forwarded: for=" + address,
                    "X-Real-IP: " + address);
            assertThat(answer.status()).as("wrong key %s, claiming %s", i + 1, address).isEqualTo(i < allowed ? 401 : 429);
        }
        assertThat(client.get(API, RIGHT_KEY, "X-Forwarded-For: 198.51.100.200").status())
                .as("the right key, from yet another claimed address").isEqualTo(429);
        assertThat(client.get(API, RIGHT_KEY, "X-Forwarded-For: 127.0.0.2").status())
                .as("claiming to be the trusted proxy").isEqualTo(429);

        String logs = output.getOut() + output.getErr();
        assertThat(logs).contains("Wrong admin key from 127.0.0.1 (1 of " + allowed)
                .contains("Wrong admin key from 127.0.0.1: more than " + allowed);
        assertThat(spoofed).allSatisfy(address -> assertThat(logs).doesNotContain(address));
    }

    @Test
    void rotatingForwardedAddressesDoesNotEscapeTheLoginFormsLockout() {
        int allowed = properties.admin().maxFailedLogins();
        for (int i = 0; i <= allowed; i++) {
            Answer answer = login(client, "wrong-password-" + i, "X-Forwarded-For: 203.0.113." + (40 + i));
            assertThat(answer.status()).as("wrong password %s", i + 1).isEqualTo(i < allowed ? 302 : 429);
        }
        Answer right = login(client, ADMIN_KEY, "X-Forwarded-For: 203.0.113.99");
        assertThat(right.status()).as("the right password, claiming another address").isEqualTo(429);
        assertThat(right.setCookie("JSESSIONID")).isEmpty();
    }

    @Test
    void anUntrustedSenderCannotLockOutTheAddressItNames(CapturedOutput output) {
        String victim = "203.0.113.50";
        for (int i = 0; i <= properties.admin().maxFailedLogins(); i++) {
            client.get(API, WRONG_KEY, "X-Forwarded-For: " + victim);
        }
        assertThat(client.get(API, RIGHT_KEY).status()).as("the sender itself is locked out").isEqualTo(429);
        assertThat(proxy.get(API, RIGHT_KEY, "X-Forwarded-For: " + victim).status())
                .as("the victim, behind the trusted proxy").isEqualTo(200);
        assertThat(otherClient.get(API, RIGHT_KEY, "X-Forwarded-For: " + victim).status())
                .as("another direct client naming the victim").isEqualTo(200);
        assertThat(output.getOut() + output.getErr()).doesNotContain(victim);
    }

    /** Header spellings an untrusted sender may use to claim HTTPS: none makes its cookies Secure or brings HSTS. */
    @ParameterizedTest
    @ValueSource(strings = {"X-Forwarded-Proto: https", "X-Forwarded-Proto: HTTPS", "Forwarded: proto=https",
            "X-Forwarded-Ssl: on", "Front-End-Https: on", "X-Forwarded-Scheme: https", "X-Url-Scheme: https"})
    void anUntrustedSenderCannotClaimHttps(String claim) {
        Answer login = client.get("/login", claim, "X-Forwarded-Port: 443", "X-Forwarded-For: 198.51.100.1");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.setCookie(CsrfCookies.COOKIE)).hasValueSatisfying(cookie -> assertThat(cookie)
                .doesNotContainIgnoringCase("Secure"));
        assertThat(login.setCookie(CsrfCookies.SECURE_COOKIE)).isEmpty();
        assertThat(login.header("Strict-Transport-Security")).isEmpty();

        Answer connect = client.get(ServiceClient.connectPath("untrusted-tls", "eu", "production"), RIGHT_KEY, claim);
        assertThat(connect.status()).isEqualTo(302);
        assertThat(connect.setCookie(BrowserBinding.COOKIE)).hasValueSatisfying(cookie -> assertThat(cookie)
                .doesNotContainIgnoringCase("Secure"));
        assertThat(connect.setCookie(BrowserBinding.SECURE_COOKIE)).isEmpty();
        assertThat(connect.header("Strict-Transport-Security")).isEmpty();
    }

    // ---- the trusted proxy: its view of the client counts

    /**
     * X-Forwarded-For as the trusted proxy sends it → the address the lockout counts (and the warning names): the
     * rightmost entry that is not a trusted proxy; the proxy itself when no entry is an address.
     */
    static Stream<Arguments> forwardedForAndTheClientItNames() {
        return Stream.of(
                Arguments.of(List.of("198.51.100.7"), "198.51.100.7"),
                Arguments.of(List.of("203.0.113.66, 198.51.100.8"), "198.51.100.8"),
                Arguments.of(List.of("203.0.113.66", "198.51.100.9"), "198.51.100.9"),
                Arguments.of(List.of("198.51.100.10, 127.0.0.2"), "198.51.100.10"),
                Arguments.of(List.of("198.51.100.11:50123"), "198.51.100.11"),
                Arguments.of(List.of("2001:db8::12"), "2001:db8:0:0:0:0:0:12"),
                Arguments.of(List.of("[2001:DB8::13]:443"), "2001:db8:0:0:0:0:0:13"),
                Arguments.of(List.of("::ffff:198.51.100.14"), "198.51.100.14"),
                Arguments.of(List.of("198.51.100.15,,  ,"), "198.51.100.15"),
                Arguments.of(List.of("  198.51.100.18  "), "198.51.100.18"),
                Arguments.of(List.of("", "198.51.100.19"), "198.51.100.19"),
                Arguments.of(List.of("198.51.100.20", ""), "198.51.100.20"),
                Arguments.of(List.of("%31%39%38.51.100.21"), "127.0.0.2"),
                Arguments.of(List.of("198.51.100.22%2C203.0.113.1"), "127.0.0.2"),
                Arguments.of(List.of("\"198.51.100.23\""), "127.0.0.2"),
                Arguments.of(List.of("[198.51.100.24]"), "198.51.100.24"),
                Arguments.of(List.of("203.0.113.77, unknown"), "127.0.0.2"),
                Arguments.of(List.of("attacker.example"), "127.0.0.2"),
                Arguments.of(List.of("1.2.3.999"), "127.0.0.2"),
                Arguments.of(List.of("fe80::1%eth0"), "127.0.0.2"),
                Arguments.of(List.of("198.51.100.16 198.51.100.17"), "127.0.0.2"),
                Arguments.of(List.of(""), "127.0.0.2"),
                Arguments.of(List.of(), "127.0.0.2"));
    }

    @ParameterizedTest
    @MethodSource("forwardedForAndTheClientItNames")
    void behindTheTrustedProxyTheClientIsTheRightmostAddressItDoesNotTrust(List<String> forwardedFor, String client,
            CapturedOutput output) {
        String[] headers = Stream.concat(Stream.of(WRONG_KEY), forwardedFor.stream().map(v -> "X-Forwarded-For: " + v))
                .toArray(String[]::new);
        assertThat(proxy.get(API, headers).status()).isEqualTo(401);
        assertThat(output.getOut()).contains("Wrong admin key from " + client + " (1 of ");
    }

    @Test
    void behindTheTrustedProxyEachClientHasItsOwnLockout() {
        for (int i = 0; i <= properties.admin().maxFailedLogins(); i++) {
            proxy.get(API, WRONG_KEY, "X-Forwarded-For: 203.0.113.66, 198.51.100.20");
        }
        assertThat(proxy.get(API, RIGHT_KEY, "X-Forwarded-For: 198.51.100.20").status()).as("the locked-out client")
                .isEqualTo(429);
        assertThat(proxy.get(API, RIGHT_KEY, "X-Forwarded-For: 203.0.113.66").status())
                .as("the address the client wrote to the left").isEqualTo(200);
        assertThat(proxy.get(API, RIGHT_KEY, "X-Forwarded-For: 198.51.100.21").status()).as("another client").isEqualTo(200);
        assertThat(client.get(API, RIGHT_KEY).status()).as("a direct client").isEqualTo(200);
    }

    /** What the trusted proxy says of the scheme: https only when every value says so. */
    @ParameterizedTest
    @ValueSource(strings = {"https|true", "HTTPS|true", "https, https|true", " https |true", "http|false", "https, http|false",
            "ftp|false", "https%20|false", "|false"})
    void theTrustedProxysForwardedProtoDecidesTheScheme(String line) {
        String[] parts = line.split("\\|", -1);
        boolean secure = Boolean.parseBoolean(parts[1]);
        Answer login = proxy.get("/login", "X-Forwarded-Proto: " + parts[0], "X-Forwarded-For: 198.51.100.30");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.setCookie(secure ? CsrfCookies.SECURE_COOKIE : CsrfCookies.COOKIE)).as(line).isPresent();
        assertThat(login.header("Strict-Transport-Security").isPresent()).as(line).isEqualTo(secure);
    }

    /** Two X-Forwarded-Proto lines: https only if both say so. */
    @Test
    void repeatedForwardedProtoLinesMustAllSayHttps() {
        Answer mixed = proxy.get("/login", "X-Forwarded-Proto: https", "X-Forwarded-Proto: http");
        assertThat(mixed.setCookie(CsrfCookies.COOKIE)).isPresent();
        assertThat(mixed.header("Strict-Transport-Security")).isEmpty();
        Answer both = proxy.get("/login", "X-Forwarded-Proto: https", "X-Forwarded-Proto: https");
        assertThat(both.setCookie(CsrfCookies.SECURE_COOKIE)).isPresent();
    }

    /** The Forwarded header (RFC 7239) is not read even from the trusted proxy: one header family, X-Forwarded-*. */
    @Test
    void theForwardedHeaderCountsFromNobody(CapturedOutput output) {
        Answer answer = proxy.get("/login", "Forwarded: for=198.51.100.40;proto=https");
        assertThat(answer.setCookie(CsrfCookies.COOKIE)).isPresent();
        assertThat(answer.header("Strict-Transport-Security")).isEmpty();
        proxy.get(API, WRONG_KEY, "Forwarded: for=198.51.100.41", "X-Forwarded-For: 198.51.100.42");
        assertThat(output.getOut()).contains("Wrong admin key from 198.51.100.42").doesNotContain("198.51.100.41");
    }

    /** A login through the trusted TLS proxy: every cookie Secure (and __Host- where the name allows it), HSTS sent. */
    @Test
    void throughTheTrustedTlsProxyALoginGetsSecureCookies() {
        Answer page = proxy.get("/login", "X-Forwarded-Proto: https");
        String csrfCookie = page.setCookie(CsrfCookies.SECURE_COOKIE).orElseThrow();
        assertThat(csrfCookie).contains("; Path=/").contains("; Secure").contains("; HttpOnly").contains("SameSite=Strict");
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).isTrue();

        Answer login = proxy.send("POST", "/login", "username=admin&password=" + ADMIN_KEY + "&_csrf=" + token.group(1),
                "X-Forwarded-Proto: https", "Content-Type: application/x-www-form-urlencoded",
                "Cookie: " + csrfCookie.substring(0, csrfCookie.indexOf(';')));
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location")).contains("/");
        assertThat(login.setCookie("JSESSIONID")).hasValueSatisfying(session -> assertThat(session)
                .contains("; Secure").contains("; HttpOnly"));
        assertThat(login.header("Strict-Transport-Security")).isPresent();
    }

    private Answer login(LoopbackClient from, String password, String... headers) {
        Answer page = from.get("/login", headers);
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).as("a CSRF token on the login page").isTrue();
        String cookie = page.setCookie(CsrfCookies.COOKIE).orElseThrow();
        List<String> lines = new ArrayList<>(List.of(headers));
        lines.add("Content-Type: application/x-www-form-urlencoded");
        lines.add("Cookie: " + cookie.substring(0, cookie.indexOf(';')));
        return from.send("POST", "/login", "username=admin&password=" + password + "&_csrf=" + token.group(1),
                lines.toArray(String[]::new));
    }
}
