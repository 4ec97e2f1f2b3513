package io.nfsdirect.worker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsException;
import org.dcache.oncrpc4j.grizzly.GrizzlyRpcTransport;
import org.dcache.oncrpc4j.rpc.ReplyQueue;
import org.dcache.oncrpc4j.rpc.RpcAuth;
import org.dcache.oncrpc4j.rpc.RpcTransport;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.CloseType;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.attributes.AttributeBuilder;

/**
 * One TCP connection to one server port, from connect until it closes; never reopened (the
 * {@link ConnectionPool} replaces it). It owns the XID counter and the table of calls waiting on
 * it, so replies are matched only against calls sent on the same socket.
 *
 * <p>Every call carries its own RPC header encoded here, instead of going through oncrpc4j's
 * {@code RpcCall}: an RpcCall is bound to one program and version and draws XIDs from its own
 * counter, so NFS and MOUNT on one connection would need two RpcCalls whose XIDs can collide in
 * the shared reply table, and {@code RpcCall.call} picks a new XID for every send, which defeats
 * the server's duplicate request cache on retransmission.
 *
 * <p>oncrpc4j fails pending calls only when the peer closes the socket, and then only those it
 * tracks itself. Here a close of either kind, seen by a Grizzly close listener, fails every call
 * still in this connection's table at once with ECONNRESET; {@link #abort} does the same with a
 * chosen errno (ECANCELED on client close, EPROTO on an oversized record).
 */
final class RpcConnection {

    private static final Attribute<RpcConnection> SELF =
            AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(RpcConnection.class.getName());

    private static final int RPC_VERSION = 2;
    private static final int MSG_CALL = 0;

    private final RpcEngine engine;
    private final Connection<?> connection;
    private final RpcTransport transport;
    private final InetSocketAddress remote;
    private final String server;
    private final PendingCalls pending = new PendingCalls();
    // A random start, as oncrpc4j and Linux do, so that a new connection does not repeat XIDs
    // the server's duplicate request cache may still hold from an earlier one.
    private final AtomicInteger xids = new AtomicInteger(ThreadLocalRandom.current().nextInt());
    final RecordScanner scanner;
    private final long maxSendQueueBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile Errno closedErrno;
    private volatile String closedReason;

    private RpcConnection(RpcEngine engine, Connection<?> connection, InetSocketAddress remote,
                          int maxRecordSize, ReplyQueue unusedReplyQueue) {
        this.engine = engine;
        this.maxSendQueueBytes = engine.config().maxSendQueueBytes();
        this.connection = connection;
        this.remote = remote;
        this.server = hostPort(remote);
        this.scanner = new RecordScanner(maxRecordSize);
        // GrizzlyRpcTransport wants a ReplyQueue; replies are matched by this connection's
        // PendingCalls instead, so nothing is ever registered in it.
        @SuppressWarnings("unchecked")
        Connection<InetSocketAddress> tcp = (Connection<InetSocketAddress>) connection;
        this.transport = new GrizzlyRpcTransport(tcp, unusedReplyQueue);
    }

    /** Wraps a freshly connected socket; must run before the first call is sent on it. */
    static RpcConnection attach(RpcEngine engine, Connection<?> connection, InetSocketAddress remote,
                                int maxRecordSize, ReplyQueue unusedReplyQueue) {
        RpcConnection self = new RpcConnection(engine, connection, remote, maxRecordSize, unusedReplyQueue);
        SELF.set(connection, self);
        connection.addCloseListener(new CloseListener<Closeable, CloseType>() {
            @Override
            public void onClosed(Closeable closeable, CloseType type) {
                self.abort(Errno.ECONNRESET, type == CloseType.REMOTELY
                        ? "connection closed by the server with the call in flight"
                        : "connection closed with the call in flight");
            }
        });
        return self;
    }

    /** The RpcConnection of a Grizzly connection, or null for one this client did not attach. */
    static RpcConnection of(Connection<?> connection) {
        return SELF.get(connection);
    }

