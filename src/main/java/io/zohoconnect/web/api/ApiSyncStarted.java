package io.zohoconnect.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A body of the admin API, as its OpenAPI document describes it. */
record ApiSyncStarted(@JsonProperty("sync_id") String syncId, boolean started, String message) {
}
