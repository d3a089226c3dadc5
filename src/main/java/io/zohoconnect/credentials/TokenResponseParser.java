package io.zohoconnect.credentials;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.connection.Secret;
import io.zohoconnect.credentials.ZohoTokenException.Kind;

/**
 * Reads Zoho token-endpoint answers the way ZOHO-API.md §4–§5 says they come: errors with HTTP 200,
 * the legacy {@code expires_in_sec} shape, unknown fields, a missing {@code api_domain}, and
 * everything a broken proxy can produce (HTML, truncated JSON, empty bodies).
 */
public final class TokenResponseParser {

    /** The grant is gone (used or expired code, revoked refresh token): only a new consent helps. */
    static final Set<String> PERMANENT_ERRORS = Set.of("invalid_code", "invalid_grant");
    /** Our client configuration is wrong (client id or secret for the DC, redirect URI, grant type): an operator fixes it. */
    static final Set<String> CLIENT_ERRORS = Set.of("invalid_client", "invalid_client_secret", "invalid_redirect_uri",
            "unauthorized_client", "unsupported_grant_type");
    /** Zoho's answer to a revoke of a token it does not know: the token is already dead. */
    static final Set<String> UNKNOWN_TOKEN_ERRORS = Set.of("invalid_token", "invalid_code");

