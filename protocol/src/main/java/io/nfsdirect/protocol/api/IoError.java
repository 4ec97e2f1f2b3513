package io.nfsdirect.protocol.api;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.NfsStatus;
import java.util.concurrent.CompletionException;

/**
 * The first error of a request: what failed, where in the file, and why, in the form the
 * CLI prints ({@code read nfs://h/e/f at offset 1048576: No such file or directory (NFS3ERR_NOENT)}).
 *
 * <p>Every layer builds its errors here, so that one error line has one shape, formatted once
 * ({@link #line}): {@link #at} for a cause of our own, {@link #status} for an NFS status the
 * server answered, {@link #restated} for a failure from a layer below, which keeps its errno and
 * NFS status, and {@link #raise} to carry a finished error through a future's failure.
 *
 * @param errno     the errno name, e.g. {@code ENOENT}
 * @param nfsStatus the nfsstat3 name when the server said it, else null (timeouts, cancellation)
 * @param offset    the file offset the error concerns, -1 when it concerns no offset
 */
public record IoError(String errno, String nfsStatus, long offset, String message) implements CborSerializable {

    /** The one shape of an error line: {@code <what>[ at offset N]: <cause>}; no offset when it is negative. */
    public static String line(String what, long offset, String cause) {
        return what + (offset >= 0 ? " at offset " + offset : "") + ": " + cause;
    }

    /** {@code what} (an operation and its file, {@code read nfs://h/e/f}) failed at {@code offset} with {@code errno}. */
    public static IoError at(Errno errno, String what, long offset, String cause) {
        return new IoError(errno.name(), null, offset, line(what, offset, cause));
    }

    /** {@code what} failed at {@code offset} with {@code errno}, which says it all: {@code No such file or directory (ENOENT)}. */
    public static IoError errno(Errno errno, String what, long offset) {
        return at(errno, what, offset, errno.message() + " (" + errno.name() + ")");
    }

    /** The server answered {@code what} at {@code offset} with a non-OK {@code status}. */
    public static IoError status(NfsStatus status, String what, long offset) {
        return new IoError(status.errno().name(), status.name(), offset,
                line(what, offset, status.errno().message() + " (" + status.name() + ")"));
    }

    /**
     * Any failure of a layer below {@code what}, restated as {@code what}'s at {@code offset}. An
     * error already raised ({@link #raise}) is kept as it is; a server's NFS status becomes the
     * cause; a client-side failure (a timeout, a lost connection) keeps its own account of it.
     */
    public static IoError restated(Throwable failure, String what, long offset) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof Raised r) {
            return r.error();
        }
        if (cause instanceof NfsException e) {
            return e.status() != null ? status(e.status(), what, offset)
                    : new IoError(e.errno().name(), null, offset, line(what, offset, e.getMessage()));
        }
        return at(Errno.EIO, what, offset, String.valueOf(cause));
    }

    /** This error as an exception, to fail a future with; {@link #restated} gives it back unchanged. */
    public Raised raise() {
        return new Raised(this);
    }

    /** A finished {@link IoError} travelling as a failure. */
    public static final class Raised extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient IoError error;

        private Raised(IoError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        public IoError error() {
            return error;
        }
    }

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
