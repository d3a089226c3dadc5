package io.zohoconnect.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;

/**
 * The browser forms' CSRF token kept in a cookie instead of a session, so a login page or a link's confirm page
 * leaves no state on the server: HttpOnly, SameSite=Strict, path /. Over HTTPS it is {@code __Host-} prefixed and
 * Secure, so neither a plain-HTTP answer nor a sibling domain can plant a token of its choosing (the cookie is
 * the half of the pair an attacker would need). Spring Security still requires the form's masked copy on every
 * browser POST.
 */
final class CsrfCookies implements CsrfTokenRepository {

    static final String COOKIE = "XSRF-TOKEN";
    static final String SECURE_COOKIE = "__Host-" + COOKIE;

    private final CookieCsrfTokenRepository plain = repository(COOKIE);
    private final CookieCsrfTokenRepository secure = repository(SECURE_COOKIE);

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return of(request).generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        of(request).saveToken(token, request, response);
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        return of(request).loadToken(request);
    }

    private CookieCsrfTokenRepository of(HttpServletRequest request) {
        return request.isSecure() ? secure : plain;
    }

    private static CookieCsrfTokenRepository repository(String name) {
        CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
        repository.setCookieName(name);
        repository.setCookiePath("/");
        repository.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Strict"));
        return repository;
    }
}
