package io.nfsdirect.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temporary directory for an embedded server that this same process then writes to over NFS
 * (the demo, the launcher's training run). The server squashes root, as knfsd does, so when this
 * process runs as root its NFS calls arrive as the anonymous user 65534: the directory is given
 * to that user, as an operator would prepare an export for squashed root clients.
 */
final class TemporaryExport {

    /** exports(5)'s default anonuid and anongid. */
    private static final int ANONYMOUS = 65534;

    private TemporaryExport() {
    }

    static Path create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        return prepare(dir);
    }

    /** Gives {@code dir} to the anonymous user when this process is root; returns it. */
    static Path prepare(Path dir) throws IOException {
        if ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0) {
            Files.setAttribute(dir, "unix:uid", ANONYMOUS);
            Files.setAttribute(dir, "unix:gid", ANONYMOUS);
        }
        return dir;
    }
}
