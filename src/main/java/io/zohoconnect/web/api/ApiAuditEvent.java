package io.zohoconnect.web.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A body of the admin API, as its OpenAPI document describes it. */
record ApiAuditEvent(Instant time, String type, @JsonProperty("connection_id") String connectionId, ApiAuditActor actor,
        String outcome, String detail) {
}
