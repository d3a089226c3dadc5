package io.zohoconnect.web.security;

import io.zohoconnect.web.ApiException;
import io.zohoconnect.web.Html;

import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The one place that decides what the caller of {@code /api/**}, {@code /proxy/**} and the metrics may do. The
 * admin key may do everything. A scoped key ({@link ScopedKey}) may do only the operations below, each with its
 * permission, and only for its connections — the connection is read from the path, or from the gateway's
 * {@code Zoho-Connection-Id} header. Everything else is refused (403), including any operation added later
 * until it is listed here: the default is no. {@code POST /api/connect-links} names its connection in the body,
 * which is read by the route; the route asks {@link #require} the same question once it has it.
 */
public final class ApiGrants implements AuthorizationManager<RequestAuthorizationContext> {

    public static final String CONNECTION_HEADER = "Zoho-Connection-Id";
    public static final String PROXY_PREFIX = "/proxy/";

    private static final Pattern CONNECTION_PATH = Pattern.compile("/api/connections/([^/]+)(/events|/access-token)?");

    @Override
    @SuppressWarnings("deprecation") // check() is still the method Spring Security 6.5 calls through authorize()
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        return new AuthorizationDecision(allowed(authentication.get(), context.getRequest()));
    }

    static boolean allowed(Authentication authentication, HttpServletRequest request) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return false;
        }
        if (ApiKeyAuthenticationFilter.isApiKey(authentication)) {
            return true;
        }
        if (!(authentication.getPrincipal() instanceof ScopedKey key)) {
            return false;
        }
        Requirement required = requirement(request);
        return required != null && key.allows(required.permission(), required.connectionId());
    }

    /** The scoped key of a request, or null when the admin key (or a login) authenticated it. */
    public static ScopedKey keyOf(HttpServletRequest request) {
        return request.getAttribute(ScopedKey.class.getName()) instanceof ScopedKey key ? key : null;
    }

    /**
     * For an operation whose connection is in its body: 403 unless the caller's key (if it is one) may do
     * {@code permission} for {@code connectionId}.
     */
    public static void require(HttpServletRequest request, KeyPermission permission, String connectionId) {
        ScopedKey key = keyOf(request);
        if (key != null && !key.allows(permission, connectionId)) {
            throw new ApiException(403, "forbidden", "This API key may not " + permission.wireName() + " for connection '"
                    + Html.printable(connectionId, 64) + "'.");
        }
    }

    /** What a scoped key needs for this request: a permission and the connection it is for; null when no key may. */
    public static Requirement requirement(HttpServletRequest request) {
        String method = request.getMethod();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(PROXY_PREFIX)) {
            List<String> connections = Collections.list(request.getHeaders(CONNECTION_HEADER));
            if (connections.size() != 1) {
                return null; // no connection named, or two (which one would the gateway use?)
            }
            boolean read = method.equals("GET") || method.equals("HEAD");
            return new Requirement(read ? KeyPermission.PROXY_READ : KeyPermission.PROXY_WRITE, connections.get(0));
        }
        if (method.equals("GET") && path.equals("/api/connections")) {
            return new Requirement(KeyPermission.CONNECTIONS_READ, null); // the route lists only the key's connections
        }
        if (method.equals("POST") && path.equals("/api/connect-links")) {
            return new Requirement(KeyPermission.LINKS_CREATE, null); // the route checks the body's connection (require)
        }
        Matcher connection = CONNECTION_PATH.matcher(path);
        if (method.equals("GET") && connection.matches()) {
            boolean token = "/access-token".equals(connection.group(2));
            return new Requirement(token ? KeyPermission.TOKEN_READ : KeyPermission.CONNECTIONS_READ, connection.group(1));
        }
        return null;
    }

    public record Requirement(KeyPermission permission, String connectionId) {
    }
}
