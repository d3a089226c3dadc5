package io.zohoconnect.audit;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A page of the audit trail as the API answers it: {@code next_before} is null on the last page. */
public record AuditPage(List<AuditEntry> events, @JsonProperty("next_before") @JsonInclude(JsonInclude.Include.ALWAYS) String nextBefore) {
}
