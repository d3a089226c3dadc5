package io.zohoconnect.web.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A body of the admin API, as its OpenAPI document describes it. */
record ApiLink(String url, @JsonProperty("expires_at") Instant expiresAt, @JsonProperty("connection_id") String connectionId) {
}