    static final String THROTTLED = "access denied";
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    /** Whatever Zoho announces, a token is taken to live at least this long and at most this long (DESIGN). */
    static final Duration MIN_LIFETIME = Duration.ofSeconds(1);
    static final Duration MAX_LIFETIME = Duration.ofDays(1);
    /**
     * The longest token taken. Zoho's are about 70 characters ({@code 1000.<hex>.<hex>}); sealed, a token of
     * this length still fits its column. Tokens travel in a header: only visible ASCII.
     */
    static final int MAX_TOKEN_LENGTH = 512;
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1," + MAX_TOKEN_LENGTH + "}");
    /** The api_domain column; a longer one cannot be an API domain of the DC table anyway. */
    static final int MAX_API_DOMAIN_LENGTH = 255;
    /** Above this, a bare {@code expires_in} can only be milliseconds (the legacy shape without its _sec twin). */
    private static final BigDecimal MAX_PLAUSIBLE_SECONDS = BigDecimal.valueOf(7 * 24 * 3600);

    private final ObjectMapper json;

    public TokenResponseParser(ObjectMapper json) {
        this.json = json;
    }

    /**
     * A token answer, bounded before anything is stored: the lifetime is clamped to
     * {@link #MIN_LIFETIME}–{@link #MAX_LIFETIME}, an unusable {@code api_domain} is dropped (the DC table
     * decides), and a token that is not one ({@link #MAX_TOKEN_LENGTH}, visible ASCII) refuses the answer —
     * with the refresh token it carried, if any, for the caller to revoke ({@link ZohoTokenException#issuedGrant()}).
     */
    public TokenResponse parse(int httpStatus, String body) {
        JsonNode root = readObject(httpStatus, body);
        String accessToken = text(root, "access_token");
        if (accessToken == null) {
            throw errorOf(httpStatus, root);
        }
        Secret refreshToken = Secret.ofNullable(text(root, "refresh_token"));
        requireToken(httpStatus, "access_token", accessToken, refreshToken);
        requireToken(httpStatus, "refresh_token", refreshToken == null ? null : refreshToken.value(), refreshToken);
        return new TokenResponse(new Secret(accessToken), refreshToken, apiDomain(text(root, "api_domain")),
                lifetime(root));
    }

    private static void requireToken(int httpStatus, String field, String value, Secret issuedGrant) {
        if (value != null && !TOKEN.matcher(value).matches()) {
            throw ZohoTokenException.answerRefused("Zoho's token endpoint answered HTTP " + httpStatus + " with an "
                    + field + " that is not a token (" + value.length() + " characters; at most " + MAX_TOKEN_LENGTH
                    + " visible ASCII characters are taken)", issuedGrant);
        }
    }

    /** True for Zoho's {@code {"status":"success"}} (the revoke answer); false for anything else. */
    public boolean confirmsSuccess(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        try {
            JsonNode root = json.readTree(body);
            return root != null && root.isObject() && "success".equalsIgnoreCase(root.path("status").asText())
                    && !root.has("error");
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /**
     * True when an HTTP 400 from the revoke endpoint is Zoho's "unknown token" answer (ZOHO-API.md §6):
     * an empty body, or a JSON object whose {@code error} is {@code invalid_token}/{@code invalid_code} or
     * absent. Not the throttle ({@code Access Denied}), not an HTML page, not any other error: the token
     * may still be alive then.
     */
    public boolean saysUnknownToken(String body) {
        if (body == null || body.isBlank()) {
            return true;
        }
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                return false;
            }
            String error = text(root, "error");
            return error == null || UNKNOWN_TOKEN_ERRORS.contains(error.trim().toLowerCase(Locale.ROOT));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** True for Zoho's throttle body ({@code {"error":"Access Denied"}}), whatever the HTTP status. */
    public boolean saysThrottled(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        try {
            JsonNode root = json.readTree(body);
            String error = root != null && root.isObject() ? text(root, "error") : null;
            return error != null && error.trim().toLowerCase(Locale.ROOT).equals(THROTTLED);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private JsonNode readObject(int httpStatus, String body) {
        if (body == null || body.isBlank()) {
            throw new ZohoTokenException(Kind.TRANSIENT, null,
                    "Zoho's token endpoint answered HTTP " + httpStatus + " with an empty body");
        }
        String trimmed = body.stripLeading();
        if (trimmed.startsWith("<")) {
            throw new ZohoTokenException(Kind.TRANSIENT, null,
                    "Zoho's token endpoint answered HTTP " + httpStatus + " with an HTML page instead of JSON");
        }
        try {
            JsonNode root = json.readTree(trimmed);
            if (root == null || !root.isObject()) {
                throw new ZohoTokenException(Kind.TRANSIENT, null,
                        "Zoho's token endpoint answered HTTP " + httpStatus + " with JSON that is not an object");
            }
            return root;
        } catch (JsonProcessingException e) {
            // the parser's message quotes the body, which may hold a token: keep it out
            throw new ZohoTokenException(Kind.TRANSIENT, null,
                    "Zoho's token endpoint answered HTTP " + httpStatus + " with malformed or truncated JSON");
        }
    }

    private static ZohoTokenException errorOf(int httpStatus, JsonNode root) {
        String error = text(root, "error");
        if (error == null) {
            return new ZohoTokenException(Kind.TRANSIENT, null,
                    "Zoho's token endpoint answered HTTP " + httpStatus + " without an access_token or an error");
        }
        String description = text(root, "error_description");
        String message = "Zoho refused the token request: " + safe(error)
                + (description == null ? "" : " (" + safe(description) + ")");
        String normalized = error.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals(THROTTLED)) {
            return new ZohoTokenException(Kind.THROTTLED, error, message);
        }
        if (PERMANENT_ERRORS.contains(normalized)) {
            return new ZohoTokenException(Kind.PERMANENT, error, message);
        }
        if (CLIENT_ERRORS.contains(normalized)) {
            return new ZohoTokenException(Kind.CLIENT_MISCONFIGURED, error, message);
        }
        return new ZohoTokenException(Kind.TRANSIENT, error, message + " [HTTP " + httpStatus + "]");
    }

    /**
     * {@code expires_in_sec} if positive, else {@code expires_in} (milliseconds when implausibly large for
     * seconds), else an hour — then clamped: an answer of 2^63-1 must neither overflow nor keep a token forever.
     */
    private static Duration lifetime(JsonNode root) {
        BigDecimal seconds = positive(root.get("expires_in_sec"));
        if (seconds == null) {
            BigDecimal expiresIn = positive(root.get("expires_in"));
            if (expiresIn == null) {
                return DEFAULT_LIFETIME;
            }
            seconds = expiresIn.compareTo(MAX_PLAUSIBLE_SECONDS) > 0 ? expiresIn.movePointLeft(3) : expiresIn;
        }
        if (seconds.compareTo(BigDecimal.valueOf(MAX_LIFETIME.toSeconds())) >= 0) {
            return MAX_LIFETIME;
        }
        Duration lifetime = Duration.ofMillis(seconds.movePointRight(3).longValue());
        return lifetime.compareTo(MIN_LIFETIME) < 0 ? MIN_LIFETIME : lifetime;
    }

    /** A positive number, given as a JSON number or as text; null for anything else. */
    private static BigDecimal positive(JsonNode node) {
        if (node == null) {
            return null;
        }
        try {
            BigDecimal value = node.isNumber() ? node.decimalValue()
                    : node.isTextual() && node.asText().trim().length() <= 40 ? new BigDecimal(node.asText().trim()) : null;
            return value != null && value.signum() > 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Only an absolute http(s) URL with a host is an API domain; anything else falls back to the DC table. */
    private static String apiDomain(String value) {
        if (value == null || value.trim().length() > MAX_API_DOMAIN_LENGTH) {
            return null;
        }
        try {
            URI uri = URI.create(value.trim());
            boolean http = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawUserInfo() == null
                    ? value.trim().replaceAll("/+$", "") : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() || !node.isValueNode() || node.asText().isBlank() ? null : node.asText();
    }

    /** Anything shaped like a Zoho token or code ({@code 1000.…}) or a long opaque run with digits in it. */
    private static final Pattern SECRET_LIKE =
            Pattern.compile("\\d{4}\\.[A-Za-z0-9._-]+|(?=[A-Za-z_-]*\\d)[A-Za-z0-9_-]{24,}");

    /**
     * Zoho's words, fit for a log line or a page: bounded, no control characters, and anything that
     * looks like a token or code redacted (a proxy or Zoho could echo one back in an error).
     */
    private static String safe(String text) {
        // cut first: the token pattern's lookahead is quadratic on a long run of letters, and Zoho's error can be long
        String head = text.length() > 400 ? text.substring(0, 400) : text;
        String clean = SECRET_LIKE.matcher(head.replaceAll("\\p{Cntrl}", " ")).replaceAll("[redacted]");
        return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
    }
}
