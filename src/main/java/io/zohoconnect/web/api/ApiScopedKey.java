package io.zohoconnect.web.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A body of the admin API, as its OpenAPI document describes it: {@code key} only in the answer that created it. */
public record ApiScopedKey(String id, String name, String key, List<String> connections, List<String> permissions,
        @JsonProperty("created_at") Instant createdAt, @JsonProperty("last_used_at") Instant lastUsedAt) {
}
