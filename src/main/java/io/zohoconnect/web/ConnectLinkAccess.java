package io.zohoconnect.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Lets a {@code /connect?link=…} request past the login: the route itself then consumes the link,
 * and only the link's own connection id, DC and environment can be connected with it.
 */
final class ConnectLinkAccess implements RequestMatcher {

    static final String LINK_PARAM = "link";

    @Override
    public boolean matches(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && "/connect".equals(request.getRequestURI())
                && request.getParameter(LINK_PARAM) != null;
    }
}
