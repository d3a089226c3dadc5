package io.zohoconnect.connection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import java.util.HashMap;
import java.util.Map;

import io.zohoconnect.PackageSettings;
import io.zohoconnect.ZohoProperties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the key comes from, and who can read the files that hold secrets (issue 9, items 5 and 7). */
@ExtendWith(OutputCaptureExtension.class)
class EncryptionKeyConfigurationTest {

    @TempDir
    Path temp;

    @Test
    void aSharedDatabaseProfileRequiresAnExplicitKey() {
        for (String profile : new String[] {"postgres", "cluster"}) {
            MockEnvironment environment = new MockEnvironment();
            environment.setActiveProfiles(profile);
            assertThatThrownBy(() -> new EncryptionKeyConfiguration().tokenCipher(
                    properties(temp.resolve(profile), null), environment))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ZOHO_CONNECT_ENCRYPTION_KEY").hasMessageContaining("postgres or cluster");
            assertThat(temp.resolve(profile)).doesNotExist();
        }
    }

    @Test
    void anExplicitKeyWorksWithASharedDatabaseProfile() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("postgres", "cluster");
        TokenCipher cipher = new EncryptionKeyConfiguration().tokenCipher(
                properties(temp, "b0fN/scDABBX2+s4EBeYfWwgCk+YbUj7IptmiNxYSAU="), environment);
        assertThat(cipher.open(cipher.seal("x", "c"), "c")).isEqualTo("x");
    }

    @Test
    void theGeneratedKeyLivesInAnOwnerOnlyDirectoryAndFile() throws Exception {
        Path dataDir = temp.resolve("data");
        new EncryptionKeyConfiguration().tokenCipher(properties(dataDir, null), new MockEnvironment());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dataDir.resolve(EncryptionKeyConfiguration.KEY_FILE)))).isEqualTo("rw-------");
    }

    @Test
    void aWorldReadableDataDirectoryIsTightenedAndALooseKeyFileWarned(CapturedOutput output) throws Exception {
        Path dataDir = temp.resolve("data");
        new EncryptionKeyConfiguration().tokenCipher(properties(dataDir, null), new MockEnvironment());
        Path keyFile = dataDir.resolve(EncryptionKeyConfiguration.KEY_FILE);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        new EncryptionKeyConfiguration().tokenCipher(properties(dataDir, null), new MockEnvironment());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        assertThat(output.getAll()).contains("tightened it to owner-only")
                .contains("The encryption key file " + keyFile.toAbsolutePath() + " is group/world-accessible")
                .contains("chmod 600");
        assertThat(output.getAll()).doesNotContain(Files.readString(keyFile).trim());
    }

    private static ConnectionSettings properties(Path dataDir, String key) {
        Map<String, String> values = new HashMap<>(Map.of("zoho.client-id", "1000.X", "zoho.client-secret", "s",
                "zoho.redirect-uri", "https://h/oauth/callback", "zoho.data-dir", dataDir.toString()));
        if (key != null) {
            values.put("zoho.crypto.key", key);
        }
        return PackageSettings.connection(
                new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("zoho", ZohoProperties.class));
    }
}
