package io.zohoconnect.simulator;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Zoho-shaped opaque values: {@code 1000.<hex>.<hex>} for codes and tokens, plain hex for ids. */
final class RandomTokens {

    private final SecureRandom random = new SecureRandom();

    String token() {
        return "1000." + hex(16) + "." + hex(16);
    }

    String id() {
        return hex(16);
    }

    private String hex(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }
}
