package io.nfsdirect.protocol;

import java.io.IOException;
import java.util.Objects;

/**
 * A failed NFS operation, carrying what a user needs to act on it: the errno (as the kernel
 * client would report it), the NFS status if the server sent one, and where it happened.
 *
 * <p>The message reads {@code <context>[ at offset N]: <strerror> (<NFS3ERR_X or errno name>)},
 * e.g. {@code read nfs://h/e/f at offset 1048576: No such file or directory (NFS3ERR_NOENT)}.
 */
public final class NfsException extends IOException {

    private static final long serialVersionUID = 1L;

    private final Errno errno;
    private final NfsStatus status;
    private final long offset;
    private final String context;

    private NfsException(Errno errno, NfsStatus status, String context, long offset, Throwable cause) {
        super(format(errno, status, context, offset), cause);
        this.errno = errno;
        this.status = status;
        this.context = context;
        this.offset = offset;
    }

    /** A non-OK status returned by the server. */
    public static NfsException of(NfsStatus status, String context) {
        return of(status, context, -1);
    }

    /** A non-OK status returned by the server for an operation at a file offset. */
    public static NfsException of(NfsStatus status, String context, long offset) {
        Objects.requireNonNull(status, "status");
        if (status.isOk()) {
            throw new IllegalArgumentException("NFS3_OK is not an error: " + context);
        }
        return new NfsException(status.errno(), status, context, offset, null);
    }

    /** A failure that did not come from an NFS status, e.g. ETIMEDOUT or ECONNREFUSED. */
    public static NfsException errno(Errno errno, String context) {
        return errno(errno, context, null);
    }

    /** A failure that did not come from an NFS status, with its underlying cause. */
    public static NfsException errno(Errno errno, String context, Throwable cause) {
        return new NfsException(Objects.requireNonNull(errno, "errno"), null, context, -1, cause);
    }

    public Errno errno() {
        return errno;
    }

    /** The NFS status the server returned, or null if the failure was not an NFS status. */
    public NfsStatus status() {
        return status;
    }

    /** The file offset of the failed operation, or -1 if it had none. */
    public long offset() {
        return offset;
    }

    /** What was being done, e.g. {@code read nfs://h/e/f}; without the offset. */
    public String context() {
        return context;
    }

    private static String format(Errno errno, NfsStatus status, String context, long offset) {
        return io.nfsdirect.protocol.api.IoError.line(context, offset,
                errno.message() + " (" + (status != null ? status.name() : errno.name()) + ")");
    }
}
