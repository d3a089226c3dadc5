package io.zohoconnect.web.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import io.zohoconnect.notifications.NotificationCallbackGate;
import io.zohoconnect.web.Problem;
import io.zohoconnect.web.ProblemResponses;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The servlet-side half of {@link NotificationCallbackGate}: refuses, from the request head alone, what
 * is not a JSON callback or is too large, before the container or Camel reads the body (a multipart
 * body, for one, would be parsed — and could fail — before any route runs). A body sent without a length
 * (chunked) is read at most one byte past the limit, so the gate refuses it without it ever being held
 * whole. Placed in the security chains of Zoho's two callbacks (watch and Bulk Read); the decisions
 * themselves are the gate's.
 */
final class NotificationCallbackScreen extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        NotificationCallbackGate.Refused refused = "POST".equals(request.getMethod())
                ? NotificationCallbackGate.screen(request.getContentType(), request.getContentLengthLong()) : null;
        if (refused == null) {
            chain.doFilter(new AtMostOverLimit(request), response);
            return;
        }
        ProblemResponses.write(request, response, new Problem(refused.status(), refused.error(), refused.message()));
    }

    /** The request with a body that ends one byte past {@link NotificationCallbackGate#MAX_BODY}: enough to refuse it. */
    private static final class AtMostOverLimit extends HttpServletRequestWrapper {

        private ServletInputStream bounded;

        AtMostOverLimit(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (bounded == null) {
                ServletInputStream in = super.getInputStream();
                bounded = new ServletInputStream() {
                    private long left = NotificationCallbackGate.MAX_BODY + 1L;

                    @Override
                    public int read() throws IOException {
                        if (left <= 0) {
                            return -1;
                        }
                        int b = in.read();
                        if (b >= 0) {
                            left--;
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        if (left <= 0) {
                            return -1;
                        }
                        int n = in.read(buffer, offset, (int) Math.min(length, left));
                        if (n > 0) {
                            left -= n;
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return left <= 0 || in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return bounded;
        }
    }
}
