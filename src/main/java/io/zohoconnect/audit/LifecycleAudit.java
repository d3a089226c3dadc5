package io.zohoconnect.audit;

import java.time.Duration;
import java.time.Clock;

import org.springframework.stereotype.Component;

/**
 * The hook through which every lifecycle event lands in the audit trail (called by ConnectionEvents).
 * The outcome says how the event ended for the connection; the actor is whoever is acting on this
 * thread — except a new grant, which is credited to whoever started its consent (the callback comes
 * from the consenting browser, not from an admin).
 */
@Component
public class LifecycleAudit {

    private static final Duration CONSENT_WINDOW = Duration.ofHours(1);

    private final AuditTrail trail;
    private final Clock clock;

    LifecycleAudit(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    public void eventPublished(String type, String connectionId, String detail) {
        String outcome = outcomeOf(type);
        if (type.endsWith(".created") || type.endsWith(".org_change_refused")) {
            Actor starter = Actor.current() != null ? Actor.current()
                    : trail.starterOf(connectionId, clock.instant().minus(CONSENT_WINDOW)).orElse(null);
            if (starter != null) {
                trail.record(type, connectionId, starter, outcome, detail);
                return;
            }
        }
        trail.record(type, connectionId, outcome, detail);
    }

    /** success, failure, pending or refused: what the event means for the connection. */
    static String outcomeOf(String type) {
        return switch (type.substring(type.indexOf('.') + 1)) {
            case "refresh_failed", "needs_reauth", "client_misconfigured" -> "failure";
            case "revoke_pending" -> "pending";
            case "org_change_refused" -> "refused";
            default -> "success";
        };
    }
}
