package io.zohoconnect.web.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A body of the admin API, as its OpenAPI document describes it. */
record ApiKeyUsage(@JsonProperty("current_key_id") String currentKeyId,
        @JsonProperty("connections_by_key_id") Map<String, Long> connectionsByKeyId) {
}
