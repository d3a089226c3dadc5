package io.zohoconnect.web.security;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code zoho.trusted-proxies} ({@code ZOHO_TRUSTED_PROXIES}): the reverse proxies whose forwarded headers count,
 * and the one place that decides what a request's client address and scheme are ({@link TrustedProxyValve} applies
 * it before anything else runs). Empty by default: no proxy is trusted, the socket's address is the client and the
 * socket's scheme is the request's.
 *
 * <p>From a trusted proxy, {@code X-Forwarded-For} is read from the right: proxies append the address they were
 * called from, so the rightmost entries are the ones a client cannot forge. Trusted proxies on the way are
 * skipped; the first other address is the client. An entry that is not an IP address ends the walk: the client is
 * then the nearest address that was one (never text of the caller's choosing). {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Port} of a trusted proxy set the scheme and port. The RFC 7239 {@code Forwarded} header is
 * not read, from anyone: with two header families believed, a client adds the one its proxy does not set.
 *
 * @param trustedProxies The reverse proxies whose X-Forwarded-For/-Proto/-Port count, as IP addresses or CIDR ranges
 *                       (IPv4 and IPv6). Env ZOHO_TRUSTED_PROXIES. Empty by default: no proxy is trusted.
 */
@ConfigurationProperties("zoho")
public record TrustedProxies(List<AddressRange> trustedProxies) {

    public TrustedProxies {
        trustedProxies = trustedProxies == null ? List.of() : trustedProxies.stream().filter(Objects::nonNull).toList();
    }

    /** What a trusted proxy says of the request; {@code secure} and {@code port} are null when it does not say. */
    record ClientView(String address, Boolean secure, Integer port) {
    }

    /**
     * The request as the client made it, or empty when {@code peer} (the socket's address) is not a trusted proxy
     * and so nothing it sent counts. {@code forwardedFor} and {@code forwardedProto} hold every value of those
     * headers, in the order received.
     */
    Optional<ClientView> view(String peer, List<String> forwardedFor, List<String> forwardedProto, String forwardedPort) {
        Optional<InetAddress> peerAddress = AddressRange.literal(peer);
        if (peerAddress.isEmpty() || !trusts(peerAddress.get())) {
            return Optional.empty();
        }
        List<String> hops = entries(forwardedFor);
        String client = peerAddress.get().getHostAddress();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = AddressRange.literal(withoutPort(hops.get(i)));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get().getHostAddress();
            if (!trusts(hop.get())) {
                break;
            }
        }
        Boolean secure = secure(entries(forwardedProto));
        return Optional.of(new ClientView(client, secure, secure == null ? null : port(forwardedPort, secure)));
    }

    boolean trusts(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    /** https only if every proxy on the way says https; null when none says anything. */
    private static Boolean secure(List<String> protocols) {
        if (protocols.isEmpty()) {
            return null;
        }
        return protocols.stream().allMatch(p -> p.toLowerCase(Locale.ROOT).equals("https"));
    }

    private static int port(String forwardedPort, boolean secure) {
        if (forwardedPort != null && forwardedPort.trim().matches("[0-9]{1,5}")) {
            int port = Integer.parseInt(forwardedPort.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        return secure ? 443 : 80;
    }

    /** The comma-separated entries of every value of a header, in order, trimmed, without empty ones. */
    private static List<String> entries(List<String> values) {
        List<String> entries = new ArrayList<>();
        for (String value : values) {
            for (String entry : value.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        }
        return entries;
    }

    /** {@code 192.0.2.7:5000} → {@code 192.0.2.7}, {@code [2001:db8::7]:443} → {@code 2001:db8::7}; a bare IPv6 literal as is. */
    private static String withoutPort(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            return close < 0 ? entry : entry.substring(1, close);
        }
        int colon = entry.indexOf(':');
        return colon >= 0 && colon == entry.lastIndexOf(':') ? entry.substring(0, colon) : entry;
    }
}
