package io.zohoconnect.gateway;

import io.zohoconnect.web.Problem;
import io.zohoconnect.web.ProblemResponses;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.zohoconnect.connection.DatabaseReachability;
import io.zohoconnect.credentials.TokenUnavailableException;

import org.apache.hc.core5.http.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ANY /proxy/{path}} with {@code Zoho-Connection-Id}: the caller's call, sent to Zoho for the connection by
 * {@link ZohoForwarder}, and Zoho's answer streamed back as Zoho sent it — status, body, content headers — except
 * {@code Set-Cookie} and hop-by-hop headers. Who may call is decided before this servlet runs (the API's security
 * chain: the admin key, or a scoped key with {@code proxy:read}/{@code proxy:write} for that connection). The caller's
 * {@code Authorization}, {@code Cookie}, hop-by-hop, forwarding and {@code Zoho-*} headers never reach Zoho. The
 * gateway's own answers are problems ({@code application/problem+json} with {@code error} and {@code message}) with
 * {@code Zoho-Connect-Error: true}. Timer
 * {@code zoho.proxy.requests} (method, status class, connection).
 */
final class GatewayServlet extends HttpServlet {

    static final String PREFIX = "/proxy/";
    static final String CONNECTION_HEADER = "Zoho-Connection-Id";
    static final String ERROR_HEADER = ProblemResponses.GATEWAY_ERROR_HEADER;
    private static final Pattern CONNECTION_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    /** Request headers that are the service's or the hop's business, never Zoho's (RFC 9110 §7.6.1, plus credentials). */
    private static final Set<String> NOT_FORWARDED = Set.of("authorization", "cookie", "host", "content-length",
            "connection", "keep-alive", "proxy-authorization", "proxy-authenticate", "proxy-connection", "te", "trailer",
            "transfer-encoding", "upgrade", "expect", "forwarded", "via");
    /** Response headers that are the hop's, or would set state in the caller's client. */
    private static final Set<String> NOT_RETURNED = Set.of("set-cookie", "set-cookie2", "connection", "keep-alive",
            "proxy-authenticate", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");
    private static final Logger log = LoggerFactory.getLogger(GatewayServlet.class);

    private final transient ZohoForwarder forwarder;
    private final transient ProxySettings settings;
    private final transient MeterRegistry meters;

    GatewayServlet(ZohoForwarder forwarder, ProxySettings settings, MeterRegistry meters) {
        this.forwarder = forwarder;
        this.settings = settings;
        this.meters = meters;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Timer.Sample sample = Timer.start(meters);
        String connection = "-";
        int status = 500;
        try {
            String connectionId = connectionId(request);
            connection = connectionId;
            ProxyCall call = call(request, connectionId);
            try (ZohoAnswer answer = forwarder.send(call)) {
                status = answer.status();
                relay(answer, request, response);
            }
        } catch (GatewayException e) {
            status = e.status();
            refuse(request, response, e);
        } catch (TokenUnavailableException e) {
            GatewayException refusal = switch (e.reason()) {
                case UNKNOWN_CONNECTION -> new GatewayException(404, "not_found", "No connection '" + connection + "'.");
                case NEEDS_REAUTH -> new GatewayException(409, "needs_reauth", "The connection needs its owner's consent"
                        + " again (the grant is dead).");
                case REVOKE_PENDING -> new GatewayException(409, "revoke_pending", "The connection is being deleted.");
                case DATABASE_UNAVAILABLE -> new GatewayException(503, "database_unavailable",
                        "The database is unreachable and this node holds no valid token.", "5");
                default -> new GatewayException(503, "token_unavailable", "No valid token of the connection right now.", "5");
            };
            status = refusal.status();
            refuse(request, response, refusal);
        } catch (RuntimeException e) {
            if (DatabaseReachability.isOutage(e)) {
                status = 503;
                refuse(request, response, new GatewayException(503, "database_unavailable", "The database is unreachable.", "5"));
            } else {
                log.error("Gateway call failed: {}", e.toString(), e);
                refuse(request, response, new GatewayException(500, "internal_error", "Something went wrong on our side. It has been logged."));
            }
        } finally {
            sample.stop(Timer.builder("zoho.proxy.requests").description("Calls through the gateway")
                    .tag("method", METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER")
                    .tag("status", status / 100 + "xx").tag("connection", connection).register(meters));
        }
    }

    private static String connectionId(HttpServletRequest request) {
        List<String> values = Collections.list(request.getHeaders(CONNECTION_HEADER));
        if (values.size() != 1 || !CONNECTION_ID.matcher(values.get(0)).matches()) {
            throw new GatewayException(400, "invalid_connection_id", "Name the connection in one " + CONNECTION_HEADER
                    + " header: 1-64 of A-Z a-z 0-9 . _ -.");
        }
        return values.get(0);
    }

    private ProxyCall call(HttpServletRequest request, String connectionId) throws IOException {
        String method = request.getMethod();
        if (!METHODS.contains(method)) {
            throw new GatewayException(405, "method_not_allowed", "The gateway sends GET, HEAD, POST, PUT, PATCH and DELETE.");
        }
        String raw = request.getRequestURI().substring(request.getContextPath().length());
        String path = ProxyPath.check(raw.startsWith(PREFIX) ? raw.substring(PREFIX.length()) : "");
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        Set<String> named = connectionNamed(request);
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (NOT_FORWARDED.contains(lower) || lower.startsWith("zoho-") || lower.startsWith("x-forwarded-")
                    || named.contains(lower)) {
                continue;
            }
            for (String value : Collections.list(request.getHeaders(name))) {
                headers.add(Map.entry(name, value));
            }
        }
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (length <= 0 && !chunked) {
            return new ProxyCall(connectionId, method, path, request.getQueryString(), headers, null, null, -1);
        }
        // held in memory up to max-body, so the call can be sent again; a larger body is streamed, once
        InputStream in = request.getInputStream();
        long max = settings.maxBody().toBytes();
        byte[] head = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        if (head.length <= max) {
            return new ProxyCall(connectionId, method, path, request.getQueryString(), headers, head, null, -1);
        }
        return new ProxyCall(connectionId, method, path, request.getQueryString(), headers, null,
                new SequenceInputStream(new ByteArrayInputStream(head), in), length > 0 ? length : -1);
    }

    /** Headers the caller's {@code Connection} header names: hop-by-hop too (RFC 9110 §7.6.1). */
    private static Set<String> connectionNamed(HttpServletRequest request) {
        Set<String> named = new java.util.HashSet<>();
        for (String value : Collections.list(request.getHeaders("Connection"))) {
            for (String token : value.split(",")) {
                named.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return named;
    }

    private static void relay(ZohoAnswer answer, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        for (Header header : answer.headers()) {
            if (!NOT_RETURNED.contains(header.getName().toLowerCase(Locale.ROOT))) {
                response.addHeader(header.getName(), header.getValue());
            }
        }
        InputStream body = answer.body();
        if (body == null || request.getMethod().equals("HEAD")) {
            return;
        }
        OutputStream out = response.getOutputStream();
        byte[] buffer = new byte[16 * 1024];
        for (int n; (n = body.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
        }
        out.flush();
    }

    /** The gateway's own refusal, through the service's one error writer (a problem, marked as not Zoho's). */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, GatewayException e)
            throws IOException {
        if (response.isCommitted()) {
            return; // Zoho's answer was on its way: the caller sees it cut short, as from Zoho itself
        }
        response.reset();
        response.setHeader(ERROR_HEADER, "true");
        if (e.retryAfter() != null) {
            response.setHeader("Retry-After", e.retryAfter());
        }
        ProblemResponses.write(request, response, new Problem(e.status(), e.error(), e.getMessage()));
    }
}
