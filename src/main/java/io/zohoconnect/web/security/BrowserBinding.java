package io.zohoconnect.web.security;

import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zohoconnect.credentials.Randoms;

/**
 * Binds each authorization to the browser that starts it: a random value in an HttpOnly,
 * SameSite=Lax cookie, whose SHA-256 is stored with the state. The callback accepts a state only
 * with the same cookie, so an authorize URL or callback URL that reaches another browser (phished,
 * leaked, replayed) cannot complete the flow there. Over HTTPS the cookie is {@code __Host-}
 * prefixed and Secure, so a plain-HTTP response or a sibling domain cannot plant one.
 */
public final class BrowserBinding {

    static final String COOKIE = "zoho_connect_browser";
    static final String SECURE_COOKIE = "__Host-" + COOKIE;
    /**
     * Whether the request came over HTTPS, as it stood while the filters ran (after {@link TrustedProxyValve}). The
     * routes run on another thread (platform-http is asynchronous): the answer is taken once, early, in
     * {@link RequestGuardFilter}, and read from here, so the cookie's name and flags cannot depend on when it is read.
     */
    private static final String SECURE_ATTRIBUTE = BrowserBinding.class.getName() + ".secure";
    /** 32 random bytes, URL-safe base64 without padding: exactly what {@link #bind} hands out. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

    private BrowserBinding() {
    }

    /**
     * Makes sure the browser holds a binding cookie and returns the SHA-256 (hex) to store with the
     * state. A well-formed cookie the browser already has is kept, so two tabs can connect at once.
     */
    public static String bind(HttpServletRequest request, HttpServletResponse response) {
        String value = presented(request);
        if (value == null) {
            value = Randoms.urlSafe(32);
            response.addHeader("Set-Cookie", cookieName(request) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax"
                    + (secure(request) ? "; Secure" : ""));
        }
        return Randoms.sha256Hex(value);
    }

    /** The binding value this browser sent (the cookie of this scheme's name), or null when none or malformed. */
    public static String presented(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        String name = cookieName(request);
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName()) && cookie.getValue() != null
                    && WELL_FORMED.matcher(cookie.getValue()).matches()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private static String cookieName(HttpServletRequest request) {
        return secure(request) ? SECURE_COOKIE : COOKIE;
    }

    /** Called by the first filter, on Tomcat's thread. */
    static void rememberScheme(HttpServletRequest request) {
        request.setAttribute(SECURE_ATTRIBUTE, request.isSecure());
    }

    private static boolean secure(HttpServletRequest request) {
        return request.getAttribute(SECURE_ATTRIBUTE) instanceof Boolean secure ? secure : request.isSecure();
    }
}
