package io.zohoconnect.web.security;

import java.util.Arrays;
import java.util.Optional;

/** What a scoped API key may do (DESIGN.md "Contract for the gateway, scoped keys and the hostile edges"). */
public enum KeyPermission {

    /** GET and HEAD through the gateway ({@code /proxy/crm/…}). */
    PROXY_READ("proxy:read"),
    /** POST, PUT, PATCH and DELETE through the gateway. */
    PROXY_WRITE("proxy:write"),
    /** {@code GET /api/connections/{id}/access-token}: the raw token, for consumers that must hold it. */
    TOKEN_READ("token:read"),
    /** {@code GET /api/connections…}: status and audit trail of its connections only. */
    CONNECTIONS_READ("connections:read"),
    /** {@code POST /api/connect-links} for its connections. */
    LINKS_CREATE("links:create");

    private final String wireName;

    KeyPermission(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<KeyPermission> named(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }

    public static String allNames() {
        return String.join(", ", Arrays.stream(values()).map(KeyPermission::wireName).toList());
    }
}
