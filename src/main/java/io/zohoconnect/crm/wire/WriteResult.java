package io.zohoconnect.crm.wire;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Zoho's answer for one record of a write ({@code {"code","details":{"id",…},"message","status"}},
 * upsert adds {@code action}), with the record's position in the caller's input. A record Zoho never
 * answered for (the call failed, or its answer was short) is an error with our own code.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WriteResult(int index, String status, String code, String message, String id, String action,
        Map<String, Object> details) {

    public static final String SUCCESS = "success";
    public static final String ERROR = "error";

    public WriteResult {
        details = details == null || details.isEmpty() ? null : Map.copyOf(details);
    }

    public static WriteResult failed(int index, String code, String message) {
        return new WriteResult(index, ERROR, code, message, null, null, null);
    }

    public boolean succeeded() {
        return SUCCESS.equals(status);
    }
}
