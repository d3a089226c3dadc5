package io.zohoconnect.datacenter;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

import io.zohoconnect.fuzz.Fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests of the DC table's lookups that guard the token request: an {@code accounts-server}
 * (attacker-controlled on the callback) names a DC only when it is that DC's configured accounts
 * server — equal up to RFC 3986 equivalence (case of scheme and host, one trailing slash) — and no
 * input makes a lookup throw.
 */
class DataCentersFuzzTest {

    private final DataCenters table = new DataCenters(Map.of());

    @Property(tries = 3000)
    void anAccountsServerNamesOnlyTheDcItIsTheConfiguredServerOf(@ForAll("accountsServers") String candidate) {
        Optional<DataCenter> found = table.byAccountsServer(candidate);
        for (DataCenter dc : table.all()) {
            boolean same = sameServer(candidate, dc.accountsUrl());
            assertThat(dc.isAccountsServer(candidate)).as("%s is the accounts server of %s", Fuzz.show(candidate), dc.code())
                    .isEqualTo(same);
            if (same) {
                assertThat(found).contains(dc);
            }
        }
        found.ifPresent(dc -> assertThat(sameServer(candidate, dc.accountsUrl())).isTrue());
    }

    @Property(tries = 1000)
    void aLocationNamesAConfiguredDcOrNothing(@ForAll("locations") String location) {
        Optional<DataCenter> dc = table.byCode(location);
        dc.ifPresent(found -> assertThat(found.code()).isEqualTo(location.trim().toLowerCase(java.util.Locale.ROOT)));
        if (dc.isEmpty() && location != null) {
            assertThat(table.all()).noneMatch(known -> known.code().equalsIgnoreCase(location.trim()));
        }
    }

    @Provide
    Arbitrary<String> locations() {
        return Arbitraries.oneOf(Arbitraries.of("us", "EU", " in ", "au\t", "cn", "jp", "ca", "sa", "uk", "e u", "\u212Aa"),
                Fuzz.text(), Arbitraries.just(null));
    }

    /** Each DC's own server, mutated the ways a forged callback would try, and anything at all. */
    @Provide
    Arbitrary<String> accountsServers() {
        Arbitrary<String> servers = Arbitraries.of(table.all().stream().map(DataCenter::accountsUrl).toList());
        Arbitrary<String> mutated = Combinators.combine(servers, Arbitraries.integers().between(0, 24)).as((url, how) -> {
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
        return Arbitraries.oneOf(mutated, mutated, Fuzz.text(), Arbitraries.just(null));
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
