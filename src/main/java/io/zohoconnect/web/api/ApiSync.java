package io.zohoconnect.web.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A body of the admin API, as its OpenAPI document describes it. */
record ApiSync(@JsonProperty("sync_id") String syncId, @JsonProperty("connection_id") String connectionId, String module,
        String mode, String schedule, String sink, boolean deletions, String batch, boolean running, String status, Instant checkpoint,
        @JsonProperty("last_run_started_at") Instant lastRunStartedAt,
        @JsonProperty("last_run_finished_at") Instant lastRunFinishedAt,
        @JsonProperty("last_run_records") long lastRunRecords, @JsonProperty("last_run_credits") long lastRunCredits,
        @JsonProperty("last_success_at") Instant lastSuccessAt,
        @JsonProperty("last_error") String lastError, @JsonProperty("failures_total") long failuresTotal,
        @JsonProperty("records_total") long recordsTotal,
        @JsonProperty("tombstones_total") long tombstonesTotal) {
}
