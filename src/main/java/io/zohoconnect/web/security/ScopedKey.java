package io.zohoconnect.web.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A scoped API key as stored (never its secret): the connections it may use — ids, or globs where {@code *}
 * stands for any run of id characters ({@code acme-*}) — and its permissions. The admin key is not one of these:
 * it keeps every right.
 */
public record ScopedKey(String id, String name, List<String> connections, Set<KeyPermission> permissions, Instant createdAt,
        Instant lastUsedAt) {

    public ScopedKey {
        connections = List.copyOf(connections);
        permissions = Set.copyOf(permissions);
    }

    /** Whether this key may do {@code permission} for {@code connectionId} (null: the operation names no connection). */
    public boolean allows(KeyPermission permission, String connectionId) {
        return permissions.contains(permission) && (connectionId == null || covers(connectionId));
    }

    /** Whether the connection is one of this key's (an id it names, or one its globs match). */
    public boolean covers(String connectionId) {
        if (connectionId == null) {
            return false;
        }
        for (String pattern : connections) {
            if (pattern.indexOf('*') < 0 ? pattern.equals(connectionId) : glob(pattern).matcher(connectionId).matches()) {
                return true;
            }
        }
        return false;
    }

    /** {@code *} matches any run of characters; every other character only itself. */
    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
