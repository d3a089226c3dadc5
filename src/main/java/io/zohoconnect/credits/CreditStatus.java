package io.zohoconnect.credits;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An org's API credits as {@code GET /api/orgs/{org_id}/credits} shows them: the allowance, what the last
 * 24 hours used (background and interactive), the background share, the state ({@code ok},
 * {@code background_paused}: background work waits, {@code exhausted}: every call waits) and when the
 * oldest credits leave the window.
 */
public record CreditStatus(@JsonProperty("org_id") String orgId, long allowance, long used,
        @JsonProperty("background_used") long backgroundUsed, @JsonProperty("interactive_used") long interactiveUsed,
        @JsonProperty("background_share") double backgroundShare, String state,
        @JsonProperty("next_credit_at") Instant nextCreditAt) {

    /** The share of the allowance used, 0..1 (more when Zoho's other users of the org were not counted). */
    public double fraction() {
        return allowance <= 0 ? 1 : (double) used / allowance;
    }
}
