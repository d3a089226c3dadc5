package io.zohoconnect.sync;

/** What one sync run did. */
public record SyncReport(String syncId, Outcome outcome, long records, long tombstones, int restarts, String message) {

    public enum Outcome {
        COMPLETED, SKIPPED_RUNNING_ELSEWHERE, SKIPPED_NOT_CONNECTED, FAILED,
        /** The node is shutting down: not started, or ended after a checkpointed page (the next run resumes there). */
        STOPPED,
        /** The org's API credits for background work are used up: the run stopped at a checkpoint and waits, not failed. */
        WAITING_FOR_CREDITS
    }
}
