package io.zohoconnect.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A body of the admin API, as its OpenAPI document describes it. */
record ApiRefreshed(@JsonProperty("connection_id") String connectionId, String outcome, String message,
        ConnectionView connection) {
}
