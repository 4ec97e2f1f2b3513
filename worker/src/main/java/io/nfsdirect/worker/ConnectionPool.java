package io.nfsdirect.worker;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsException;

/**
 * A fixed number of connection slots to one server port, used round-robin like Linux
 * {@code nconnect}. A slot whose connection closed or failed to connect is reconnected by the
 * next call that lands on it, which includes the calls the engine sends again after the old
 * connection died with them in flight.
 * The pool lives as long as its client.
 */
final class ConnectionPool {

    private final RpcEngine engine;
    private final InetSocketAddress address;
    private final Duration connectTimeout;
    private final AtomicReferenceArray<CompletableFuture<RpcConnection>> slots;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean closed;
    /** Set by the first connect that succeeded: from then on a refused connect is a server restarting. */
    private volatile boolean connectedOnce;

    ConnectionPool(RpcEngine engine, InetSocketAddress address, int size, Duration connectTimeout) {
        this.engine = engine;
        this.address = address;
        this.connectTimeout = connectTimeout;
        this.slots = new AtomicReferenceArray<>(size);
    }

    InetSocketAddress address() {
        return address;
    }

    String server() {
        return RpcConnection.hostPort(address);
    }

    /** The connection of the next slot, connecting it first if needed. */
    CompletableFuture<RpcConnection> next() {
        return slot(Math.floorMod(next.getAndIncrement(), slots.length()));
    }

    /** Opens every slot; completes when all are connected or one failed. */
    CompletableFuture<Void> connectAll() {
        List<CompletableFuture<RpcConnection>> all = new ArrayList<>();
        for (int i = 0; i < slots.length(); i++) {
            all.add(slot(i));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<RpcConnection> slot(int i) {
        while (true) {
            CompletableFuture<RpcConnection> current = slots.get(i);
            if (current != null && usable(current)) {
                return current;
            }
            if (closed) {
                return CompletableFuture.failedFuture(
                        NfsException.errno(Errno.ECANCELED, "connect to " + server() + ": client closed"));
            }
            // Install a placeholder first so concurrent callers share one connect attempt.
            CompletableFuture<RpcConnection> placeholder = new CompletableFuture<>();
            if (slots.compareAndSet(i, current, placeholder)) {
                engine.connect(address, connectTimeout).whenComplete((connection, failure) -> {
                    if (failure != null) {
                        placeholder.completeExceptionally(failure);
                        return;
                    }
                    connectedOnce = true;
                    if (!placeholder.complete(connection) || closed) {
                        connection.abort(Errno.ECANCELED, "client closed");
                    }
                });
                return placeholder;
            }
        }
    }

    /** Whether any connect of this pool ever succeeded. */
    boolean connectedOnce() {
        return connectedOnce;
    }

    private static boolean usable(CompletableFuture<RpcConnection> f) {
        if (!f.isDone()) {
            return true;
        }
        return !f.isCompletedExceptionally() && f.join().isOpen();
    }

    /** Fails every call pending on the pool's connections and closes them; no new connects. */
    void close(Errno errno, String reason) {
        closed = true;
        for (int i = 0; i < slots.length(); i++) {
            CompletableFuture<RpcConnection> f = slots.get(i);
            if (f == null) {
                continue;
            }
            if (f.isDone() && !f.isCompletedExceptionally()) {
                f.join().abort(errno, reason);
            } else {
                f.completeExceptionally(NfsException.errno(errno, "connect to " + server() + ": " + reason));
            }
        }
    }
}
