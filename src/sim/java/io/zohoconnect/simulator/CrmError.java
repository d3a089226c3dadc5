package io.zohoconnect.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CRM request refused with Zoho's error body {@code {"code","details","message","status":"error"}}.
 * Thrown by request parsing deep in the records API and answered in one place; carries no stack trace.
 */
final class CrmError extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    CrmError(int status, String code, String message, Map<String, ?> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = new LinkedHashMap<>(details);
    }

    static CrmError invalidData(String message, Map<String, ?> details) {
        return new CrmError(400, "INVALID_DATA", message, details);
    }

    static CrmError requiredParam(String param) {
        return new CrmError(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
                Map.of("param_name", param));
    }

    static CrmError invalidModule() {
        return new CrmError(400, "INVALID_MODULE", "the module name given seems to be invalid", Map.of());
    }

    static CrmError scopeMismatch() {
        return new CrmError(401, "OAUTH_SCOPE_MISMATCH", "invalid oauth scope to access this URL", Map.of());
    }

    static CrmError invalidMethod() {
        return new CrmError(400, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one", Map.of());
    }

    static CrmError invalidUrl() {
        return new CrmError(404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one",
                Map.of());
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("details", details);
        body.put("message", getMessage());
        body.put("status", "error");
        return body;
    }
}
