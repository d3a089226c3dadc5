package io.zohoconnect.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A body of the admin API, as its OpenAPI document describes it. */
record ApiDeleted(@JsonProperty("connection_id") String connectionId, Boolean deleted, String status, String message) {
}
