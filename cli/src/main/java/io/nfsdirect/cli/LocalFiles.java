package io.nfsdirect.cli;

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
}
