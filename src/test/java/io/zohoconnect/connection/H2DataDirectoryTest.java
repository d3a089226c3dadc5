package io.zohoconnect.connection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded database lives in a directory only the service's user can enter (issue 9, item 7). */
class H2DataDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void theDataDirectoryIsCreatedOwnerOnlyBeforeH2WritesIntoIt() throws Exception {
        Path dataDir = temp.resolve("data");
        prepare(dataDir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
    }

    @Test
    void aWorldReadableDataDirectoryIsTightened() throws Exception {
        Path dataDir = Files.createDirectory(temp.resolve("data"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        prepare(dataDir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
    }

    @Test
    void aDirectoryThatIsNotTheDataDirectoryIsOnlyWarnedAbout() throws Exception {
        Path elsewhere = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwxr-xr-x"));
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:h2:file:" + elsewhere.resolve("db") + ";MODE=PostgreSQL")
                .withProperty("zoho.data-dir", temp.resolve("data").toString());
        new H2DataDirectory(new DeferredLogs()).postProcessEnvironment(environment, null);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(elsewhere))).isEqualTo("rwxr-xr-x");
    }

    private static void prepare(Path dataDir) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("zoho-connect") + ";MODE=PostgreSQL")
                .withProperty("zoho.data-dir", dataDir.toString());
        new H2DataDirectory(new DeferredLogs()).postProcessEnvironment(environment, null);
    }
}
