package io.zohoconnect.web.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The entries of zoho.trusted-proxies: IP literals and CIDR ranges, IPv4 and IPv6, and nothing else. */
class AddressRangeTest {

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.1.2.3, true", "10.0.0.0/8, 11.0.0.1, false", "10.0.0.0/8, 9.255.255.255, false",
            "192.0.2.10, 192.0.2.10, true", "192.0.2.10, 192.0.2.11, false", "192.0.2.10/32, 192.0.2.10, true",
            "172.16.0.0/12, 172.31.255.255, true", "172.16.0.0/12, 172.32.0.0, false",
            "10.1.2.3/8, 10.9.9.9, true", "' 10.0.0.0/8 ', 10.0.0.1, true", "0.0.0.0/0, 203.0.113.9, true",
            "0.0.0.0/0, 2001:db8::1, false", "2001:db8::/32, 2001:db8:ffff::1, true", "2001:db8::/32, 2001:db9::1, false",
            "2001:DB8::/32, 2001:db8::1, true", "::1, 0:0:0:0:0:0:0:1, true", "::1, 127.0.0.1, false", "::/0, ::1, true",
            "::/0, 10.0.0.1, false", "fd00::/8, fdff:1::1, true", "::ffff:10.0.0.0/8, 10.200.0.1, true",
            "10.0.0.0/8, ::ffff:10.0.0.1, true", "127.0.0.2, 127.0.0.1, false", "127.0.0.0/8, 127.255.0.1, true"})
    void aRangeContainsExactlyItsAddresses(String range, String address, boolean contained) throws UnknownHostException {
        assertThat(AddressRange.valueOf(range).contains(InetAddress.getByName(address))).isEqualTo(contained);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "/8", "10.0.0.256", "10.0.0", "1.2.3.4.5",
            "010.0.0.1", "1.2.3.999", "proxy.example.com", "localhost", "2001:db8::/129", "fe80::1%eth0", "[::1]",
            "::1/abc", "10.0.0.0/8/8", "1.2.3.4:80", "*", "10.0.0.0/8 ,", "0x0a000000", "2001:db8::g", "1:2:3:4:5:6:7:8:9",
            "10.0.0.0\n/8", "12345"})
    void anythingElseIsRefusedNamingTheValue(String text) {
        assertThatThrownBy(() -> AddressRange.valueOf(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an IP address or CIDR range").hasMessageContaining("10.0.0.0/8");
    }

    @Test
    void aBlankEntryNamesNothing() {
        assertThat(AddressRange.valueOf("")).isNull();
        assertThat(AddressRange.valueOf("  ")).isNull();
    }

    /** No host name is ever looked up: an address is only ever a literal (a lookup per forwarded header would be a DoS). */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "1.2.3.999", "a.b", "fe", "ab:cd:ef"})
    void aNameIsNotAnAddress(String text) {
        assertThat(AddressRange.literal(text)).isEmpty();
    }

    /** Prefix matching against a reference computed with plain integer arithmetic, over random ranges and addresses. */
    @Test
    void randomIpv4RangesAgreeWithIntegerArithmetic() throws UnknownHostException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 5_000; i++) {
            int network = random.nextInt();
            int prefix = random.nextInt(33);
            int mask = (int) (prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL);
            // half inside the range (network bits kept, host bits random), half anywhere
            int address = random.nextBoolean() ? (network & mask) | (random.nextInt() & ~mask) : random.nextInt();
            boolean expected = (network & mask) == (address & mask);
            String range = dotted(network) + "/" + prefix;
            assertThat(AddressRange.valueOf(range).contains(InetAddress.getByName(dotted(address))))
                    .as("%s contains %s (seed %s)", range, dotted(address), seed).isEqualTo(expected);
        }
    }

    private static String dotted(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." + (address & 0xFF);
    }
}
