package io.nfsdirect.cli;

import io.nfsdirect.protocol.Errno;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on local paths, so that a bad one is reported before any node starts. */
final class LocalFiles {

    private LocalFiles() {
    }

    /** {@code path} as an existing regular file, else an I/O error naming {@code context}. */
    static Path regularFile(String context, String path) {
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            throw CliException.io(context + ": " + path + ": No such file or directory", null);
        }
        if (Files.isDirectory(p)) {
            throw CliException.io(context + ": " + path + ": Is a directory", null);
        }
        if (!Files.isRegularFile(p)) {
            // A direct write reads its source at positional offsets, which a pipe or device cannot serve.
            throw CliException.io(context + ": " + path + ": not a regular file (use - to read a stream from stdin)",
                    null);
        }
        if (!Files.isReadable(p)) {
            throw CliException.io(context + ": " + path + ": Permission denied", null);
        }
        return p;
    }

    /** {@code path} as an existing directory this process can read, else an I/O error naming {@code context}. */
    static Path directory(String context, Path path) {
        if (!Files.exists(path)) {
            throw CliException.io(context + " " + path + ": " + describe(Errno.ENOENT), null);
        }
        if (!Files.isDirectory(path)) {
            throw CliException.io(context + " " + path + ": " + describe(Errno.ENOTDIR), null);
        }
        if (!Files.isReadable(path) || !Files.isExecutable(path)) {
            throw CliException.io(context + " " + path + ": " + describe(Errno.EACCES), null);
        }
        return path;
    }

    /** "No such file or directory (ENOENT)". */
    private static String describe(Errno errno) {
        return errno.message() + " (" + errno.name() + ")";
    }
}
