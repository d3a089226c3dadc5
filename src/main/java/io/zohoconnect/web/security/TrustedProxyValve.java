package io.zohoconnect.web.security;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Applies {@link TrustedProxies} to every request, first thing in Tomcat's engine (before the error pages, the
 * filters and Spring Security): a trusted proxy's view replaces the socket's client address, scheme and port;
 * anybody else's forwarded headers change nothing. Decided from the socket's peer address, so an async dispatch of
 * the same request comes to the same answer. Nothing is restored afterwards: the routes answer on another thread
 * after this returns, and must see the same request (Tomcat recycles these fields with the request).
 */
final class TrustedProxyValve extends ValveBase {

    private final TrustedProxies proxies;

    TrustedProxyValve(TrustedProxies proxies) {
        super(true);
        this.proxies = proxies;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        proxies.view(request.getPeerAddr(), values(request, "X-Forwarded-For"), values(request, "X-Forwarded-Proto"),
                request.getHeader("X-Forwarded-Port")).ifPresent(view -> {
                    request.setRemoteAddr(view.address());
                    request.setRemoteHost(view.address());
                    if (view.secure() != null) {
                        request.setSecure(view.secure());
                        request.getCoyoteRequest().scheme().setString(view.secure() ? "https" : "http");
                        request.setServerPort(view.port());
                    }
                });
        getNext().invoke(request, response);
    }

    private static List<String> values(Request request, String header) {
        return Collections.list(request.getHeaders(header));
    }
}
