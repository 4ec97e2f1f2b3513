package io.nfsdirect.cli;

import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.api.IoCounters;
import io.nfsdirect.protocol.api.IoError;
import java.util.HexFormat;

/**
 * What {@code --json} writes for a command of one request (read, write, cp or sum of a file):
 * what it moved and what that cost, or why it failed. {@code source} and {@code target} are as
 * given on the command line ({@code target} null for sum); {@code sha256} only for sum of a file.
 * On a failure {@code ok} is false, the counts are left at 0 and {@code error} says why: the
 * error line the command printed, and where the request reported it, the errno's name, the NFS
 * status and the offset.
 */
record RequestReport(String op, String source, String target, boolean ok, int exitStatus, long bytes, int chunks,
                     double seconds, double megabytesPerSecond, IoCounters counters, String sha256, Failure error) {

    /** A failed command's cause; the fields but the message are null where the failure was not a request's. */
    record Failure(String message, String errno, String nfsStatus, Long offset) {
    }

    static RequestReport of(Transfers.Outcome o, String source, String target, byte[] sha256) {
        return new RequestReport(o.op(), source, target, true, Errors.OK, o.bytes(), o.chunks(), o.elapsedNanos() / 1e9,
                o.megabytesPerSecond(), o.counters(), sha256 == null ? null : HexFormat.of().formatHex(sha256), null);
    }

    static RequestReport failed(String op, String source, String target, Throwable failure) {
        String message = Errors.message(failure);
        Throwable t = Errors.unwrap(failure);
        IoError io = t instanceof CliException e ? e.ioError()
                : t instanceof NfsException e ? IoError.of(e, e.offset()) : null;
        Failure why = io == null ? new Failure(message, null, null, null)
                : new Failure(message, io.errno(), io.nfsStatus(), io.offset() < 0 ? null : io.offset());
        return new RequestReport(op, source, target, false, Errors.exitCode(failure), 0, 0, 0, 0, IoCounters.NONE,
                null, why);
    }
}
