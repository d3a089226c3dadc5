package io.zohoconnect.credentials;

/**
 * The cross-node half of a refresh: take the connection's lease, read the row again under it, ask
 * {@link RefreshPolicy} again (another node may have refreshed meanwhile), call Zoho and record the
 * outcome. {@link TokenRefresher} calls it only from inside its single flight, so at most one call
 * per connection is in progress on a node.
 */
interface LeasedRefresh {

    RefreshResult refresh(String connectionId, RefreshRequest request);
}
