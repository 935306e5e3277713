package dev.scimpurge.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The directory that holds the H2 job database file. While a purge runs, H2's auto server writes
 * its port and key into a {@code .lock.db} file there, and whoever reads them can open the job
 * database as the purge does. So a directory created here is private to its owner (0700, where
 * the file system has POSIX permissions); one that exists already is the user's and is left as it
 * is, with a warning when other users can read or enter it.
 */
public final class H2FileDirectory {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OPEN_TO_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private H2FileDirectory() {
    }

    /**
     * Creates {@code directory} (and missing parents) owner-only if it is missing.
     *
     * @return a one-line warning if the directory existed and other users can read or enter it
     * @throws UncheckedIOException if it cannot be created or its permissions read
     */
    public static Optional<String> prepare(Path directory) {
        if (!Files.isDirectory(directory)) {
            createOwnerOnly(directory, "the job database directory");
            return Optional.empty();
        }
        try {
            return isPosix(directory) ? warningFor(directory) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the permissions of the job database directory " + directory + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    /**
     * Creates {@code directory} and its missing parents owner-only (0700, where the file system has
     * POSIX permissions); one that exists is left as it is.
     *
     * @param what what the directory is for, for the message if it cannot be created
     * @throws UncheckedIOException if it cannot be created
     */
    public static void createOwnerOnly(Path directory, String what) {
        try {
            if (isPosix(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + what + " " + directory + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static boolean isPosix(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static Optional<String> warningFor(Path directory) throws IOException {
        Set<PosixFilePermission> permissions = Files.getFileAttributeView(directory, PosixFileAttributeView.class)
                .readAttributes().permissions();
        if (permissions.stream().noneMatch(OPEN_TO_OTHERS::contains)) {
            return Optional.empty();
        }
        return Optional.of("WARNING: other users can read or enter the job database directory " + directory + " ("
                + PosixFilePermissions.toString(permissions) + "); while a purge runs, H2's lock file there holds the key to "
                + "its database server. Restrict it: chmod 700 " + directory);
    }
}
