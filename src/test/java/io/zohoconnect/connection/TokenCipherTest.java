package io.zohoconnect.connection;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCipherTest {

    private final EncryptionKey key = randomKey();
    private final TokenCipher cipher = new TokenCipher(key, List.of());

    @Test
    void sealedValuesOpenInTheirOwnPlace() {
        String sealed = cipher.seal("1000.refresh.token", "row-1/refresh");
        assertThat(sealed).startsWith(key.id() + ":").doesNotContain("1000.refresh.token");
        assertThat(cipher.open(sealed, "row-1/refresh")).isEqualTo("1000.refresh.token");
    }

    @Test
    void everySealUsesAFreshNonce() {
        assertThat(cipher.seal("same", "ctx")).isNotEqualTo(cipher.seal("same", "ctx"));
    }

    @Test
    void aValueCopiedToAnotherRowDoesNotOpen() {
        String sealed = cipher.seal("1000.refresh.token", "row-1/refresh");
        assertThatThrownBy(() -> cipher.open(sealed, "row-2/refresh"))
                .isInstanceOf(TokenCipher.SecretUnreadableException.class);
    }

    @Test
    void aTamperedValueDoesNotOpen() {
        String sealed = cipher.seal("1000.refresh.token", "ctx");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(sealed.indexOf(':') + 1));
        raw[raw.length - 1] ^= 1;
        String tampered = key.id() + ":" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> cipher.open(tampered, "ctx")).isInstanceOf(TokenCipher.SecretUnreadableException.class);
    }

    @Test
    void valuesSealedWithAPreviousKeyStillOpenAfterRotation() {
        String sealedWithOld = cipher.seal("secret", "ctx");
        TokenCipher rotated = new TokenCipher(randomKey(), List.of(key));
        assertThat(rotated.open(sealedWithOld, "ctx")).isEqualTo("secret");
        assertThat(TokenCipher.keyIdOf(rotated.seal("secret", "ctx"))).isEqualTo(rotated.currentKeyId())
                .isNotEqualTo(key.id());
    }

    @Test
    void anUnknownKeyIdSaysWhichSettingIsMissing() {
        String sealed = new TokenCipher(randomKey(), List.of()).seal("secret", "ctx");
        assertThatThrownBy(() -> cipher.open(sealed, "ctx")).hasMessageContaining("zoho.crypto.previous-keys");
    }

    @Test
    void keysMustBe32Bytes() {
        assertThatThrownBy(() -> EncryptionKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16]), "zoho.crypto.key"))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> EncryptionKey.fromBase64("not base64!", "zoho.crypto.key"))
                .hasMessageContaining("not valid base64");
    }

    static EncryptionKey randomKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return EncryptionKey.fromBase64(Base64.getEncoder().encodeToString(raw), "test");
    }
}
