package io.nfsdirect.worker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsException;
import org.dcache.oncrpc4j.rpc.RpcAuth;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.glassfish.grizzly.Buffer;

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
 * <p>Threads: a blocking socket with two threads of its own, a {@link ReplyReader} that matches
 * and decodes replies and a {@link SendQueue} writer, so neither side ever blocks a caller. The
 * reader's thread also waits for the connect, bounded by the connect timeout.
 *
 * <p>A close of either kind (the server's, seen by the reader as end of stream, or a local
 * {@link #abort}) takes every call still in this connection's table at once: when the socket went
 * away (ECONNRESET) the engine sends them again on a new connection where that is safe
 * ({@link RpcEngine#connectionLost}); with any other errno they fail with it (ECANCELED on client
 * close, EPROTO on an oversized record).
 */
final class RpcConnection {

    private static final int RPC_VERSION = 2;
    private static final int MSG_CALL = 0;
    private static final int LAST_FRAGMENT = 0x80000000;

    private final RpcEngine engine;
    private final SocketChannel channel;
    private final InetSocketAddress remote;
    private final String server;
    private final PendingCalls pending = new PendingCalls();
    // A random start, as oncrpc4j and Linux do, so that a new connection does not repeat XIDs
    // the server's duplicate request cache may still hold from an earlier one.
    private final AtomicInteger xids = new AtomicInteger(ThreadLocalRandom.current().nextInt());
    private final SendQueue sendQueue;
    private volatile Errno closedErrno;
    private volatile String closedReason;

    private RpcConnection(RpcEngine engine, SocketChannel channel, InetSocketAddress remote) {
        this.engine = engine;
        this.channel = channel;
        this.remote = remote;
        this.server = hostPort(remote);
        this.sendQueue = new SendQueue(engine, channel, engine.config().maxSendQueueBytes());
    }

    /**
     * Connects and starts the connection's threads; fails with ECONNREFUSED, ETIMEDOUT (after
     * {@code timeout}) or EIO. The connect is started here, on the caller's thread, so that
     * connections open in the order they were asked for; the reader thread waits for it to
     * finish and then serves the connection until it closes.
     */
    static CompletableFuture<RpcConnection> open(RpcEngine engine, InetSocketAddress remote, Duration timeout,
                                                 String threadName) {
        CompletableFuture<RpcConnection> result = new CompletableFuture<>();
        SocketChannel channel;
        try {
            channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            if (engine.config().reservedPort()) {
                ReservedPorts.bind(channel);
            }
            channel.configureBlocking(false);
            channel.connect(remote);
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(RpcFailures.connectFailed(hostPort(remote), e));
            return result;
        }
        Thread reader = new Thread(() -> {
            RpcConnection self;
            try {
                finishConnect(channel, remote, timeout);
                self = new RpcConnection(engine, channel, remote);
            } catch (IOException | RuntimeException e) {
                closeQuietly(channel);
                result.completeExceptionally(e instanceof NfsException n ? n
                        : RpcFailures.connectFailed(hostPort(remote), e));
                return;
            }
            Thread writer = new Thread(self.sendQueue::run, threadName + "-writer");
            writer.setDaemon(true);
            writer.start();
            if (!result.complete(self)) {
                self.abort(Errno.ECANCELED, "connect abandoned");
            }
            new ReplyReader(engine, self, self.channel, engine.config().maxRecordSize()).run();
        }, threadName + "-reader");
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    /** Waits for a connect started in non-blocking mode, then makes the channel blocking. */
    private static void finishConnect(SocketChannel channel, InetSocketAddress remote, Duration timeout)
            throws IOException {
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_CONNECT);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!channel.finishConnect()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw NfsException.errno(Errno.ETIMEDOUT, "connect to " + hostPort(remote)
                            + " timed out after " + timeout.toMillis() + " ms");
                }
                selector.select(left);
            }
        }
        channel.configureBlocking(true);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The connect failed; there is nothing left to release.
        }
    }

    static String hostPort(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    String server() {
        return server;
    }

    PendingCalls pending() {
        return pending;
    }

    boolean isOpen() {
        return closedErrno == null && channel.isOpen();
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
     * arrives at {@link RpcEngine#sendFailed}. A WRITE's payload is not copied: the encoded
     * message refers to the caller's buffer, which the send queue writes from directly.
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
        Buffer message = xdr.asBuffer();
        org.glassfish.grizzly.memory.ByteBufferArray array = message.toByteBufferArray();
        ByteBuffer[] parts = array.getArray();
        int count = array.size();
        ByteBuffer[] buffers = new ByteBuffer[count + 1];
        buffers[0] = ByteBuffer.allocate(Integer.BYTES).putInt(0, LAST_FRAGMENT | message.remaining());
        System.arraycopy(parts, 0, buffers, 1, count);
        sendQueue.enqueue(call, buffers);
    }

    /** Fails every pending call with the errno and closes the socket. Idempotent. */
    void abort(Errno errno, String reason) {
        if (closedErrno == null) {
            closedReason = reason;
            closedErrno = errno;
        }
        for (PendingCall<?> call : pending.claimAll()) {
            NfsException failure = NfsException.errno(closedErrno, call.describe() + ": " + closedReason);
            if (closedErrno == Errno.ECONNRESET) {
                engine.connectionLost(call, failure);
            } else {
                call.cancelTimer();
                engine.finish(call, failure);
            }
        }
        sendQueue.close();
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do; every call has been failed already.
        }
    }

    @Override
    public String toString() {
        return "RpcConnection[" + server + ", " + pending.size() + " pending"
                + (closedErrno == null ? "" : ", closed: " + closedReason) + "]";
    }
}
