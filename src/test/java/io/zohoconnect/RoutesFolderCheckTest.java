package io.zohoconnect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** YAML routes run with every token: a folder or file anyone can write is refused (issue 9, item 7). */
class RoutesFolderCheckTest {

    @TempDir
    Path temp;

    @Test
    void aWorldWritableRoutesFolderIsRefusedWithThePathAndTheFix() throws Exception {
        Path routes = Files.createDirectory(temp.resolve("routes"));
        Files.writeString(routes.resolve("a.yaml"), "- from: {uri: timer:x}");
        Files.setPosixFilePermissions(routes, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> RoutesFolderCheck.verify("file:" + routes + "/*.yaml"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the routes folder " + routes + " is world-writable")
                .hasMessageContaining("chmod o-w " + routes);
    }

    @Test
    void aWorldWritableRouteFileIsRefused() throws Exception {
        Path routes = Files.createDirectory(temp.resolve("routes"));
        Path file = Files.writeString(routes.resolve("a.yaml"), "- from: {uri: timer:x}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

        assertThatThrownBy(() -> RoutesFolderCheck.verify("classpath:x/*.yaml, file:" + routes + "/*.yaml"))
                .hasMessageContaining("the route file " + file + " is world-writable")
                .hasMessageContaining("chmod o-w " + file);
    }

    @Test
    void privateRoutesAndAMissingFolderAreFine() throws Exception {
        Path routes = Files.createDirectory(temp.resolve("routes"));
        Files.setPosixFilePermissions(routes, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path other = Files.writeString(routes.resolve("notes.txt"), "not a route");
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.writeString(routes.resolve("a.yaml"), "- from: {uri: timer:x}");

        assertThatCode(() -> RoutesFolderCheck.verify("file:" + routes + "/*.yaml")).doesNotThrowAnyException();
        assertThatCode(() -> RoutesFolderCheck.verify("file:" + temp.resolve("absent") + "/*.yaml"))
                .doesNotThrowAnyException();
    }
}
