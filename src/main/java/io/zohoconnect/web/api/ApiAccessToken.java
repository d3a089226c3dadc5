package io.zohoconnect.web.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A body of the admin API, as its OpenAPI document describes it. */
record ApiAccessToken(@JsonProperty("connection_id") String connectionId, @JsonProperty("access_token") String accessToken,
        @JsonProperty("api_domain") String apiDomain, @JsonProperty("expires_at") Instant expiresAt) {
}