    static String hostPort(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    String server() {
        return server;
    }

    RpcTransport transport() {
        return transport;
    }

    PendingCalls pending() {
        return pending;
    }

    boolean isOpen() {
        return closedErrno == null && connection.isOpen();
    }

    /** What {@link #register} did with a call. */
    enum Registration {
        /** In the table, ready to be sent. */
        REGISTERED,
        /** The connection is closed; the call was never sent and still belongs to the caller. */
        CLOSED,
        /** The connection closed concurrently and {@link #abort} has already failed the call. */
        ABORTED
    }

    /** Gives the call an XID and puts it in the table, unless the connection is closed. */
    Registration register(PendingCall<?> call) {
        int xid;
        do {
            xid = xids.incrementAndGet();
            call.bind(this, xid);
        } while (!pending.add(xid, call));
        // abort() sets closedErrno before draining the table, so a call added concurrently is
        // either drained (and failed) there or seen here and taken back unsent.
        if (closedErrno != null) {
            return pending.claim(call) ? Registration.CLOSED : Registration.ABORTED;
        }
        return Registration.REGISTERED;
    }

    /** Why the connection closed, for a call that could not be sent on it. */
    NfsException closedFailure(PendingCall<?> call) {
        return NfsException.errno(closedErrno, call.describe() + ": " + closedReason);
    }

    /**
     * Encodes the call under its XID and queues it on the socket; a failure after queueing
     * arrives at {@link RpcEngine#sendFailed}.
     *
     * <p>Grizzly's async write queue has no limit of its own (its max-queue-size setting only
     * drives canWrite notifications), so a server that stops reading would let queued WRITE
     * data pile up without end. The bytes handed to the transport and not yet written are
     * counted here, and a call that would take them past {@code maxSendQueueBytes} fails with
     * {@link SendQueueFullException} instead (one call is always let through).
     */
    void send(PendingCall<?> call, RpcAuth auth) throws IOException {
        Xdr xdr = new Xdr(Xdr.INITIAL_XDR_SIZE);
        xdr.beginEncoding();
        xdr.xdrEncodeInt(call.xid());
        xdr.xdrEncodeInt(MSG_CALL);
        xdr.xdrEncodeInt(RPC_VERSION);
        xdr.xdrEncodeInt(call.program.number());
        xdr.xdrEncodeInt(call.program.version());
        xdr.xdrEncodeInt(call.procedure);
        auth.xdrEncode(xdr);
        call.args.xdrEncode(xdr);
        xdr.endEncoding();
        long size = Integer.BYTES + (long) xdr.asBuffer().remaining();
        long queued = queuedBytes.addAndGet(size);
        if (queued > maxSendQueueBytes && queued != size) {
            queuedBytes.addAndGet(-size);
            throw new SendQueueFullException(queued - size, maxSendQueueBytes);
        }
        call.sending(true);
        transport.send(xdr, remote, new java.nio.channels.CompletionHandler<Integer, Object>() {
            @Override
            public void completed(Integer written, Object attachment) {
                queuedBytes.addAndGet(-size);
                call.sending(false);
            }

            @Override
            public void failed(Throwable t, Object attachment) {
                queuedBytes.addAndGet(-size);
                call.sending(false);
                engine.sendFailed(call, t);
            }
        });
    }

    /** A send refused because the connection's send queue is full. */
    static final class SendQueueFullException extends IOException {
        private static final long serialVersionUID = 1L;

        SendQueueFullException(long queued, long max) {
            super("send queue full: " + queued + " bytes waiting, limit " + max + " (maxSendQueueBytes)");
        }
    }

    /** Fails every pending call with the errno and closes the socket. Idempotent. */
    void abort(Errno errno, String reason) {
        if (closedErrno == null) {
            closedReason = reason;
            closedErrno = errno;
        }
        for (PendingCall<?> call : pending.claimAll()) {
            call.cancelTimer();
            engine.finish(call, NfsException.errno(closedErrno, call.describe() + ": " + closedReason));
        }
        if (connection.isOpen()) {
            connection.closeSilently();
        }
    }

    @Override
    public String toString() {
        return "RpcConnection[" + server + ", " + pending.size() + " pending"
                + (closedErrno == null ? "" : ", closed: " + closedReason) + "]";
    }
}
