package io.nfsdirect.protocol.api;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.NfsStatus;

/**
 * The first error of a request: what failed, where in the file, and why, in the form the
 * CLI prints ({@code read nfs://h/e/f at offset 1048576: No such file or directory (NFS3ERR_NOENT)}).
 *
 * @param errno     the errno name, e.g. {@code ENOENT}
 * @param nfsStatus the nfsstat3 name when the server said it, else null (timeouts, cancellation)
 * @param offset    the file offset the error concerns, -1 when it concerns no offset
 */
public record IoError(String errno, String nfsStatus, long offset, String message) implements CborSerializable {

    public static IoError of(Errno errno, String message, long offset) {
        return new IoError(errno.name(), null, offset, message);
    }

    public static IoError of(NfsException e, long offset) {
        NfsStatus status = e.status();
        return new IoError(e.errno().name(), status == null ? null : status.name(), offset, e.getMessage());
    }

    public Errno errnoValue() {
        return Errno.valueOf(errno);
    }

    /** The negative errno, as an aio completion reports a failure. */
    public int negativeErrno() {
        return -errnoValue().number();
    }
}
