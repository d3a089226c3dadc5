package io.zohoconnect.web.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

import io.zohoconnect.web.Html;

/**
 * An IP address or CIDR range, IPv4 or IPv6, as an operator writes it in {@code zoho.trusted-proxies}:
 * {@code 10.0.0.0/8}, {@code 192.0.2.10}, {@code 2001:db8::/32}, {@code ::1}. Literals only, and nothing
 * here ever asks DNS: Spring Security's IpAddressMatcher hands what it is given to
 * {@code InetAddress.getByName}, which looks up anything that is not a literal — an attacker's
 * {@code X-Forwarded-For} must not turn into DNS queries.
 */
public record AddressRange(InetAddress network, int prefixLength) {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    /** Hex digits, colons and (for an embedded IPv4 tail) dots: with a colon in it, the JDK parses it as a literal, never a name. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public AddressRange {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("a prefix length of " + network.getHostAddress() + " is 0 to " + bits);
        }
    }

    /**
     * The range {@code text} names; Spring's binder calls this for each entry of {@code zoho.trusted-proxies}, so
     * the message is what an operator reads when start-up refuses a value. A blank entry (a trailing comma) names
     * nothing: null, which {@link TrustedProxies} leaves out.
     */
    public static AddressRange valueOf(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        int slash = value.indexOf('/');
        InetAddress network = literal(slash < 0 ? value : value.substring(0, slash)).orElseThrow(() -> invalid(text));
        int bits = network.getAddress().length * 8;
        if (slash < 0) {
            return new AddressRange(network, bits);
        }
        String length = value.substring(slash + 1);
        if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bits) {
            throw invalid(text);
        }
        return new AddressRange(network, Integer.parseInt(length));
    }

    /** Whether {@code address} lies in this range (an IPv4 address never lies in an IPv6 range, nor the reverse). */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] own = network.getAddress();
        if (candidate.length != own.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != own[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return rest == 0 || (candidate[whole] & mask) == (own[whole] & mask);
    }

    /**
     * {@code text} as an IP address if it is an IPv4 dotted quad or an IPv6 literal (no zone id, no brackets, no
     * port); empty for anything else. An IPv4-mapped IPv6 literal comes back as its IPv4 address.
     */
    static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            if (IPV4.matcher(text).matches()) {
                String[] octets = text.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    bytes[i] = (byte) Integer.parseInt(octets[i]);
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
                return Optional.of(InetAddress.getByName(text));
            }
        } catch (UnknownHostException e) {
            // not a literal after all (e.g. too many groups)
        }
        return Optional.empty();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + Html.printable(String.valueOf(text), 60) + "' is not an IP address or"
                + " CIDR range: write e.g. 10.0.0.0/8, 192.0.2.10, 2001:db8::/32 or ::1 (no host names)");
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
