package io.nfsdirect.cli;

import io.nfsdirect.protocol.api.IoError;

/**
 * A failure the command has already put into words: the one line to print (without the
 * {@code nfsdirect: } prefix) and the exit status.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    /** The request's own error, where the failure is one; null otherwise. */
    private final transient IoError ioError;

    public CliException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public CliException(int exitCode, String message, Throwable cause) {
        this(exitCode, message, cause, null);
    }

    private CliException(int exitCode, String message, Throwable cause, IoError ioError) {
        super(message, cause);
        this.exitCode = exitCode;
        this.ioError = ioError;
    }

    /** An I/O failure (exit 1). */
    public static CliException io(String message, Throwable cause) {
        return new CliException(Errors.IO_ERROR, message, cause);
    }

    /** The first error of a request, as its completion reported it (exit 1). */
    public static CliException of(IoError error) {
        return new CliException(Errors.IO_ERROR, error.message(), null, error);
    }

    /** Bad usage that picocli could not see, e.g. a URL that does not parse (exit 2). */
    public static CliException usage(String message) {
        return new CliException(Errors.USAGE, message);
    }

    /** The same failure with {@code detail} appended to its line, e.g. what became of the output file. */
    public CliException withDetail(String detail) {
        return detail.isEmpty() ? this : new CliException(exitCode, getMessage() + detail, getCause(), ioError);
    }

    public int exitCode() {
        return exitCode;
    }

    /** The request's error (errno, NFS status, offset) this failure reports, or null. */
    public IoError ioError() {
        return ioError;
    }
}
