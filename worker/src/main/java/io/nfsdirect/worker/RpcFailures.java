package io.nfsdirect.worker;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.xdr.XdrException;
import org.dcache.oncrpc4j.rpc.MismatchInfo;
import org.dcache.oncrpc4j.rpc.RpcAccepsStatus;
import org.dcache.oncrpc4j.rpc.RpcAuthStat;
import org.dcache.oncrpc4j.rpc.RpcRejectStatus;
import org.dcache.oncrpc4j.rpc.RpcReply;

/**
 * Turns RPC-level failures into {@link NfsException}s that name the server and the procedure.
 * oncrpc4j's {@code RpcReply.getReplyResult} decodes a body without looking at the reply status,
 * so every reply is checked here first.
 */
final class RpcFailures {

    private RpcFailures() {
    }

    /** Null if the reply was accepted with SUCCESS, else the failure to report. */
    static NfsException checkReply(PendingCall<?> call, RpcReply reply) {
        String subject = call.describe();
        if (reply.isAccepted()) {
            int status = reply.getAcceptStatus();
            return switch (status) {
                case RpcAccepsStatus.SUCCESS -> null;
                case RpcAccepsStatus.PROG_UNAVAIL -> NfsException.errno(Errno.EPROTO, subject
                        + ": program " + call.program.number() + " (" + call.program.name()
                        + ") not available (PROG_UNAVAIL)");
                case RpcAccepsStatus.PROG_MISMATCH -> NfsException.errno(Errno.EPROTO, subject
                        + ": " + call.program.name() + " version " + call.program.version()
                        + " not supported" + range(reply.getMismatchInfo()) + " (PROG_MISMATCH)");
                case RpcAccepsStatus.PROC_UNAVAIL -> NfsException.errno(Errno.EPROTO, subject
                        + ": procedure not available (PROC_UNAVAIL)");
                case RpcAccepsStatus.GARBAGE_ARGS -> NfsException.errno(Errno.EIO, subject
                        + ": server could not decode the arguments (GARBAGE_ARGS)");
                case RpcAccepsStatus.SYSTEM -> NfsException.errno(Errno.EIO, subject
                        + ": server system error (SYSTEM_ERR)");
                default -> NfsException.errno(Errno.EPROTO, subject
                        + ": malformed reply: XDR field accept_stat: unknown value " + status);
            };
        }
        int reject = reply.getRejectStatus();
        if (reject == RpcRejectStatus.AUTH_ERROR) {
            // Like the Linux client: a credential the server refuses is a permission problem.
            return NfsException.errno(Errno.EACCES, subject + ": RPC call denied, "
                    + RpcAuthStat.toString(reply.getAuthStatus()) + " (AUTH_ERROR)");
        }
        if (reject == RpcRejectStatus.RPC_MISMATCH && reply.getMismatchInfo() != null) {
            return NfsException.errno(Errno.EPROTO, subject + ": RPC version 2 not supported"
                    + range(reply.getMismatchInfo()) + " (RPC_MISMATCH)");
        }
        // RpcReply leaves both statuses at 0 for a reply_stat that is neither accepted nor denied.
        return NfsException.errno(Errno.EPROTO, subject
                + ": malformed reply: XDR field reply_stat/reject_stat: not a valid value");
    }

    /** A reply whose body (or header) did not decode; the message carries the XDR field. */
    static NfsException malformed(PendingCall<?> call, Throwable t) {
        String what = t instanceof XdrException x ? x.getMessage()
                : t.getMessage() != null ? t.getMessage() : t.toString();
        return NfsException.errno(Errno.EPROTO, call.describe() + ": malformed reply: " + what, t);
    }

    /** A send that did not reach the socket. */
    static NfsException sendFailed(PendingCall<?> call, Throwable t) {
        if (t instanceof SendQueue.SendQueueFullException) {
            return NfsException.errno(Errno.EAGAIN, call.describe() + ": " + t.getMessage(), t);
        }
        if (t instanceof EOFException || t instanceof ClosedChannelException) {
            return NfsException.errno(Errno.ECONNRESET, call.describe() + ": connection closed while sending", t);
        }
        if (t instanceof IOException) {
            // A socket write fails only when the connection broke (EPIPE, a reset): the call may
            // go out again on a new one.
            return NfsException.errno(Errno.ECONNRESET, call.describe() + ": connection lost while sending ("
                    + t.getMessage() + ")", t);
        }
        return NfsException.errno(Errno.EIO, call.describe() + ": send failed: " + t, t);
    }

    /** A TCP connect that failed. */
    static NfsException connectFailed(String server, Throwable t) {
        if (t instanceof NfsException n) {
            return n;
        }
        if (t instanceof ConnectException) {
            return NfsException.errno(Errno.ECONNREFUSED, "connect to " + server, t);
        }
        if (t instanceof java.net.SocketException && t.getMessage() != null && t.getMessage().contains("reset")) {
            // Accepted, then reset: a server still starting up (Ganesha's listener is up before it serves).
            return NfsException.errno(Errno.ECONNRESET, "connect to " + server + " failed: " + t.getMessage(), t);
        }
        String detail = t.getMessage() != null ? t.getMessage() : t.toString();
        return NfsException.errno(Errno.EIO, "connect to " + server + " failed: " + detail, t);
    }

    /** Keeps NfsExceptions, wraps anything else as EIO naming what was being done. */
    static NfsException wrap(String context, Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof NfsException n) {
            return n;
        }
        if (cause instanceof IOException) {
            return NfsException.errno(Errno.EIO, context + ": " + cause.getMessage(), cause);
        }
        return NfsException.errno(Errno.EIO, context + ": " + cause, cause);
    }

    /** For throwing an NfsException out of a stage's function. */
    static java.util.concurrent.CompletionException completion(NfsException e) {
        return new java.util.concurrent.CompletionException(e);
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String range(MismatchInfo info) {
        // MismatchInfo has no accessors; its toString reads "mismatch info: [low, high]".
        return info == null ? "" : " (server " + info + ")";
    }
}
