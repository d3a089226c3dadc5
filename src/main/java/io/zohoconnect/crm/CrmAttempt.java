package io.zohoconnect.crm;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.ZohoHeaders;
import io.zohoconnect.ZohoProperties;
import io.zohoconnect.connection.Secret;
import io.zohoconnect.crm.wire.CrmError;
import io.zohoconnect.crm.wire.CrmErrorCodes;
import io.zohoconnect.crm.wire.CrmWire;
import io.zohoconnect.crm.wire.RetryAfter;
import io.zohoconnect.refresh.TokenRefresher;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of one attempt of a CRM call in the call route: {@link #prepare} the HTTP request
 * (credentials from {@code zohoAuth}, the DC's URL, only the request's own headers), then
 * {@link #classify} Zoho's answer into a {@link CrmReply} or the failure the route's
 * {@code onException} clauses act on — and, on a rejected token, ask for the one refresh first.
 */
@Component
final class CrmAttempt {

    /** Exchange properties of a call in the call route. */
    static final String REQUEST = "ZohoCrmRequest";
    static final String REPLY = "ZohoCrmReply";
    private static final String SENT_TOKEN = "ZohoCrmSentToken";
    private static final String API_DOMAIN = "ZohoCrmApiDomain";
    private static final String REFRESHED = "ZohoCrmTokenRefreshed";
    private static final Logger log = LoggerFactory.getLogger(CrmAttempt.class);

    private final ZohoAuthEnricher auth;
    private final TokenRefresher refresher;
    private final CrmWire wire;
    private final Clock clock;
    private final ZohoProperties.Crm settings;
    private final CallAccounting accounting;

    CrmAttempt(ZohoAuthEnricher auth, TokenRefresher refresher, CrmWire wire, Clock clock, ZohoProperties properties,
            CallAccounting accounting) {
        this.accounting = accounting;
        this.auth = auth;
        this.refresher = refresher;
        this.wire = wire;
        this.clock = clock;
        this.settings = properties.crm();
    }

    /** Before each attempt: a clean HTTP request for the call, with the connection's current token. */
    void prepare(Exchange exchange) {
        CrmRequest request = exchange.getProperty(REQUEST, CrmRequest.class);
        Message out = exchange.getMessage();
        // the last attempt's request and answer go; the error handler's own headers (redelivery counter) stay
        out.getHeaders().keySet().removeIf(name -> !name.startsWith("CamelRedelivery") && !name.equals(Exchange.REDELIVERED));
        out.setBody(null);
        out.setHeader(ZohoHeaders.CONNECTION_ID, request.connectionId());
        out.setHeader(ZohoHeaders.CRM_PATH, request.path());
        // auth outside any retry clause: an unknown connection or one needing re-consent fails at once
        auth.process(exchange);
        out.removeHeader(ZohoHeaders.CONNECTION_ID);
        out.removeHeader(ZohoHeaders.CRM_PATH);
        // the org's API credits: a call its budget cannot pay is refused here, before it reaches Zoho
        accounting.beforeAttempt(request);
        exchange.setProperty(SENT_TOKEN, ZohoAuthEnricher.tokenOf(out.getHeader(ZohoAuthEnricher.AUTHORIZATION)));
        exchange.setProperty(API_DOMAIN, out.removeHeader(ZohoHeaders.API_DOMAIN));
        out.setHeader(Exchange.HTTP_METHOD, request.method());
        if (request.query() != null) {
            out.setHeader(Exchange.HTTP_QUERY, request.query());
        }
        out.setHeader("Accept", "application/json");
        request.headers().forEach(out::setHeader);
        if (request.body() != null) {
            out.setHeader(Exchange.CONTENT_TYPE, "application/json");
            out.setBody(request.body());
        }
    }

    /** A successful answer read as the request asks (else as a tree), or null when its body cannot be read. */
    private CrmReply read(CrmRequest request, int status, String body, String apiDomain) {
        if (request.reader() == null) {
            JsonNode tree = wire.tree(body);
            return tree == null ? null : new CrmReply(status, body, tree, null, apiDomain);
        }
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return new CrmReply(status, body, null, request.reader().read(body), apiDomain);
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** After the HTTP exchange: the reply, or a failure typed for the route's retry clauses. */
    void classify(Exchange exchange) {
        CrmRequest request = exchange.getProperty(REQUEST, CrmRequest.class);
        Message in = exchange.getMessage();
        String apiDomain = exchange.getProperty(API_DOMAIN, String.class);
        int status = in.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        accounting.afterAttempt(request, status);
        String body = in.getBody(String.class);
        if (status == 204 || status == 304) {
            exchange.setProperty(REPLY, new CrmReply(status, null, null, null, apiDomain));
            return;
        }
        boolean repeatable = request.repeatable();
        if (status >= 200 && status < 300) {
            CrmReply reply = read(request, status, body, apiDomain);
            if (reply != null) {
                exchange.setProperty(REPLY, reply);
                return;
            }
            String message = "Zoho answered " + request + " with HTTP " + status + " but a truncated or non-JSON body";
            if (repeatable) {
                throw new CrmCallFailures.Retryable(status, "MALFORMED_RESPONSE", null, message + "; retries ran out", null);
            }
            throw new ZohoCrmException(status, "MALFORMED_RESPONSE", null, message + "; not retried, the write may have been applied");
        }
        CrmError error = wire.error(status, body);
        String sentToken = exchange.getProperty(SENT_TOKEN, String.class);
        String refused = "Zoho refused " + request + ": HTTP " + status + " " + error.code()
                + (error.message().isEmpty() ? "" : " (" + error.message() + ")") + advice(status, error.code());
        if (CrmErrorCodes.isTokenRejected(status, error.code()) && sentToken != null
                && !exchange.getProperty(REFRESHED, false, Boolean.class)) {
            exchange.setProperty(REFRESHED, true);
            log.info("Connection {}: Zoho rejected the access token ({}); refreshing once and retrying",
                    request.connectionId(), error.code());
            // the retry must carry the token the row holds now: another node may have replaced it
            auth.evictRejected(request.connectionId(), sentToken);
            refresher.afterRejection(request.connectionId(), new Secret(sentToken));
            throw new CrmCallFailures.TokenRejected(status, error.code(), error.message(), refused);
        }
        String json = wire.isJson(body) ? body : null;
        if (status == 429) {
            Duration wait = RetryAfter.parse(in.getHeader("Retry-After", String.class), settings.maxRetryAfter(), clock);
            if (wait != null) {
                // Camel's error handler takes this header as the delay of the next redelivery
                in.setHeader(Exchange.REDELIVERY_DELAY, wait.toMillis());
            }
            throw new CrmCallFailures.Retryable(status, error.code(), error.message(), refused, json);
        }
        if (status >= 500 && repeatable) {
            throw new CrmCallFailures.Retryable(status, error.code(), error.message(), refused, json);
        }
        throw new ZohoCrmException(status, error.code(), error.message(), refused, json);
    }

    /** No answer at all (connection refused or reset, timeout): retried only when the call is safe to repeat. */
    void noAnswer(Exchange exchange) {
        CrmRequest request = exchange.getProperty(REQUEST, CrmRequest.class);
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        accounting.afterAttempt(request, 0);
        String what = "CRM call " + request + " failed: " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")");
        if (request.repeatable()) {
            throw new CrmCallFailures.Retryable(what + "; retries ran out", failure);
        }
        throw new ZohoCrmException(what + "; not retried, the write may have been applied", failure);
    }

    /** Before a redelivery: say why, once per retry. */
    void logRetry(Exchange exchange) {
        CrmRequest request = exchange.getProperty(REQUEST, CrmRequest.class);
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = failure instanceof ZohoCrmException crm && crm.status() > 0 ? "HTTP " + crm.status() + " " + crm.code()
                : failure == null ? "a failure" : failure.getClass().getSimpleName();
        log.info("Connection {}: {} got {}; retry {} of {}", request.connectionId(), request, reason,
                exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER), settings.maxRetries());
    }

    private static String advice(int status, String code) {
        return switch (code) {
            case CrmErrorCodes.SCOPE_MISMATCH -> ". The connection lacks a scope for this call: connect it again with the scope added.";
            case "INVALID_TOKEN", "AUTHENTICATION_FAILURE" -> ". The token was refused again after a refresh.";
            case CrmErrorCodes.TOO_MANY_REQUESTS -> ". Zoho's API credits or concurrency limit are exhausted; retries ran out.";
            case CrmErrorCodes.INVALID_URL_PATTERN -> ". Check ZohoCrmPath.";
            default -> status >= 500 ? ". Zoho failed; retries ran out." : "";
        };
    }
}
