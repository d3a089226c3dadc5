package io.zohoconnect.web.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A body of the admin API, as its OpenAPI document describes it. */
record ApiAuditEvents(List<ApiAuditEvent> events, @JsonProperty("next_before") String nextBefore) {
}
