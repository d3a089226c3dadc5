package io.zohoconnect.crm;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.ExchangeBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One CRM call for a connection, behind {@code direct:zoho-crm}. Holds a call slot of the org
 * ({@link OrgConcurrencyLimits}); adds auth and the DC URL ({@code zohoAuth}); on 401
 * INVALID_TOKEN / AUTHENTICATION_FAILURE refreshes once — only if the rejected token is still the
 * current one — and retries; on 429 waits {@code Retry-After} (or backs off) and retries; on 5xx, IO
 * errors and truncated bodies retries with backoff when the call is safe to repeat. Anything else
 * is a {@link ZohoCrmException} with Zoho's code and message. 204 and 304 are an empty result.
 *
 * <p>Only the request's own parts go to Zoho: a fresh exchange carries method, query, body,
 * {@code Authorization} and the few HTTP headers Zoho reads — never the route's other headers.
 */
@Component
public final class ZohoCrmCall implements Processor, CrmCalls {

    static final String HTTP_ENDPOINT = "direct:zoho-crm-http";
    private static final Logger log = LoggerFactory.getLogger(ZohoCrmCall.class);
    /** Request headers a route may set for Zoho. */
    private static final Set<String> FORWARDED_HEADERS = Set.of("If-Modified-Since", "X-CRM-ORG");

    private final ZohoAuthEnricher auth;
    private final TokenRefresher refresher;
    private final OrgConcurrencyLimits limits;
    private final ProducerTemplate producer;
    private final CrmWire wire;
    private final ObjectMapper json;
    private final Sleeper sleeper;
    private final Clock clock;
    private final ZohoProperties.Crm settings;

    public ZohoCrmCall(ZohoAuthEnricher auth, TokenRefresher refresher, OrgConcurrencyLimits limits,
            ProducerTemplate producer, CrmWire wire, Sleeper sleeper, Clock clock, ZohoProperties properties) {
        this.auth = auth;
        this.refresher = refresher;
        this.limits = limits;
        this.producer = producer;
        this.wire = wire;
        this.json = wire.json();
        this.sleeper = sleeper;
        this.clock = clock;
        this.settings = properties.crm();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String path = in.getHeader(ZohoHeaders.CRM_PATH, String.class);
        if (path == null || path.isBlank()) {
            if (in.getHeader(ZohoHeaders.CONNECTION_ID) == null) {
                throw new MissingConnectionIdException();
            }
            throw new IllegalArgumentException("header " + ZohoHeaders.CRM_PATH + " is missing: set the CRM path,"
                    + " e.g. /crm/v8/Leads or Leads");
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : FORWARDED_HEADERS) {
            String value = in.getHeader(name, String.class);
            if (value != null) {
                headers.put(name, value);
            }
        }
        CrmReply reply = call(new CrmRequest(in.getHeader(ZohoHeaders.CONNECTION_ID, String.class),
                in.getHeader(Exchange.HTTP_METHOD, String.class), path, in.getHeader(Exchange.HTTP_QUERY, String.class),
                requestBody(in.getBody()), headers));
        in.removeHeader(ZohoAuthEnricher.AUTHORIZATION);
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        in.setHeader(ZohoHeaders.API_DOMAIN, reply.apiDomain());
        in.setHeader(Exchange.CONTENT_TYPE, reply.empty() ? null : "application/json");
        in.setBody(reply.empty() ? null : reply.body());
    }

    @Override
    public CrmReply call(CrmRequest request) {
        try {
            return call(request, request.repeatable());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZohoCrmException("CRM call " + request + " interrupted", e);
        }
    }

