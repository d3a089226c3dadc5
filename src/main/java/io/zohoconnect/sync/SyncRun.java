package io.zohoconnect.sync;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One finished run of a sync: when, how many records, the API credits it spent, how far behind its checkpoint was, and its error. */
public record SyncRun(
        @JsonProperty("sync_id") String syncId,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("finished_at") Instant finishedAt,
        long records,
        long credits,
        @JsonProperty("lag_seconds") Long lagSeconds,
        String error) {
}
