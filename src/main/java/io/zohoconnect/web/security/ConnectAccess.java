package io.zohoconnect.web.security;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zohoconnect.web.ApiException;
import io.zohoconnect.web.Problem;
import io.zohoconnect.web.ProblemResponses;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one rule for who may start a flow at {@code /connect}, used by the security filter chain
 * and again by the route: an authenticated admin — the admin key as a Bearer token, or a dashboard
 * login — and never a request that carries a {@code link} parameter in any spelling. Connect links
 * have a path of their own ({@code /connect/link/{token}}); a {@code link} parameter here is an
 * attempt to reach the admin branch without being an admin, so it is a 401 whoever sends it.
 *
 * <p>The route runs on a platform-http worker thread (async dispatch), where Spring Security's
 * thread-bound context is gone: the decision is handed over as a request attribute, which only
 * this class sets.
 */
public final class ConnectAccess implements AuthorizationManager<RequestAuthorizationContext> {

    /** How an admin started the flow; the key decides whether /connect redirects at once. */
    public enum Starter { ADMIN_KEY, ADMIN_SESSION }

    static final String PATH = "/connect";
    private static final String STARTER = ConnectAccess.class.getName() + ".starter";
    private static final String LINK_NAME = "link";
    static final String LINK_REFUSED = "A connect link is opened at its own address (/connect/link/…); /connect does not"
            + " take a link parameter. Ask your administrator for a new link.";

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Optional<Starter> starter = starterOf(context.getRequest(), authentication.get());
        starter.ifPresent(s -> context.getRequest().setAttribute(STARTER, s));
        return new AuthorizationDecision(starter.isPresent());
    }

    /** The rule itself. */
    static Optional<Starter> starterOf(HttpServletRequest request, Authentication authentication) {
        if (carriesLink(request) || authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken
                || authentication.getAuthorities().stream().noneMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()))) {
            return Optional.empty();
        }
        return Optional.of(ApiKeyAuthenticationFilter.isApiKey(authentication) ? Starter.ADMIN_KEY : Starter.ADMIN_SESSION);
    }

    /** For the route: who started this flow, as the chain decided; a 401 when it did not decide for an admin. */
    public static Starter require(HttpServletRequest request) {
        if (carriesLink(request)) {
            throw new ApiException(401, "invalid_link", LINK_REFUSED);
        }
        if (request.getAttribute(STARTER) instanceof Starter starter) {
            return starter;
        }
        throw new ApiException(401, "unauthorized",
                "Log in to the dashboard, or send Authorization: Bearer <zoho.admin.api-key>.");
    }

    /**
     * Whether any parameter name — in the raw query or, for a form POST, the body — reads as
     * {@code link} once decoded, case folded and stripped of everything but letters: {@code link=},
     * {@code ?link}, {@code %6Cink}, {@code LINK}, {@code link[]}, {@code +link}, repeated or not.
     */
    static boolean carriesLink(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("[&;]")) {
                int eq = pair.indexOf('=');
                if (readsAsLink(decode(eq < 0 ? pair : pair.substring(0, eq)))) {
                    return true;
                }
            }
        }
        for (String name : Collections.list(request.getParameterNames())) {
            if (readsAsLink(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean readsAsLink(String name) {
        StringBuilder letters = new StringBuilder();
        name.codePoints().filter(Character::isLetter).forEach(letters::appendCodePoint);
        return letters.toString().equalsIgnoreCase(LINK_NAME);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // malformed escapes never get this far (RequestGuardFilter); read it as written
        }
    }

    /** First in the browser chain: a link parameter on /connect is a 401 before any credential is looked at. */
    static final class LinkRefusal extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String uri = request.getRequestURI();
            if ((PATH.equals(uri) || (PATH + "/").equals(uri)) && carriesLink(request)) {
                ProblemResponses.write(request, response, new Problem(401, "invalid_link", LINK_REFUSED));
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
