package io.zohoconnect.connection;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** A 256-bit AES key and its id: the first 8 hex digits of SHA-256 over the key, so ids need no bookkeeping. */
public record EncryptionKey(String id, SecretKey secret) {

    public static EncryptionKey fromBase64(String base64, String settingName) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(settingName + " is not valid base64 (expected 32 random bytes, e.g. openssl rand -base64 32)");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(settingName + " must decode to 32 bytes (AES-256), got " + raw.length
                    + " (generate one with: openssl rand -base64 32)");
        }
        return new EncryptionKey(idOf(raw), new SecretKeySpec(raw, "AES"));
    }

    private static String idOf(byte[] raw) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
            return "k" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "EncryptionKey[" + id + "]";
    }
}
