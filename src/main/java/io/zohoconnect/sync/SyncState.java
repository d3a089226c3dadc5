package io.zohoconnect.sync;

import java.time.Instant;
import java.util.Set;

/**
 * A sync's stored progress and last outcome; {@code failuresTotal} counts its failed runs;
 * {@code lastRunCredits} is the API credits the last run spent (as the credit ledger charged them).
 * {@code waitingForCreditsUntil}, when set, is when the org's API credits let its last run go on.
 */
public record SyncState(
        String syncId,
        String connectionId,
        String module,
        Instant cursorTime,
        Set<String> cursorIds,
        boolean runComplete,
        Instant deletionsCursorTime,
        Set<String> deletionsCursorIds,
        long recordsTotal,
        long tombstonesTotal,
        Instant lastRunStartedAt,
        Instant lastRunFinishedAt,
        long lastRunRecords,
        long lastRunCredits,
        Instant lastSuccessAt,
        String lastError,
        long failuresTotal,
        boolean running,
        Instant waitingForCreditsUntil) {

    public SyncState {
        cursorIds = Set.copyOf(cursorIds);
        deletionsCursorIds = Set.copyOf(deletionsCursorIds);
    }
}
