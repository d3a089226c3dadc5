package io.zohoconnect.audit;

/**
 * Types of the admin actions in the audit trail. Lifecycle events keep their event names
 * ({@code connection.created}, {@code connection.refreshed}…, see ConnectionEvent).
 */
public final class AuditTypes {

    public static final String CONNECT_STARTED = "connect.started";
    public static final String LINK_CREATED = "link.created";
    public static final String REFRESH_FORCED = "refresh.forced";
    public static final String DELETE_REQUESTED = "connection.delete_requested";
    public static final String KEYS_REENCRYPTED = "keys.reencrypted";
    public static final String SYNC_RUN = "sync.run_requested";

    private AuditTypes() {
    }
}
