package io.zohoconnect.crm;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.crm.wire.CrmError;
import io.zohoconnect.crm.wire.CrmErrorCodes;
import io.zohoconnect.crm.wire.CrmWire;

import org.springframework.stereotype.Component;

/**
 * The two ends of one attempt of a CRM call: the HTTP headers it sends (only the request's own, and the
 * connection's current token), and what Zoho's answer means — the {@link CrmReply}, or the failure that says
 * whether to try again ({@link CrmCallFailures}).
 */
@Component
final class CrmAttempt {

    private final CrmWire wire;
    private final CrmRetryPolicy policy;

    CrmAttempt(CrmWire wire, CrmRetryPolicy policy) {
        this.wire = wire;
        this.policy = policy;
    }

    /** The headers of an attempt: Zoho's {@code Authorization}, {@code Accept}, and the request's own few. */
    Map<String, String> headers(CrmRequest request, String authorization) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.putAll(request.headers());
        // after the request's own: an Authorization among them never replaces the connection's
        headers.put(ZohoAuthEnricher.AUTHORIZATION, authorization);
        return headers;
    }

    /**
     * Zoho's answer as the caller gets it, or thrown as the failure the call path acts on: {@link
     * CrmCallFailures.TokenRejected} (when {@code mayRefresh}), {@link CrmCallFailures.Retryable} (with the
     * wait Zoho asked for, if any), else a {@link ZohoCrmException}.
     */
    CrmReply classify(CrmRequest request, CrmHttp.Answer answer, String apiDomain, boolean mayRefresh) {
        int status = answer.status();
        String body = answer.body();
        if (status == 204 || status == 304) {
            return new CrmReply(status, null, null, null, apiDomain);
        }
        boolean repeatable = request.repeatable();
        if (status >= 200 && status < 300) {
            CrmReply reply = read(request, status, body, apiDomain);
            if (reply != null) {
                return reply;
            }
            String message = "Zoho answered " + request + " with HTTP " + status + " but a truncated or non-JSON body";
            if (repeatable) {
                throw new CrmCallFailures.Retryable(status, "MALFORMED_RESPONSE", null, message + "; retries ran out", null);
            }
            throw new ZohoCrmException(status, "MALFORMED_RESPONSE", null, message + "; not retried, the write may have been applied");
        }
        CrmError error = wire.error(status, body);
        String refused = "Zoho refused " + request + ": HTTP " + status + " " + error.code()
                + (error.message().isEmpty() ? "" : " (" + error.message() + ")") + advice(status, error.code());
        if (mayRefresh && policy.tokenRejected(status, error.code())) {
            throw new CrmCallFailures.TokenRejected(status, error.code(), error.message(), refused);
        }
        String json = wire.isJson(body) ? body : null;
        if (status == 429) {
            Duration wait = policy.retryAfter(answer.retryAfter());
            throw new CrmCallFailures.Retryable(status, error.code(), error.message(), refused, json).after(wait);
        }
        if (status >= 500 && repeatable) {
            throw new CrmCallFailures.Retryable(status, error.code(), error.message(), refused, json);
        }
        throw new ZohoCrmException(status, error.code(), error.message(), refused, json);
    }

    /** No answer at all (connection refused or reset, timeout): retried only when the call is safe to repeat. */
    ZohoCrmException noAnswer(CrmRequest request, Throwable failure) {
        String what = "CRM call " + request + " failed: " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")");
        if (request.repeatable()) {
            return new CrmCallFailures.Retryable(what + "; retries ran out", failure);
        }
        return new ZohoCrmException(what + "; not retried, the write may have been applied", failure);
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
