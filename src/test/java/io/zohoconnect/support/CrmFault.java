package io.zohoconnect.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CRM fault the simulator injects, and what the call path makes of it once it persists: Zoho's HTTP status, the
 * code, words of the message, and how many times a read and an insert are tried. One table for the tests that run
 * every CRM fault: the call path's ({@code CrmCallTest}), the write path's ({@code CrmWriteTest}) and the sync's
 * ({@code FaultSuiteTest}).
 */
public record CrmFault(String type, int status, String code, String messagePart, boolean tokenRejected) {

    /** Every fault the simulator can inject on a CRM call. */
    public static final List<String> TYPES = List.of("invalid_token", "auth_failure", "http_429", "http_500", "http_503",
            "timeout", "reset", "truncated_json", "html", "empty");
    /** {@code zoho.crm.max-retries} (default 3): a persistent fault on a repeatable call is tried 1 + 3 times. */
    public static final int ATTEMPTS = 4;
    /** How long a {@code timeout} fault holds the request: a little over the test client's 2 s response timeout. */
    public static final long TIMEOUT_DELAY_MILLIS = 3000;

    public static CrmFault of(String fault) {
        return switch (fault) {
            case "invalid_token" -> new CrmFault(fault, 401, "INVALID_TOKEN", "INVALID_TOKEN", true);
            case "auth_failure" -> new CrmFault(fault, 401, "AUTHENTICATION_FAILURE", "AUTHENTICATION_FAILURE", true);
            case "http_429" -> new CrmFault(fault, 429, "TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS", false);
            case "http_500" -> new CrmFault(fault, 500, "INTERNAL_ERROR", "INTERNAL_ERROR", false);
            case "http_503" -> new CrmFault(fault, 503, "HTTP_503", "HTTP 503", false);
            case "html" -> new CrmFault(fault, 502, "HTTP_502", "HTTP 502", false);
            case "truncated_json", "empty" -> new CrmFault(fault, 200, "MALFORMED_RESPONSE", "truncated or non-JSON body", false);
            case "timeout", "reset" -> new CrmFault(fault, 0, "IO_ERROR", "failed", false);
            default -> throw new IllegalArgumentException(fault);
        };
    }

    /** Retried by the service for a repeatable call (every CRM fault is: 401 by a refresh, the rest by backoff). */
    public int attemptsOfARead() {
        return tokenRejected ? 2 : ATTEMPTS;
    }

    /** A POST insert is repeated only where Zoho certainly did not apply it: 401 (after a refresh) and 429. */
    public int attemptsOfAnInsert() {
        return tokenRejected ? 2 : code.equals("TOO_MANY_REQUESTS") ? ATTEMPTS : 1;
    }

    /**
     * Arms this fault for {@code count} CRM requests (-1: until cleared) whose path contains {@code pathPart} and
     * whose method is {@code method}, after {@code skip} of them went through.
     */
    public void arm(SimulatorClient simulator, int count, String pathPart, String method, int skip) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("skip", skip);
        spec.put("target", "crm");
        spec.put("type", type);
        spec.put("count", count);
        spec.put("path", pathPart);
        spec.put("method", method);
        if (type.equals("timeout")) {
            spec.put("delayMillis", TIMEOUT_DELAY_MILLIS);
        }
        simulator.fault(spec);
    }
}
