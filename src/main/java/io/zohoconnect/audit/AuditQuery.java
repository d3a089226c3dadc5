package io.zohoconnect.audit;

/**
 * Which entries to list: optional filters, {@code before} (an entry id: the page starts below it) and
 * {@code limit}. The admin API validates the raw parameters into one of these.
 */
public record AuditQuery(String connectionId, String type, String outcome, String actorKind, Long before, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT + 1) {
            throw new IllegalArgumentException("limit out of range: " + limit);
        }
    }

    public static AuditQuery ofConnection(String connectionId, int limit) {
        return new AuditQuery(connectionId, null, null, null, null, limit);
    }

    AuditQuery plusOne() {
        return new AuditQuery(connectionId, type, outcome, actorKind, before, limit + 1);
    }
}
