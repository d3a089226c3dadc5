package io.zohoconnect.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one record of a write, in Zoho's per-record shape.
 *
 * @param action         upsert only: {@code insert} or {@code update}; null otherwise
 * @param duplicateField upsert only: the duplicate-check field that matched; null otherwise
 */
record WriteResult(boolean success, String code, String message, Map<String, Object> details, String action,
                   String duplicateField, boolean upsert) {

    static WriteResult success(String message, Map<String, Object> details) {
        return new WriteResult(true, "SUCCESS", message, details, null, null, false);
    }

    static WriteResult error(String code, String message, Map<String, Object> details) {
        return new WriteResult(false, code, message, details, null, null, false);
    }

    WriteResult asUpsert(String upsertAction, String matchedField) {
        return new WriteResult(success, code, message, details, upsertAction, matchedField, true);
    }

    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", code);
        if (upsert && success) {
            out.put("duplicate_field", duplicateField);
            out.put("action", action);
        }
        out.put("details", details);
        out.put("message", message);
        out.put("status", success ? "success" : "error");
        return out;
    }
}