    private CrmReply call(CrmRequest request, boolean repeatable) throws InterruptedException {
        boolean refreshedAfterRejection = false;
        int retries = 0;
        while (true) {
            // auth first, outside the HTTP hop: an unknown connection or one needing re-consent is not retried
            Exchange call = ExchangeBuilder.anExchange(producer.getCamelContext()).build();
            prepare(call, request);
            String sentToken = ZohoAuthEnricher.tokenOf(call.getMessage().getHeader(ZohoAuthEnricher.AUTHORIZATION));
            String apiDomain = call.getMessage().getHeader(ZohoHeaders.API_DOMAIN, String.class);
            Exchange result;
            try (OrgConcurrencyLimits.Permit slot = limits.acquire(request.connectionId())) {
                result = producer.send(HTTP_ENDPOINT, call);
            }
            Exception failure = result.getException();
            if (failure != null) {
                if (!repeatable || retries >= settings.maxRetries()) {
                    throw new ZohoCrmException("CRM call " + request.method() + " " + request.path() + " failed: "
                            + failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")")
                            + (repeatable ? " after " + (retries + 1) + " attempts" : "; not retried, the write may have been applied"), failure);
                }
                backOff(++retries, null, request, "IO error " + failure.getClass().getSimpleName());
                continue;
            }
            int status = result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
            String body = result.getMessage().getBody(String.class);
            if (status == 204 || status == 304) {
                return new CrmReply(status, null, apiDomain);
            }
            if (status >= 200 && status < 300) {
                if (wire.isJson(body)) {
                    return new CrmReply(status, body, apiDomain);
                }
                if (!repeatable || retries >= settings.maxRetries()) {
                    throw new ZohoCrmException(status, "MALFORMED_RESPONSE", null, "Zoho answered " + request.method() + " "
                            + request.path() + " with HTTP " + status + " but a truncated or non-JSON body"
                            + (repeatable ? "" : "; not retried, the write may have been applied"));
                }
                backOff(++retries, null, request, "malformed body");
                continue;
            }
            CrmError error = wire.error(status, body);
            if (status == 401 && CrmErrorCodes.TOKEN_REJECTED.contains(error.code()) && !refreshedAfterRejection && sentToken != null) {
                refreshedAfterRejection = true;
                log.info("Connection {}: Zoho rejected the access token ({}); refreshing once and retrying",
                        request.connectionId(), error.code());
                // the retry must carry the token the row holds now: another node may have replaced it
                auth.evictRejected(request.connectionId(), sentToken);
                refresher.afterRejection(request.connectionId(), new Secret(sentToken));
                continue;
            }
            if (status == 429 && retries < settings.maxRetries()) {
                backOff(++retries, result.getMessage().getHeader("Retry-After", String.class), request, "429 " + error.code());
                continue;
            }
            if (status >= 500 && repeatable && retries < settings.maxRetries()) {
                backOff(++retries, null, request, status + " " + error.code());
                continue;
            }
            throw new ZohoCrmException(status, error.code(), error.message(), "Zoho refused " + request.method() + " "
                    + request.path() + ": HTTP " + status + " " + error.code()
                    + (error.message().isEmpty() ? "" : " (" + error.message() + ")") + advice(status, error.code()),
                    wire.isJson(body) ? body : null);
        }
    }

    private void prepare(Exchange call, CrmRequest request) {
        Message out = call.getMessage();
        out.setHeader(ZohoHeaders.CONNECTION_ID, request.connectionId());
        out.setHeader(ZohoHeaders.CRM_PATH, request.path());
        auth.process(call);
        out.removeHeader(ZohoHeaders.CONNECTION_ID);
        out.removeHeader(ZohoHeaders.CRM_PATH);
        out.setHeader(Exchange.HTTP_METHOD, request.method());
        if (request.query() != null && !request.query().isBlank()) {
            out.setHeader(Exchange.HTTP_QUERY, request.query());
        }
        out.setHeader("Accept", "application/json");
        request.headers().forEach(out::setHeader);
        if (request.body() != null) {
            out.setHeader(Exchange.CONTENT_TYPE, "application/json");
            out.setBody(request.body());
        }
    }

    private void backOff(int attempt, String retryAfter, CrmRequest request, String reason) throws InterruptedException {
        Duration wait = RetryAfter.parse(retryAfter, settings.maxRetryAfter(), clock);
        if (wait == null) {
            long base = settings.initialBackoff().toMillis() << Math.min(attempt - 1, 16);
            long capped = Math.min(base, settings.maxBackoff().toMillis());
            wait = Duration.ofMillis((long) (capped * (0.8 + ThreadLocalRandom.current().nextDouble() * 0.4)));
        }
        log.info("Connection {}: {} {} got {}; retry {} of {} in {} ms", request.connectionId(), request.method(),
                request.path(), reason, attempt, settings.maxRetries(), wait.toMillis());
        sleeper.sleep(wait);
    }

    private String requestBody(Object body) throws JsonProcessingException {
        if (body == null) {
            return null;
        }
        if (body instanceof String text) {
            return text.isBlank() ? null : text;
        }
        if (body instanceof byte[] bytes) {
            return bytes.length == 0 ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return json.writeValueAsString(body);
    }

    private static String advice(int status, String code) {
        return switch (code) {
            case "OAUTH_SCOPE_MISMATCH" -> ". The connection lacks a scope for this call: connect it again with the scope added.";
            case "INVALID_TOKEN", "AUTHENTICATION_FAILURE" -> ". The token was refused again after a refresh.";
            case "TOO_MANY_REQUESTS" -> ". Zoho's API credits or concurrency limit are exhausted; retries ran out.";
            case "INVALID_URL_PATTERN" -> ". Check ZohoCrmPath.";
            default -> status >= 500 ? ". Zoho failed; retries ran out." : "";
        };
    }

}
