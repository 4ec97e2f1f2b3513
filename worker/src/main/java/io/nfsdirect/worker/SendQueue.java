package io.nfsdirect.worker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outgoing side of one connection: encoded calls wait here and one writer thread puts them on
 * the socket in order, each with a single gathering write (record marker, RPC header and
 * arguments, and a WRITE's payload straight from the caller's buffer).
 *
 * <p>Why a thread of its own: a server that stops reading fills the socket's send buffer, and a
 * blocking write would then hold whoever called, an actor's dispatcher thread included. Callers
 * only enqueue. The bytes queued and not yet written are counted, and a call that would take
 * them past {@code maxBytes} is refused with {@link SendQueueFullException} instead (one call is
 * always let through), so a stuck server cannot make WRITE data pile up without end.
 *
 * <p>Lifetime: from the connect until {@link #close}; the writer then fails whatever is still
 * queued through {@link RpcEngine#sendFailed}, which is a no-op for calls already failed.
 */
final class SendQueue {

    /** One transmission of one call. */
    private record Outgoing(PendingCall<?> call, ByteBuffer[] buffers, long size) {
    }

    private static final Outgoing STOP = new Outgoing(null, new ByteBuffer[0], 0);

    private final RpcEngine engine;
    private final SocketChannel channel;
    private final long maxBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final LinkedBlockingQueue<Outgoing> queue = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    SendQueue(RpcEngine engine, SocketChannel channel, long maxBytes) {
        this.engine = engine;
        this.channel = channel;
        this.maxBytes = maxBytes;
    }

    /** Queues one transmission; the buffers must stay untouched until it is written or failed. */
    void enqueue(PendingCall<?> call, ByteBuffer[] buffers) throws SendQueueFullException {
        long size = 0;
        for (ByteBuffer b : buffers) {
            size += b.remaining();
        }
        long queued = queuedBytes.addAndGet(size);
        if (queued > maxBytes && queued != size) {
            queuedBytes.addAndGet(-size);
            throw new SendQueueFullException(queued - size, maxBytes);
        }
        call.sending(true);
        queue.add(new Outgoing(call, buffers, size));
        if (closed) {
            drain(new IOException("connection closed"));
        }
    }

    /** The writer thread's loop; returns once the queue is closed or the socket fails. */
    void run() {
        try {
            while (true) {
                Outgoing next = queue.take();
                if (next == STOP) {
                    break;
                }
                try {
                    write(next.buffers());
                } catch (IOException | RuntimeException e) {
                    // The socket is broken for writing: close it, so that the reader sees it too
                    // and fails every call still waiting, and refuse what comes after.
                    closed = true;
                    closeChannel();
                    done(next, e);
                    drain(e);
                    return;
                }
                done(next, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain(new IOException("connection closed"));
    }

    private void write(ByteBuffer[] buffers) throws IOException {
        int first = 0;
        while (first < buffers.length) {
            channel.write(buffers, first, buffers.length - first);
            while (first < buffers.length && !buffers[first].hasRemaining()) {
                first++;
            }
        }
    }

    private void done(Outgoing sent, Throwable failure) {
        queuedBytes.addAndGet(-sent.size());
        sent.call().sending(false);
        if (failure != null) {
            engine.sendFailed(sent.call(), failure);
        }
    }

    private void drain(Throwable why) {
        Outgoing left;
        while ((left = queue.poll()) != null) {
            if (left != STOP) {
                done(left, why);
            }
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already failing; nothing more to release.
        }
    }

    /** Stops the writer after what it is writing now; the rest fails. Idempotent. */
    void close() {
        closed = true;
        queue.add(STOP);
    }

    /** A send refused because the connection's send queue is full. */
    static final class SendQueueFullException extends IOException {
        private static final long serialVersionUID = 1L;

        SendQueueFullException(long queued, long max) {
            super("send queue full: " + queued + " bytes waiting, limit " + max + " (maxSendQueueBytes)");
        }
    }
}
