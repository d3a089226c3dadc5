package io.zohoconnect.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Page tokens: opaque, self-contained keyset cursors. A token carries where the last page ended and
 * a hash of the parameters it is bound to, and is signed (HMAC-SHA256, a key per simulator) together
 * with the org it was issued for, so it can neither be forged nor used against another org.
 * {@code POST /_sim/page-tokens/expire} expires every token issued so far.
 */
final class PageTokens {

    private static final int MAC_BYTES = 16;
    private static final byte FORMAT = 1;
    private static final int PAYLOAD_BYTES = 1 + 8 + 8 + 8 + 8 + 4 + 4;

    private final byte[] key = new byte[32];
    private final AtomicLong serial = new AtomicLong();
    private volatile long expiredThrough;

    PageTokens() {
        new SecureRandom().nextBytes(key);
    }

    /**
     * Where a listing continues.
     *
     * @param boundHash what the token is bound to (module, fields, sort, per_page, If-Modified-Since)
     * @param lastKey   the last record served, as a packed (sort key, index) entry
     * @param served    records served by the chain of pages so far
     * @param page      the page number the token was issued on
     * @param issuedAt  epoch seconds
     */
    record Cursor(long serial, long issuedAt, long boundHash, long lastKey, int served, int page) {
    }

    String issue(String orgKey, long issuedAt, long boundHash, long lastKey, int served, int page) {
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES + MAC_BYTES);
        payload.put(FORMAT).putLong(serial.incrementAndGet()).putLong(issuedAt).putLong(boundHash).putLong(lastKey)
                .putInt(served).putInt(page);
        payload.put(mac(orgKey, payload.array(), PAYLOAD_BYTES));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array());
    }

    /** The cursor of a token this simulator issued for this org; null for anything else. */
    Cursor open(String orgKey, String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length != PAYLOAD_BYTES + MAC_BYTES || bytes[0] != FORMAT) {
            return null;
        }
        byte[] expected = mac(orgKey, bytes, PAYLOAD_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, PAYLOAD_BYTES, bytes.length))) {
            return null;
        }
        ByteBuffer payload = ByteBuffer.wrap(bytes, 1, PAYLOAD_BYTES - 1);
        return new Cursor(payload.getLong(), payload.getLong(), payload.getLong(), payload.getLong(), payload.getInt(),
                payload.getInt());
    }

    /** Whether {@code POST /_sim/page-tokens/expire} has expired the token. */
    boolean forcedExpired(Cursor cursor) {
        return cursor.serial() <= expiredThrough;
    }

    /** Expires every token issued so far; returns how many that is. */
    long expireAll() {
        long through = serial.get();
        expiredThrough = through;
        return through;
    }

    /** A stable 64-bit hash of the bound parameters, each on its own line. */
    static long bind(String... parameters) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", parameters).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private byte[] mac(String orgKey, byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(orgKey.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(data, 0, length);
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }
}
