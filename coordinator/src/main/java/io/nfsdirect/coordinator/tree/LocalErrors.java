package io.nfsdirect.coordinator.tree;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.api.IoError;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** A local file operation's failure as the error of a tree entry: its errno named, as for NFS. */
final class LocalErrors {

    private LocalErrors() {
    }

    /**
     * @param what what failed and where, e.g. {@code cp -r /data: reading /data/a/b}
     */
    static IoError.Raised raised(IOException e, String what) {
        Errno errno = errno(e);
        return IoError.at(errno, what, -1, e.getMessage() + " (" + errno.name() + ")").raise();
    }

    static Errno errno(IOException e) {
        return e instanceof NoSuchFileException ? Errno.ENOENT
                : e instanceof AccessDeniedException ? Errno.EACCES
                : e instanceof FileAlreadyExistsException ? Errno.EEXIST
                : e instanceof NotDirectoryException ? Errno.ENOTDIR : Errno.EIO;
    }
}
