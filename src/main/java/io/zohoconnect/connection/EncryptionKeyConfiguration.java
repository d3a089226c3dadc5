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


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Where the encryption key comes from: {@code zoho.crypto.key} (env ZOHO_CONNECT_ENCRYPTION_KEY),
 * or, for the embedded default, a key generated once into the data directory with owner-only
 * permissions. The generated key is fine for a demo and a single node; production sets its own.
 */
@Configuration(proxyBeanMethods = false)
class EncryptionKeyConfiguration {

    static final String KEY_FILE = "encryption.key";
    private static final Logger log = LoggerFactory.getLogger(EncryptionKeyConfiguration.class);

    /** Profiles whose database other nodes may share: a key generated on one node would not open the others' secrets. */
    static final Profiles SHARED_DATABASE = Profiles.of("postgres", "cluster");

    @Bean
    TokenCipher tokenCipher(ConnectionSettings properties, Environment environment) {
        String configured = properties.crypto().key();
        boolean generate = configured == null || configured.isBlank();
        if (generate && environment.acceptsProfiles(SHARED_DATABASE)) {
            throw new IllegalStateException("zoho.crypto.key (ZOHO_CONNECT_ENCRYPTION_KEY) is required with profile"
                    + " postgres or cluster: every node on the database must use the same key (generate one once with:"
                    + " openssl rand -base64 32, and give it to every node)");
        }
        EncryptionKey current = generate
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
            DataDirectory.secure(dataDir, true).forEach(log::warn);
            if (!Files.exists(file)) {
                byte[] raw = new byte[32];
                new SecureRandom().nextBytes(raw);
                write(file, Base64.getEncoder().encodeToString(raw));
                log.warn("No zoho.crypto.key (ZOHO_CONNECT_ENCRYPTION_KEY) set: generated an encryption key into {}."
                        + " Back it up with the database, or set your own key for production.", file.toAbsolutePath());
            } else {
                log.warn("No zoho.crypto.key (ZOHO_CONNECT_ENCRYPTION_KEY) set: using the generated key in {}.",
                        file.toAbsolutePath());
                DataDirectory.looseness(file).ifPresent(loose -> log.warn("The encryption key file {} is {}:"
                        + " anyone who can read it can open every stored token. Run chmod 600 {}",
                        file.toAbsolutePath(), loose, file.toAbsolutePath()));
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
