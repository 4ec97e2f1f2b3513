package io.nfsdirect.worker;

import java.io.IOException;

import org.dcache.oncrpc4j.xdr.Xdr;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last filter of the client chain, in place of oncrpc4j's RpcProtocolFilter: matches a complete
 * reply record to the call waiting on the same connection and has it decoded.
 *
 * <p>It runs on the selector thread (same-thread I/O strategy), so the only work done here is
 * decoding, which for READ includes the single copy from the receive buffer into the caller's
 * destination; completing the caller's stage is handed to the callback executor by the engine.
 * Nothing thrown here may escape: Grizzly would close the connection and lose the other calls.
 */
final class ReplyDispatchFilter extends BaseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyDispatchFilter.class);
    private static final int MSG_REPLY = 1;

    private final RpcEngine engine;

    ReplyDispatchFilter(RpcEngine engine) {
        this.engine = engine;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        RpcConnection connection = RpcConnection.of(ctx.getConnection());
        Xdr xdr = ctx.getMessage();
        if (connection == null || xdr == null) {
            return ctx.getStopAction();
        }
        int xid;
        int type;
        try {
            xdr.beginDecoding();
            xid = xdr.xdrDecodeInt();
            type = xdr.xdrDecodeInt();
        } catch (IOException | RuntimeException e) {
            // Without an XID the record belongs to nobody; the waiting call will time out.
            LOG.warn("{}: dropped an RPC record too short for an XID: {}", connection.server(), e.toString());
            return ctx.getStopAction();
        }
        if (type != MSG_REPLY) {
            LOG.debug("{}: ignored an RPC message of type {} (xid {})", connection.server(), type, xid);
            return ctx.getStopAction();
        }
        PendingCall<?> call = connection.pending().claim(xid);
        if (call == null) {
            // A reply to a call that already timed out, was answered (retransmission), or failed.
            LOG.debug("{}: dropped a reply nobody waits for (xid {})", connection.server(), xid);
            return ctx.getStopAction();
        }
        engine.onReply(connection, call, xdr);
        return ctx.getStopAction();
    }
}
