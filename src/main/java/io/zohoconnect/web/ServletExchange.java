package io.zohoconnect.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.security.web.csrf.CsrfToken;

/** The servlet request and response behind a platform-http exchange, for what only they carry (cookies, CSRF). */
public final class ServletExchange {

    private ServletExchange() {
    }

    public static HttpServletRequest request(Exchange exchange) {
        return message(exchange).getRequest();
    }

    public static HttpServletResponse response(Exchange exchange) {
        return message(exchange).getResponse();
    }

    /** The hidden CSRF field for a form, taken from the servlet request Spring Security prepared ("" when none). */
    public static String csrfField(Exchange exchange) {
        if (exchange.getIn() instanceof PlatformHttpMessage message
                && message.getRequest().getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            return "<input type=\"hidden\" name=\"" + Html.escape(token.getParameterName()) + "\" value=\""
                    + Html.escape(token.getToken()) + "\">";
        }
        return "";
    }

    private static PlatformHttpMessage message(Exchange exchange) {
        if (exchange.getIn() instanceof PlatformHttpMessage message) {
            return message;
        }
        throw new IllegalStateException("not an HTTP exchange of platform-http");
    }
}
