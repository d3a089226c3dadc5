package io.zohoconnect.connection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for secrets at rest. Each value carries the id of the key that sealed it
 * ({@code keyId:base64(nonce|ciphertext|tag)}) so keys can be rotated row by row, and is bound to
 * its place ({@code context}, e.g. the connection id and column) so a sealed value copied into
 * another row does not open.
 */
public final class TokenCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final EncryptionKey current;
    private final Map<String, EncryptionKey> byId = new LinkedHashMap<>();

    public TokenCipher(EncryptionKey current, List<EncryptionKey> previous) {
        this.current = current;
        byId.put(current.id(), current);
        previous.forEach(k -> byId.putIfAbsent(k.id(), k));
    }

    public String currentKeyId() {
        return current.id();
    }

    /** True when this cipher can open values sealed under {@code keyId} (current or previous key). */
    public boolean hasKey(String keyId) {
        return byId.containsKey(keyId);
    }

    public String seal(String plaintext, String context) {
        if (plaintext == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, current.secret(), nonce, context,
                plaintext.getBytes(StandardCharsets.UTF_8));
        ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
        return current.id() + ":" + Base64.getEncoder().encodeToString(out.array());
    }

    public String open(String sealedValue, String context) {
        if (sealedValue == null) {
            return null;
        }
        int colon = sealedValue.indexOf(':');
        if (colon <= 0) {
            throw new SecretUnreadableException("a stored secret has no key id");
        }
        String keyId = sealedValue.substring(0, colon);
        EncryptionKey key = byId.get(keyId);
        if (key == null) {
            throw new SecretUnreadableException("a stored secret was sealed with key id '" + keyId
                    + "', which is not configured (add it to zoho.crypto.previous-keys)");
        }
        byte[] all = Base64.getDecoder().decode(sealedValue.substring(colon + 1));
        byte[] nonce = new byte[NONCE_BYTES];
        System.arraycopy(all, 0, nonce, 0, NONCE_BYTES);
        byte[] body = new byte[all.length - NONCE_BYTES];
        System.arraycopy(all, NONCE_BYTES, body, 0, body.length);
        return new String(run(Cipher.DECRYPT_MODE, key.secret(), nonce, context, body), StandardCharsets.UTF_8);
    }

    /** The key id of a sealed value, or null. */
    public static String keyIdOf(String sealedValue) {
        if (sealedValue == null) {
            return null;
        }
        int colon = sealedValue.indexOf(':');
        return colon <= 0 ? null : sealedValue.substring(0, colon);
    }

    private static byte[] run(int mode, SecretKey key, byte[] nonce, String context, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // no detail: the cause could only say "tag mismatch", never anything secret
            throw new SecretUnreadableException("a stored secret could not be decrypted (wrong key or tampered value)");
        }
    }

    /** A sealed value that cannot be opened: wrong key, unknown key id or tampering. */
    public static final class SecretUnreadableException extends RuntimeException {
        public SecretUnreadableException(String message) {
            super(message);
        }
    }
}
