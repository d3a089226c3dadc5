package io.zohoconnect.datacenter;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.zohoconnect.fuzz.Fuzz;
import io.zohoconnect.fuzz.Gen;
import io.zohoconnect.fuzz.ReplaySeed;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests of the DC table's lookups that guard the token request: an {@code accounts-server}
 * (attacker-controlled on the callback) names a DC only when it is that DC's configured accounts
 * server — equal up to RFC 3986 equivalence (case of scheme and host, one trailing slash) — and no
 * input makes a lookup throw. Cases: {@link Fuzz#cases}.
 */
@ExtendWith(ReplaySeed.class)
class DataCentersFuzzTest {

    private static final DataCenters TABLE = new DataCenters(Map.of());

    static Stream<Arguments> anAccountsServerNamesOnlyTheDcItIsTheConfiguredServerOf() {
        return Fuzz.cases("anAccountsServerNamesOnlyTheDcItIsTheConfiguredServerOf", 3000, accountsServers());
    }

    @ParameterizedTest
    @MethodSource
    void anAccountsServerNamesOnlyTheDcItIsTheConfiguredServerOf(String candidate) {
        Optional<DataCenter> found = TABLE.byAccountsServer(candidate);
        for (DataCenter dc : TABLE.all()) {
            boolean same = sameServer(candidate, dc.accountsUrl());
            assertThat(dc.isAccountsServer(candidate)).as("%s is the accounts server of %s", Fuzz.show(candidate), dc.code())
                    .isEqualTo(same);
            if (same) {
                assertThat(found).contains(dc);
            }
        }
        found.ifPresent(dc -> assertThat(sameServer(candidate, dc.accountsUrl())).isTrue());
    }

    static Stream<Arguments> aLocationNamesAConfiguredDcOrNothing() {
        return Fuzz.cases("aLocationNamesAConfiguredDcOrNothing", 1000, locations());
    }

    @ParameterizedTest
    @MethodSource
    void aLocationNamesAConfiguredDcOrNothing(String location) {
        Optional<DataCenter> dc = TABLE.byCode(location);
        dc.ifPresent(found -> assertThat(found.code()).isEqualTo(location.trim().toLowerCase(java.util.Locale.ROOT)));
        if (dc.isEmpty() && location != null) {
            assertThat(TABLE.all()).noneMatch(known -> known.code().equalsIgnoreCase(location.trim()));
        }
    }

    /** Edge cases: "us", Kelvin sign + "a" (the first and last listed), every one of {@link Fuzz#text}'s, and null. */
    static Gen<String> locations() {
        return Gen.oneOf(Gen.of("us", "EU", " in ", "au\t", "cn", "jp", "ca", "sa", "uk", "e u", "\u212Aa"),
                Fuzz.text(), Gen.just(null));
    }

    /**
     * Each DC's own server, mutated the ways a forged callback would try, and anything at all. Edge cases: the
     * first and the last DC's server, each unchanged (0), with a slash (1), upper case (2) and suffixed "%2F" (24);
     * every one of {@link Fuzz#text}'s; null.
     */
    static Gen<String> accountsServers() {
        Gen<String> servers = Gen.of(TABLE.all().stream().map(DataCenter::accountsUrl).toList());
        Gen<String> mutated = Gen.combine(servers, Gen.integers(0, 24), (url, how) -> {
            String host = URI.create(url).getHost();
            return switch (how) {
                case 0 -> url;
                case 1 -> url + "/";
                case 2 -> url.toUpperCase();
                case 3 -> " " + url + " ";
                case 4 -> url + "//";
                case 5 -> url + ".evil.com";
                case 6 -> url + "@evil.com";
                case 7 -> "https://evil.com@" + host;
                case 8 -> url + "?x=1";
                case 9 -> url + "#frag";
                case 10 -> url + ":443";
                case 11 -> url + ":8443";
                case 12 -> url.replace("https://", "http://");
                case 13 -> url + "/oauth/v2/token";
                case 14 -> url + "/..";
                case 15 -> url.replace(host, host + ".");
                case 16 -> url.replace(host, host.replace('.', '\u3002'));
                case 17 -> url.replace("https://", "https:/");
                case 18 -> url.replace("https://", "//");
                case 19 -> host;
                case 20 -> url.replace("accounts.", "accounts-");
                case 21 -> url + "\u0000";
                case 22 -> url + "\r\nX: y";
                case 23 -> url.replace("https", "javascript");
                default -> url + "%2F";
            };
        });
        return Gen.oneOf(mutated, mutated, Fuzz.text(), Gen.just(null));
    }

    /** The test's own reading of "the same server": parsed independently of {@code Urls}. */
    static boolean sameServer(String candidate, String configured) {
        if (candidate == null) {
            return false;
        }
        try {
            URI c = new URI(candidate.trim());
            URI k = new URI(configured);
            if (c.getScheme() == null || c.getHost() == null || c.getRawUserInfo() != null || c.getRawQuery() != null
                    || c.getRawFragment() != null) {
                return false;
            }
            String path = c.getRawPath() == null ? "" : c.getRawPath();
            path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            String configuredPath = k.getRawPath() == null ? "" : k.getRawPath();
            return c.getScheme().equalsIgnoreCase(k.getScheme()) && c.getHost().equalsIgnoreCase(k.getHost())
                    && c.getPort() == k.getPort() && path.equals(configuredPath);
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
