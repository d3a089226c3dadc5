package io.zohoconnect.credits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.events.ConnectionEvents;

import org.springframework.stereotype.Component;

/**
 * Event {@code credits.threshold} when an org's use of its allowance crosses 50, 80 or 100 % (once per
 * crossing on this node; the level falls back as the window frees credits). Sent for a connection of the
 * org, with the percentage and the org in its detail.
 */
@Component
public final class CreditThresholds {

    static final String EVENT = "credits.threshold";
    private static final int[] LEVELS = {50, 80, 100};

    private final ConnectionEvents events;
    private final CreditOrgs orgs;
    private final ConcurrentMap<String, Integer> reached = new ConcurrentHashMap<>();

    public CreditThresholds(ConnectionEvents events, CreditOrgs orgs) {
        this.events = events;
        this.orgs = orgs;
    }

    /** Cheap when no level is crossed: one map read and a comparison. */
    void check(String orgId, long used, long allowance) {
        int level = levelOf(used, allowance);
        int before = reached.getOrDefault(orgId, 0);
        if (level == before) {
            return;
        }
        Integer previous = reached.put(orgId, level);
        if (level > (previous == null ? 0 : previous)) {
            orgs.anyConnectionOf(orgId).ifPresent(connection -> publish(connection, orgId, level, used, allowance));
        }
    }

    private void publish(Connection connection, String orgId, int level, long used, long allowance) {
        events.publish(EVENT, connection, "org " + orgId + " used " + level + " % of its API credits (" + used
                + " of " + allowance + " in 24 hours)");
    }

    static int levelOf(long used, long allowance) {
        int level = 0;
        for (int candidate : LEVELS) {
            if (used * 100 >= (long) candidate * allowance) {
                level = candidate;
            }
        }
        return level;
    }
}
