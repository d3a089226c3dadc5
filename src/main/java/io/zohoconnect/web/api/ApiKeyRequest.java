package io.zohoconnect.web.api;

import io.zohoconnect.web.ApiException;
import io.zohoconnect.web.Html;

import io.zohoconnect.web.security.KeyPermission;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/keys}, checked: a name (1–100 printable characters), 1–100 connections (ids, or globs
 * where {@code *} stands for any run of id characters) and 1 or more known permissions. Every refusal is a 400 naming
 * the field (and the value, escaped); repeated entries count once.
 */
public record ApiKeyRequest(String name, List<String> connections, Set<KeyPermission> permissions) {

    static final int MAX_CONNECTIONS = 100;
    private static final Pattern CONNECTION_OR_GLOB = Pattern.compile("[A-Za-z0-9._*-]{1,64}");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._:@()/+-]{1,100}");

    public static ApiKeyRequest of(ApiRequestBody body) {
        return of(body.text("name"), body.strings("connections", MAX_CONNECTIONS, "[\"acme\",\"acme-*\"]"),
                body.strings("permissions", KeyPermission.values().length * 2, "[\"proxy:read\"]"));
    }

    /** The same checks for the dashboard's form. */
    public static ApiKeyRequest of(String name, List<String> connectionList, List<String> permissionList) {
        if (name == null || !NAME.matcher(name).matches() || name.isBlank()) {
            throw ApiException.badRequest("invalid_name", "Field 'name' must be 1-100 letters, digits, spaces or . _ : @ ( ) / + -.");
        }
        Set<String> connections = new LinkedHashSet<>();
        if (connectionList.isEmpty() || connectionList.size() > MAX_CONNECTIONS) {
            throw ApiException.badRequest("invalid_connections", "Field 'connections' must name 1 to " + MAX_CONNECTIONS
                    + " connection ids or globs.");
        }
        for (String connection : connectionList) {
            if (!CONNECTION_OR_GLOB.matcher(connection).matches()) {
                throw ApiException.badRequest("invalid_connections", "Field 'connections' holds '"
                        + Html.printable(connection, 64) + "': give connection ids (1-64 of A-Z a-z 0-9 . _ -) or globs"
                        + " with * (acme-*).");
            }
            connections.add(connection);
        }
        Set<KeyPermission> permissions = EnumSet.noneOf(KeyPermission.class);
        if (permissionList.isEmpty()) {
            throw ApiException.badRequest("invalid_permissions", "Field 'permissions' must name at least one of "
                    + KeyPermission.allNames() + ".");
        }
        for (String permission : permissionList) {
            permissions.add(KeyPermission.named(permission).orElseThrow(() -> ApiException.badRequest("invalid_permissions",
                    "Field 'permissions' holds '" + Html.printable(permission, 40) + "', which is not a permission: they are "
                            + KeyPermission.allNames() + ".")));
        }
        return new ApiKeyRequest(name.trim(), new ArrayList<>(connections), permissions);
    }
}
