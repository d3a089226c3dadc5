package io.zohoconnect.datacenter;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Canonical form of the base URLs in the DC table, so comparisons are exact and predictable. */
final class Urls {

    private Urls() {
    }

    /**
     * Lower-cases scheme and host and drops one trailing slash; null stays null. Anything with a
     * query, fragment or user info is not a base URL and normalizes to a value that matches nothing.
     */
    static String normalize(String url) {
        if (url == null) {
            return null;
        }
        String trimmed = url.trim();
        try {
            URI uri = new URI(trimmed);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return "invalid:" + trimmed;
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            if (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port + path;
        } catch (URISyntaxException e) {
            return "invalid:" + trimmed;
        }
    }
}
