package io.zohoconnect.credits;

import java.time.Instant;

/**
 * An org's credits in the last 24 hours as the ledger counts them (all nodes, up to the last flush, plus
 * this node's since), and when the oldest of them leave the window ({@code null}: nothing to leave).
 */
public record CreditUsage(long background, long interactive, long calls, Instant nextCreditAt) {

    public long used() {
        return background + interactive;
    }
}
