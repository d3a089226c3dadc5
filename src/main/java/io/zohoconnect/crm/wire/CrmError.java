package io.zohoconnect.crm.wire;

import java.util.Map;

/**
 * Zoho's CRM error body {@code {"code":…,"details":{…},"message":…,"status":"error"}}. The message
 * is bounded and on one line; {@code details} is Zoho's own (may name fields) and is never logged.
 */
public record CrmError(String code, String message, Map<String, Object> details, String status) {

    public CrmError {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** What an answer without a readable error body is reported as. */
    public static CrmError ofStatus(int httpStatus) {
        return new CrmError("HTTP_" + httpStatus, "Zoho answered HTTP " + httpStatus + " without a JSON error body",
                Map.of(), "error");
    }
}
