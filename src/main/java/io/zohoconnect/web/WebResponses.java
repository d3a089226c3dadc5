package io.zohoconnect.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Writes HTTP responses from web routes. Every response starts from no headers: platform-http
 * would otherwise echo request headers and query parameters (a {@code code}, a {@code state})
 * back as response headers.
 */
@Component
public class WebResponses {

    private final ObjectMapper json;

    public WebResponses(ObjectMapper json) {
        this.json = json;
    }

    public void json(Exchange exchange, int status, Object body) {
        try {
            write(exchange, status, "application/json", json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
    }

    /** An error answer, through the one writer of them ({@link ProblemResponses}). */
    public void error(Exchange exchange, int status, String error, String message) {
        ProblemResponses.write(exchange, new Problem(status, error, message));
    }

    public void html(Exchange exchange, int status, String page) {
        write(exchange, status, "text/html; charset=utf-8", page);
    }

    public void redirect(Exchange exchange, String location) {
        write(exchange, 302, "text/plain; charset=utf-8", "");
        exchange.getMessage().setHeader("Location", location);
    }

    public void noContent(Exchange exchange) {
        write(exchange, 204, null, null);
    }

    private static void write(Exchange exchange, int status, String contentType, String body) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (contentType != null) {
            out.setHeader(Exchange.CONTENT_TYPE, contentType);
        }
        out.setHeader("Cache-Control", "no-store");
        out.setBody(body);
    }
}
