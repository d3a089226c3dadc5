package io.zohoconnect.connection;

import java.util.List;

/**
 * Encryption at rest: a base64 AES-256 key, or one generated into the data directory.
 *
 * @param key          Base64 AES-256 key (32 bytes) that seals tokens at rest; every node of a cluster needs the
 *                     same one. Without it a key is generated into the data directory, which profiles postgres
 *                     and cluster refuse. Env ZOHO_CONNECT_ENCRYPTION_KEY.
 * @param previousKeys Older keys still accepted for reading while a rotation is under way.
 */
public record CryptoSettings(
        String key,
        List<String> previousKeys) {

    public CryptoSettings {
        previousKeys = previousKeys == null ? List.of() : List.copyOf(previousKeys);
    }

    @Override
    public String toString() {
        return "Crypto[key=" + (key == null ? "generated" : "***") + "]";
    }
}
