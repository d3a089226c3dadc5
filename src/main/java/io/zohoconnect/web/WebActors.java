package io.zohoconnect.web;

import io.zohoconnect.web.security.ApiGrants;
import io.zohoconnect.web.security.ScopedKey;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import io.zohoconnect.audit.Actor;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Who is acting in an authenticated request, for the audit trail: a scoped API key (by its name), the admin
 * API key (a bearer header got the request through), or the logged-in dashboard user. Read from the request, not the
 * thread, because platform-http routes run on another thread than Spring Security's filters.
 */
public final class WebActors {

    private WebActors() {
    }

    public static Actor of(HttpServletRequest request) {
        ScopedKey key = ApiGrants.keyOf(request);
        if (key != null) {
            return Actor.key(key.name());
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Actor.apiKey();
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)
                instanceof SecurityContext context) {
            Authentication authentication = context.getAuthentication();
            if (authentication != null && authentication.getName() != null) {
                return Actor.admin(authentication.getName());
            }
        }
        return Actor.admin("admin");
    }
}
