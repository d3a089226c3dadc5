package io.zohoconnect.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The JSON bodies of the admin API, as the OpenAPI document describes them (see {@link AdminApiRoutes}).
 * Routes build most answers as maps in this same shape; {@code AdminApiTest}/{@code OpenApiTest} check
 * the document against the answers.
 */
final class ApiShapes {

    private ApiShapes() {
    }

    /** Every error: the status says what kind, {@code error} which one, {@code message} what to do. */
    record Error(String error, String message) {
    }

    record ConnectionList(List<ConnectionView> connections, @JsonProperty("next_after") String nextAfter) {
    }

    record Deleted(@JsonProperty("connection_id") String connectionId, Boolean deleted, String status, String message) {
    }

    record Refreshed(@JsonProperty("connection_id") String connectionId, String outcome, String message,
            ConnectionView connection) {
    }

    record AccessToken(@JsonProperty("connection_id") String connectionId, @JsonProperty("access_token") String accessToken,
            @JsonProperty("api_domain") String apiDomain, @JsonProperty("expires_at") Instant expiresAt) {
    }

    record Sync(@JsonProperty("sync_id") String syncId, @JsonProperty("connection_id") String connectionId, String module,
            String mode, String schedule, String sink, boolean deletions, String batch, boolean running, Instant checkpoint,
            @JsonProperty("last_run_started_at") Instant lastRunStartedAt,
            @JsonProperty("last_run_finished_at") Instant lastRunFinishedAt,
            @JsonProperty("last_run_records") long lastRunRecords, @JsonProperty("last_success_at") Instant lastSuccessAt,
            @JsonProperty("last_error") String lastError, @JsonProperty("records_total") long recordsTotal,
            @JsonProperty("tombstones_total") long tombstonesTotal) {
    }

    record SyncList(List<Sync> syncs) {
    }

    record SyncStarted(@JsonProperty("sync_id") String syncId, boolean started, String message) {
    }

    record KeyUsage(@JsonProperty("current_key_id") String currentKeyId,
            @JsonProperty("connections_by_key_id") Map<String, Long> connectionsByKeyId) {
    }

    record Reencrypted(@JsonProperty("reencrypted_rows") int reencryptedRows, @JsonProperty("current_key_id") String currentKeyId,
            @JsonProperty("connections_by_key_id") Map<String, Long> connectionsByKeyId) {
    }

    record LinkRequest(@JsonProperty("connection_id") String connectionId, String dc, String environment, List<String> scopes,
            @JsonProperty("return_to") String returnTo, @JsonProperty("allow_org_change") Boolean allowOrgChange) {
    }

    record Link(String url, @JsonProperty("expires_at") Instant expiresAt, @JsonProperty("connection_id") String connectionId) {
    }

    record AuditActor(String kind, String name) {
    }

    record AuditEvent(Instant time, String type, @JsonProperty("connection_id") String connectionId, AuditActor actor,
            String outcome, String detail) {
    }

    record AuditEvents(List<AuditEvent> events, @JsonProperty("next_before") String nextBefore) {
    }
}
