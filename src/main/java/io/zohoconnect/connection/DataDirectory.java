package io.zohoconnect.connection;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The data directory holds the embedded database and the generated encryption key: only the
 * service's own user may enter it. Created 0700; an existing one that others can enter is tightened
 * to 0700 (the database files inside are created by H2 with the umask, so the directory is what
 * protects them); another directory named by an H2 URL is only warned about. Non-POSIX file systems are left alone.
 */
final class DataDirectory {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DataDirectory() {
    }

    /**
     * Creates {@code dir} owner-only, or tightens it when {@code ours} (zoho.data-dir: it holds nothing
     * but our files), else only warns; returns what an operator should be told.
     */
    static List<String> secure(Path dir, boolean ours) throws IOException {
        List<String> warnings = new ArrayList<>();
        if (!posix()) {
            Files.createDirectories(dir);
            return warnings;
        }
        if (!Files.exists(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            // the umask may have removed owner bits; set exactly
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
            return warnings;
        }
        Optional<String> loose = looseness(dir);
        if (loose.isPresent() && !ours) {
            warnings.add("The database directory " + dir.toAbsolutePath() + " is " + loose.get()
                    + ": others may read the database files. Run chmod 700 " + dir.toAbsolutePath());
        } else if (loose.isPresent()) {
            try {
                Files.setPosixFilePermissions(dir, OWNER_ONLY);
                warnings.add("The data directory " + dir.toAbsolutePath() + " was " + loose.get()
                        + ": tightened it to owner-only (chmod 700), since it holds the database and the encryption key");
            } catch (IOException | SecurityException notOurs) {
                warnings.add("The data directory " + dir.toAbsolutePath() + " is " + loose.get()
                        + " and could not be tightened: run chmod 700 " + dir.toAbsolutePath());
            }
        }
        return warnings;
    }

    /** "group/world-accessible (rwxr-xr-x)" when anyone but the owner has a permission on {@code path}. */
    static Optional<String> looseness(Path path) throws IOException {
        if (!posix()) {
            return Optional.empty();
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        return permissions.stream().anyMatch(OTHERS::contains)
                ? Optional.of("group/world-accessible (" + PosixFilePermissions.toString(permissions) + ")")
                : Optional.empty();
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
