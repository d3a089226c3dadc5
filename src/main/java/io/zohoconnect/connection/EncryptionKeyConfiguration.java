package io.zohoconnect.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import io.zohoconnect.ZohoProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the encryption key comes from: {@code zoho.crypto.key} (env ZOHO_CONNECT_ENCRYPTION_KEY),
 * or, for the embedded default, a key generated once into the data directory with owner-only
 * permissions. The generated key is fine for a demo and a single node; production sets its own.
 */
@Configuration(proxyBeanMethods = false)
class EncryptionKeyConfiguration {

    static final String KEY_FILE = "encryption.key";
    private static final Logger log = LoggerFactory.getLogger(EncryptionKeyConfiguration.class);

    @Bean
    TokenCipher tokenCipher(ZohoProperties properties) {
        String configured = properties.crypto().key();
        EncryptionKey current = configured == null || configured.isBlank()
                ? generatedKey(properties.dataDir())
                : EncryptionKey.fromBase64(configured, "zoho.crypto.key (ZOHO_CONNECT_ENCRYPTION_KEY)");
        List<EncryptionKey> previous = properties.crypto().previousKeys().stream()
                .map(k -> EncryptionKey.fromBase64(k, "zoho.crypto.previous-keys"))
                .toList();
        return new TokenCipher(current, previous);
    }

    static EncryptionKey generatedKey(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] raw = new byte[32];
                new SecureRandom().nextBytes(raw);
                write(file, Base64.getEncoder().encodeToString(raw));
                log.warn("No zoho.crypto.key (ZOHO_CONNECT_ENCRYPTION_KEY) set: generated an encryption key into {}."
                        + " Back it up with the database, or set your own key for production.", file.toAbsolutePath());
            } else {
                log.warn("No zoho.crypto.key (ZOHO_CONNECT_ENCRYPTION_KEY) set: using the generated key in {}.",
                        file.toAbsolutePath());
            }
            return EncryptionKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the encryption key file " + file, e);
        }
    }

    private static void write(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            return; // another process created it first: use theirs
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }
}
