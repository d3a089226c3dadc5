package io.zohoconnect.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One org's API credits over Zoho's rolling 24 hours (ZOHO-API.md §10): the allowance from its
 * edition and user licenses by Zoho's formula plus add-on credits (or a fixed allowance a test sets),
 * every charged call with its time, and the calls refused once they ran out. Times come from the
 * simulator's clock, so a test moves a day on without waiting.
 */
final class OrgCredits {

    static final Duration WINDOW = Duration.ofHours(24);
    /** Licenses of an org nobody configured: enough that ordinary tests never meet the limit. */
    static final int DEFAULT_USERS = 1000;

    private final ArrayDeque<long[]> charges = new ArrayDeque<>(); // {epochMillis, credits}
    private long inWindow;
    private long calls;
    private long credits;
    private long refused;
    private int users = DEFAULT_USERS;
    private long addOn;
    private Long fixedAllowance;

    /** Zoho's formula: Free 5,000; else 50,000 + users × per-user, capped per edition; Ultimate uncapped. */
    static long allowanceOf(Edition edition, int users) {
        return switch (edition) {
            case FREE -> 5_000;
            case STANDARD -> Math.min(50_000L + 250L * users, 100_000);
            case PROFESSIONAL -> Math.min(50_000L + 500L * users, 3_000_000);
            case ENTERPRISE -> Math.min(50_000L + 1_000L * users, 5_000_000);
            case ULTIMATE -> 50_000L + 2_000L * users;
        };
    }

    synchronized long allowance(Edition edition) {
        return fixedAllowance != null ? fixedAllowance : allowanceOf(edition, users) + addOn;
    }

    synchronized int users() {
        return users;
    }

    /** A call that reached the API: charged and true, or refused (false) when its cost no longer fits. */
    synchronized boolean charge(Edition edition, Instant now, int cost) {
        expire(now);
        if (inWindow + cost > allowance(edition)) {
            refused++;
            return false;
        }
        charges.addLast(new long[] {now.toEpochMilli(), cost});
        inWindow += cost;
        calls++;
        credits += cost;
        return true;
    }

    synchronized void configure(Long allowance, Integer users, Long addOn) {
        if (allowance != null) {
            this.fixedAllowance = allowance < 0 ? null : allowance;
        }
        if (users != null) {
            this.users = users;
        }
        if (addOn != null) {
            this.addOn = addOn;
        }
    }

    synchronized void reset() {
        charges.clear();
        inWindow = 0;
        calls = 0;
        credits = 0;
        refused = 0;
        users = DEFAULT_USERS;
        addOn = 0;
        fixedAllowance = null;
    }

    synchronized Map<String, Object> describe(Edition edition, Instant now) {
        expire(now);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("edition", edition.name());
        out.put("users", users);
        out.put("add_on", addOn);
        out.put("allowance", allowance(edition));
        out.put("used", inWindow);
        out.put("calls", calls);
        out.put("credits", credits);
        out.put("refused", refused);
        out.put("next_credit_at", charges.isEmpty() ? null
                : Instant.ofEpochMilli(charges.peekFirst()[0]).plus(WINDOW).toString());
        return out;
    }

    private void expire(Instant now) {
        long oldest = now.minus(WINDOW).toEpochMilli();
        while (!charges.isEmpty() && charges.peekFirst()[0] <= oldest) {
            inWindow -= charges.pollFirst()[1];
        }
    }
}
