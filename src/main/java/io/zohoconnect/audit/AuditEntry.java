package io.zohoconnect.audit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of the audit trail: a lifecycle event or an admin action, with who did it and how it
 * ended. Never carries a token: details are messages about what happened, cut to 1,000 characters.
 */
public record AuditEntry(
        @JsonIgnore long id,
        Instant time,
        String type,
        @JsonProperty("connection_id") String connectionId,
        Actor actor,
        String outcome,
        String detail) {
}
