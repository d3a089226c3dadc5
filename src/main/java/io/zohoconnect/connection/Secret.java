package io.zohoconnect.connection;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A token or other secret value. Its {@code toString} never shows the value, so a secret that ends
 * up in a log line, an exception message or a debugger view stays a secret.
 */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "value");
    }

    public static Secret ofNullable(String value) {
        return value == null || value.isEmpty() ? null : new Secret(value);
    }

    /** Constant-time comparison, for checks an attacker could time. */
    public boolean sameAs(Secret other) {
        return other != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}
