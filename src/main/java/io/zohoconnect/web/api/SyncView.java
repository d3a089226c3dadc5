package io.zohoconnect.web.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.zohoconnect.sync.SyncSpec;
import io.zohoconnect.sync.SyncState;

/** A sync as the admin API shows it: what it is and where it stands. */
final class SyncView {

    private SyncView() {
    }

    static Map<String, Object> of(SyncSpec spec, SyncState state) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sync_id", spec.id());
        view.put("connection_id", spec.connectionId());
        view.put("module", spec.module());
        view.put("mode", spec.mode().name().toLowerCase(Locale.ROOT));
        view.put("schedule", spec.schedule());
        view.put("sink", spec.sink().replaceAll("\\?.*", ""));
        view.put("deletions", spec.deletions());
        view.put("batch", spec.batch().name().toLowerCase(Locale.ROOT));
        view.put("running", state != null && state.running());
        view.put("status", statusOf(state));
        view.put("checkpoint", state == null ? null : state.cursorTime());
        view.put("last_run_started_at", state == null ? null : state.lastRunStartedAt());
        view.put("last_run_finished_at", state == null ? null : state.lastRunFinishedAt());
        view.put("last_run_records", state == null ? 0 : state.lastRunRecords());
        view.put("last_run_credits", state == null ? 0 : state.lastRunCredits());
        view.put("last_success_at", state == null ? null : state.lastSuccessAt());
        view.put("last_error", state == null ? null : state.lastError());
        view.put("failures_total", state == null ? 0 : state.failuresTotal());
        view.put("records_total", state == null ? 0 : state.recordsTotal());
        view.put("tombstones_total", state == null ? 0 : state.tombstonesTotal());
        return view;
    }

    /** "waiting for credits until <time>" while the org's API credits hold the sync, else running, failing or ok. */
    static String statusOf(SyncState state) {
        if (state == null) {
            return "ok";
        }
        if (state.waitingForCreditsUntil() != null) {
            return "waiting for credits until " + state.waitingForCreditsUntil();
        }
        return state.running() ? "running" : state.lastError() != null ? "failing" : "ok";
    }
}
