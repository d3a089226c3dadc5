package io.zohoconnect.connection;

import java.nio.file.Path;

/**
 * The settings of the store, as {@code zoho.*} binds them (descriptions there): the data directory,
 * this node's name in leases and the encryption at rest.
 */
public record ConnectionSettings(Path dataDir, String nodeId, CryptoSettings crypto) {
}
