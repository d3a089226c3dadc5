package io.zohoconnect.connection;

/**
 * Published (as a Spring application event) after every write to a connection row on this node,
 * so in-memory views such as the {@code zohoAuth} token cache can drop what they hold.
 */
public record ConnectionChanged(String connectionId) {
}
