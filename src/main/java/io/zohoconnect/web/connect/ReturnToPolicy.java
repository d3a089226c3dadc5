package io.zohoconnect.web.connect;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.zohoconnect.ZohoProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where a finished connection may send the browser: a path on this service, or an absolute URL
 * whose origin is listed in {@code zoho.return-to.allowed-origins}. Nothing else — no open redirects.
 */
@Component
public final class ReturnToPolicy {

    private final Set<String> allowedOrigins;

    @Autowired
    public ReturnToPolicy(ZohoProperties properties) {
        this(properties.returnTo().allowedOrigins());
    }

    ReturnToPolicy(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream().map(ReturnToPolicy::originOf).filter(Objects::nonNull)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** True for a local path ({@code /dashboard}) or an absolute URL on an allowed origin. */
    public boolean isAllowed(String returnTo) {
        if (returnTo == null || returnTo.length() > 2048 || returnTo.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '\\')) {
            return false;
        }
        if (returnTo.startsWith("/")) {
            // "//host" and "/\host" are protocol-relative URLs to another host
            return !returnTo.startsWith("//");
        }
        String origin = originOf(returnTo);
        return origin != null && allowedOrigins.contains(origin);
    }

    /** {@code scheme://host[:port]} in lower case, or null for anything that is not an absolute http(s) URL. */
    public static String originOf(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"https".equals(scheme) && !"http".equals(scheme) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
