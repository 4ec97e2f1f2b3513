package io.nfsdirect.server;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

import io.nfsdirect.protocol.NfsStatus;

/**
 * Maps what the JDK reports about a local file operation to the nfsstat3 a client should see.
 * The JDK gives a typed exception only for the common cases; the rest arrive as a
 * FileSystemException whose reason is the strerror text, which is stable on Linux.
 */
final class Faults {

    private Faults() {
    }

    static NfsFault of(IOException e) {
        return new NfsFault(statusOf(e), String.valueOf(e.getMessage()));
    }

    static NfsStatus statusOf(IOException e) {
        if (e instanceof NoSuchFileException) {
            return NfsStatus.NFS3ERR_NOENT;
        }
        if (e instanceof AccessDeniedException) {
            return NfsStatus.NFS3ERR_ACCES;
        }
        if (e instanceof FileAlreadyExistsException) {
            return NfsStatus.NFS3ERR_EXIST;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return NfsStatus.NFS3ERR_NOTEMPTY;
        }
        if (e instanceof NotDirectoryException) {
            return NfsStatus.NFS3ERR_NOTDIR;
        }
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (reason != null) {
            if (reason.contains("No space left")) {
                return NfsStatus.NFS3ERR_NOSPC;
            }
            if (reason.contains("Read-only file system")) {
                return NfsStatus.NFS3ERR_ROFS;
            }
            if (reason.contains("quota")) {
                return NfsStatus.NFS3ERR_DQUOT;
            }
            if (reason.contains("File too large")) {
                return NfsStatus.NFS3ERR_FBIG;
            }
            if (reason.contains("Is a directory")) {
                return NfsStatus.NFS3ERR_ISDIR;
            }
            if (reason.contains("Not a directory")) {
                return NfsStatus.NFS3ERR_NOTDIR;
            }
            if (reason.contains("name too long")) {
                return NfsStatus.NFS3ERR_NAMETOOLONG;
            }
            if (reason.contains("Operation not permitted")) {
                return NfsStatus.NFS3ERR_PERM;
            }
            if (reason.contains("Directory not empty")) {
                return NfsStatus.NFS3ERR_NOTEMPTY;
            }
            if (reason.contains("cross-device link")) {
                return NfsStatus.NFS3ERR_XDEV;
            }
            if (reason.contains("Too many links")) {
                return NfsStatus.NFS3ERR_MLINK;
            }
            if (reason.contains("Invalid argument")) {
                return NfsStatus.NFS3ERR_INVAL;
            }
        }
        return NfsStatus.NFS3ERR_IO;
    }
}
