package io.zohoconnect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when a YAML route folder ({@code camel.main.routes-include-pattern}, its
 * {@code file:} entries) or a route file in it is world-writable: routes run inside the service with
 * its tokens, so whoever can write one owns every connection. A missing folder is fine (no routes).
 * Runs before Camel loads the routes (they are read once the context is refreshed).
 */
@Component
public final class RoutesFolderCheck implements SmartInitializingSingleton {

    static final String PATTERN = "camel.main.routes-include-pattern";
    private static final String FILE = "file:";

    private final Environment environment;

    public RoutesFolderCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String pattern = environment.getProperty(PATTERN);
        if (pattern != null) {
            verify(pattern);
        }
    }

    /** Throws naming each world-writable folder or route file of the {@code file:} entries of {@code pattern}. */
    static void verify(String pattern) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (String entry : pattern.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.startsWith(FILE)) {
                problems.addAll(worldWritable(trimmed.substring(FILE.length())));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to load YAML routes: " + String.join("; ", problems)
                    + ". Anyone on this machine could change what the service runs with its Zoho tokens.");
        }
    }

    private static List<String> worldWritable(String glob) {
        Path folder = folderOf(glob);
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return problems;
        }
        PathMatcher routeFile = FileSystems.getDefault().getPathMatcher("glob:" + Path.of(glob).toAbsolutePath().normalize());
        try (Stream<Path> all = Files.walk(folder)) {
            all.forEach(path -> {
                boolean isFolder = Files.isDirectory(path);
                if ((isFolder || routeFile.matches(path.toAbsolutePath().normalize())) && othersCanWrite(path)) {
                    problems.add((isFolder ? "the routes folder " : "the route file ") + path.toAbsolutePath()
                            + " is world-writable (chmod o-w " + path.toAbsolutePath() + ")");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the routes folder " + folder, e);
        }
        return problems;
    }

    /** The longest leading part of the glob without wildcards: where the route files live. */
    static Path folderOf(String glob) {
        Path path = Path.of(glob).toAbsolutePath().normalize();
        Path folder = path.getRoot();
        for (Path part : path) {
            if (part.toString().matches(".*[*?\\[{].*")) {
                return folder;
            }
            folder = folder.resolve(part);
        }
        return folder.getParent() == null ? folder : folder.getParent(); // a single file: its folder
    }

    private static boolean othersCanWrite(Path path) {
        try {
            return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException e) {
            return false;
        }
    }
}
