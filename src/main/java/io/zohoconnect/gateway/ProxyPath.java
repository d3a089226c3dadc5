package io.zohoconnect.gateway;

import java.util.regex.Pattern;

/**
 * The one check of what a caller may reach through the gateway: a path under {@code crm/} of the connection's own
 * API domain, nothing else. The path is taken raw (as sent, before any decoding) and must be {@code crm/} and then
 * segments of unreserved characters only (RFC 3986: letters, digits, {@code - . _ ~}), none of them {@code .} or
 * {@code ..}. So every way out — {@code ..} raw or percent-encoded, encoded separators, {@code //host},
 * {@code @host}, a scheme, backslashes, CR/LF or any control character — is refused before anything is sent.
 * Zoho's CRM paths are module API names, ids and fixed words: they never need an escape; values go in the query.
 */
final class ProxyPath {

    static final int MAX_LENGTH = 2048;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");

    private ProxyPath() {
    }

    /** The path to append to the API domain ({@code crm/v8/Leads}), or a 400 saying what is wrong with it. */
    static String check(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw invalid("Name a CRM path after /proxy/, e.g. /proxy/crm/v8/Leads.");
        }
        if (raw.length() > MAX_LENGTH) {
            throw invalid("The path is longer than " + MAX_LENGTH + " characters.");
        }
        if (!raw.startsWith("crm/")) {
            throw invalid("Only Zoho CRM paths may be sent through the gateway: /proxy/crm/…");
        }
        for (String segment : raw.split("/", -1)) {
            if (segment.isEmpty()) {
                throw invalid("The path has an empty segment (// or a trailing /).");
            }
            if (!SEGMENT.matcher(segment).matches()) {
                throw invalid("The path may hold only letters, digits and - . _ ~ between its slashes (no escapes;"
                        + " values go in the query).");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw invalid("The path may not hold . or .. segments.");
            }
        }
        return raw;
    }

    private static GatewayException invalid(String message) {
        return new GatewayException(400, "invalid_path", message);
    }
}
