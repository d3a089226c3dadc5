package io.zohoconnect.web;

import java.util.Set;
import java.util.regex.Pattern;

import io.zohoconnect.audit.Actor;
import io.zohoconnect.audit.AuditQuery;
import io.zohoconnect.web.connect.ConnectRequests;

/** Reads {@code limit}, {@code before} and the filters of the audit-trail endpoints; bad values are a 400 that says why. */
public final class AuditQueries {

    private static final Pattern WORD = Pattern.compile("[a-z_.]{1,64}");
    private static final Set<String> ACTORS = Set.of(Actor.ADMIN, Actor.API_KEY, Actor.KEY, Actor.CONNECT_LINK, Actor.TIMER, Actor.NODE);

    private AuditQueries() {
    }

    public static AuditQuery ofConnection(String connectionId, QueryParams query) {
        return new AuditQuery(connectionId, null, null, null, before(query), limit(query));
    }

    public static AuditQuery of(QueryParams query) {
        String connectionId = query.get("connection_id");
        if (connectionId != null) {
            ConnectRequests.requireConnectionId(connectionId);
        }
        String actor = query.get("actor");
        if (actor != null && !ACTORS.contains(actor)) {
            throw ApiException.badRequest("invalid_actor", "actor must be one of " + String.join(", ", ACTORS.stream().sorted().toList()) + ".");
        }
        return new AuditQuery(connectionId, word(query, "type"), word(query, "outcome"), actor, before(query), limit(query));
    }

    private static int limit(QueryParams query) {
        String raw = query.get("limit");
        if (raw == null) {
            return AuditQuery.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= AuditQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid_limit", "limit must be a number from 1 to " + AuditQuery.MAX_LIMIT + ".");
    }

    private static Long before(QueryParams query) {
        String raw = query.get("before");
        if (raw == null) {
            return null;
        }
        try {
            long before = Long.parseLong(raw);
            if (before > 0) {
                return before;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid_before", "before must be the next_before of a previous page.");
    }

    private static String word(QueryParams query, String name) {
        String value = query.get(name);
        if (value != null && !WORD.matcher(value).matches()) {
            throw ApiException.badRequest("invalid_" + name, name + " must be a value such as connection.refreshed"
                    + " or rate_limited (lower-case letters, '.' and '_').");
        }
        return value;
    }
}
