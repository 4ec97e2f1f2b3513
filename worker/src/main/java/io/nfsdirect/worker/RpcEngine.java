package io.nfsdirect.worker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.xdr.XdrException;
import org.dcache.oncrpc4j.rpc.RpcAuth;
import org.dcache.oncrpc4j.rpc.RpcReply;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;

/**
 * The machinery one {@link Nfs3Client} runs on, from open to close: its connections, the
 * retransmit timer, the callback executor, credentials and counters.
 *
 * <p>The transport is a blocking socket per connection with a reader and a writer thread
 * ({@link RpcConnection}), not oncrpc4j's Grizzly transport: Grizzly receives into pooled heap
 * buffers smaller than a 1 MiB record, so every large reply was reassembled and reallocated
 * before it could be copied out (over half of the client's CPU in the profile), and it cannot
 * put a reply's payload where the caller wants it. Here a READ's payload goes from the socket
 * straight into its destination. The XDR and RPC types stay oncrpc4j's own: {@code Xdr},
 * {@link RpcReply} for reply headers, {@code RpcAuthTypeUnix}.
 *
 * <p>Threads: each connection's reader decodes replies; the single timer thread retransmits and
 * times out; the callback executor completes every stage, so callers' continuations never run
 * on a connection's threads.
 */
final class RpcEngine {

    /** The first pause before a call lost with its connection goes out again; it doubles each time. */
    static final long RECONNECT_FIRST = TimeUnit.MILLISECONDS.toNanos(50);
    static final long RECONNECT_MOST = TimeUnit.SECONDS.toNanos(2);

    private final Nfs3ClientConfig config;
    private final RpcAuth auth;
    private final StatsRecorder stats = new StatsRecorder();
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService ownedExecutor;
    private final Executor callbackExecutor;
    private final String threadPrefix;
    private final AtomicInteger connectionNumbers = new AtomicInteger();
    private final List<ConnectionPool> pools = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    RpcEngine(Nfs3ClientConfig config, RpcAuth auth) throws IOException {
        this.config = config;
        this.auth = auth;
        String name = "nfs3-" + config.host();
        this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads(name + "-timer"));
        // Cancelled timers are the common case (most calls are answered); drop them at once.
        timer.setRemoveOnCancelPolicy(true);
        if (config.callbackExecutor() != null) {
            this.ownedExecutor = null;
            this.callbackExecutor = config.callbackExecutor();
        } else {
            this.ownedExecutor = Executors.newFixedThreadPool(2, daemonThreads(name + "-callback"));
            this.callbackExecutor = ownedExecutor;
        }
        this.threadPrefix = name;
    }

    Nfs3ClientConfig config() {
        return config;
    }

    StatsRecorder stats() {
        return stats;
    }

    Executor callbackExecutor() {
        return this::execute;
    }

    /** A pool of connections to one server port, closed with the engine. */
    ConnectionPool pool(InetSocketAddress address, int connections, Duration connectTimeout) {
        ConnectionPool pool = new ConnectionPool(this, address, connections, connectTimeout);
        pools.add(pool);
        if (closed) {
            pool.close(Errno.ECANCELED, "client closed");
        }
        return pool;
    }

    /** Closes a pool before the engine closes, failing its pending calls with ECANCELED. */
    void release(ConnectionPool pool, String reason) {
        pools.remove(pool);
        pool.close(Errno.ECANCELED, reason);
    }

    /** Connects one socket; fails with ECONNREFUSED, ETIMEDOUT or EIO. */
    CompletableFuture<RpcConnection> connect(InetSocketAddress address, Duration timeout) {
        if (closed) {
            return CompletableFuture.failedFuture(NfsException.errno(Errno.ECANCELED,
                    "connect to " + RpcConnection.hostPort(address) + ": client closed"));
        }
        return RpcConnection.open(this, address, timeout,
                threadPrefix + "-conn-" + connectionNumbers.incrementAndGet());
    }

    /**
     * Sends one call on the pool's next connection. The returned stage completes on the callback
     * executor with the decoded result (whatever its NFS status), or with an NfsException.
     */
    <R extends XdrAble> CompletionStage<R> call(ConnectionPool pool, RpcProgram program, int procedure,
                                                XdrAble args, R result, RetransmitPolicy policy,
                                                Nfs3CallListener observer) {
        PendingCall<R> call = new PendingCall<>(program, procedure, args, result, observer);
        stats.issued(call.procedureName());
        if (closed) {
            finish(call, NfsException.errno(Errno.ECANCELED, call.procedureName() + " to " + pool.server() + ": client closed"));
        } else {
            dispatch(call, pool, policy, true);
        }
        // Callers get a stage they cannot complete or cancel: a READ destination stays the
        // call's until the reply, a timeout or close has taken the call out of its table.
        return call.future.minimalCompletionStage();
    }

    private void dispatch(PendingCall<?> call, ConnectionPool pool, RetransmitPolicy policy, boolean mayRetry) {
        call.route(pool, policy);
        CompletableFuture<RpcConnection> connection = pool.next();
        if (connection.isDone()) {
            start(call, pool, connection, policy, mayRetry);
        } else {
            // Connect completions arrive on the connection's reader thread; encode and send elsewhere.
            connection.whenCompleteAsync((c, t) -> start(call, pool, connection, policy, mayRetry), this::execute);
        }
    }

    private void start(PendingCall<?> call, ConnectionPool pool, CompletableFuture<RpcConnection> connection,
                       RetransmitPolicy policy, boolean mayRetry) {
        RpcConnection rpc;
        try {
            rpc = connection.join();
        } catch (RuntimeException e) {
            NfsException failure = RpcFailures.wrap(call.procedureName(), e);
            if (pool.connectedOnce() && (failure.errno() == Errno.ECONNREFUSED || failure.errno() == Errno.ECONNRESET)) {
                // The server was there before: it is restarting, so keep trying within the budget.
                connectionLost(call, failure);
            } else {
                finish(call, failure);
            }
            return;
        }
        if (closed) {
            finish(call, NfsException.errno(Errno.ECANCELED, call.procedureName() + " to " + rpc.server() + ": client closed"));
        } else {
            switch (rpc.register(call)) {
                case REGISTERED -> transmit(call, policy);
                // The connection closed between being picked and being used (an idle timeout,
                // a server restart). The call was never sent, so one more try on a fresh
                // connection is safe even for a non-idempotent procedure.
                case CLOSED -> {
                    if (mayRetry) {
                        dispatch(call, pool, policy, false);
                    } else if (call.resendable()) {
                        connectionLost(call, rpc.closedFailure(call));
                    } else {
                        finish(call, rpc.closedFailure(call));
                    }
                }
                case ABORTED -> { }
            }
        }
    }

    /** Sends (or resends, same XID) and arms the timer; runs on the caller's or the timer thread. */
    private void transmit(PendingCall<?> call, RetransmitPolicy policy) {
        RpcConnection rpc = call.connection();
        if (call.countTransmission() > 1) {
            if (call.sending()) {
                // The last copy has not even left our send queue: sending another would only
                // add to the queue. The try still counts, so the deadline stays timeo * tries.
                call.timer(schedule(() -> onTimer(call, policy), policy.timeoNanos()));
                return;
            }
            stats.retransmitted(call.procedureName());
        }
        try {
            rpc.send(call, auth);
        } catch (XdrException e) {
            if (rpc.pending().claim(call)) {
                finish(call, NfsException.errno(Errno.EINVAL, call.describe() + ": cannot encode the arguments: " + e.getMessage(), e));
            }
            return;
        } catch (IOException | RuntimeException e) {
            if (rpc.pending().claim(call)) {
                finish(call, RpcFailures.sendFailed(call, e));
            }
            return;
        }
        call.timer(schedule(() -> onTimer(call, policy), policy.timeoNanos()));
    }

    private void onTimer(PendingCall<?> call, RetransmitPolicy policy) {
        PendingCalls pending = call.connection().pending();
        if (!pending.isPending(call)) {
            return;
        }
        if (policy.mayRetransmit(call.transmissions())) {
            transmit(call, policy);
        } else if (pending.claim(call)) {
            stats.timedOut(call.procedureName());
            finish(call, NfsException.errno(Errno.ETIMEDOUT, policy.timeoutMessage(call)));
        }
    }

    /** Reader thread: the call is already claimed; decode it and hand it on. */
    void onReply(RpcConnection connection, PendingCall<?> call, Xdr xdr) {
        call.cancelTimer();
        NfsException failure;
        try {
            RpcReply reply = new RpcReply(call.xid(), xdr, null);
            failure = RpcFailures.checkReply(call, reply);
            if (failure == null) {
                reply.getReplyResult(call.result);
            }
        } catch (IOException | RuntimeException e) {
            failure = RpcFailures.malformed(call, e);
        }
        finish(call, failure);
    }

    /** A transmission that was queued but could not be written. Any thread. */
    void sendFailed(PendingCall<?> call, Throwable t) {
        if (call.connection().pending().claim(call)) {
            NfsException failure = RpcFailures.sendFailed(call, t);
            if (failure.errno() == Errno.ECONNRESET) {
                connectionLost(call, failure);
            } else {
                call.cancelTimer();
                finish(call, failure);
            }
        }
    }

    /**
     * The server closed or reset the connection a claimed call was sent on, or refused a new one
     * after it had accepted before. As the Linux client does, the call goes out again on a fresh
     * connection, after a pause that doubles from {@link #RECONNECT_FIRST} up to
     * {@link #RECONNECT_MOST}, until the call's retry budget ({@code timeo × (retrans + 1)} from its
     * issue) is spent: then it fails with ETIMEDOUT naming the server and the last loss. A call that
     * must not run twice (CREATE, REMOVE, ...) fails at once with the connection's error: a READ
     * or WRITE sent twice does what it did once, and a WRITE the restarted server lost is caught
     * by the COMMIT's verifier. Any thread.
     */
    void connectionLost(PendingCall<?> call, NfsException failure) {
        call.cancelTimer();
        ConnectionPool pool = call.pool();
        if (closed || pool == null || !call.resendable()) {
            finish(call, failure);
            return;
        }
        RetransmitPolicy policy = call.policy();
        long left = call.startNanos + policy.budgetNanos() - System.nanoTime();
        if (left <= 0) {
            stats.timedOut(call.procedureName());
            finish(call, NfsException.errno(Errno.ETIMEDOUT, call.procedureName() + " to " + pool.server()
                    + ": no reply within " + TimeUnit.NANOSECONDS.toMillis(policy.budgetNanos())
                    + " ms, the connection lost " + call.reconnects() + " times, last: " + failure.getMessage(),
                    failure));
            return;
        }
        int n = call.countReconnect();
        // Its last copy died in the old connection's send queue, if it was still there.
        call.sending(false);
        long pause = Math.min(left, Math.min(RECONNECT_MOST, RECONNECT_FIRST << Math.min(n - 1, 20)));
        if (schedule(() -> dispatch(call, pool, policy, false), pause) == null) {
            finish(call, failure);   // closing
        }
    }

    /** Completes a call its caller owns exclusively now; null failure = success. Any thread. */
    <R extends XdrAble> void finish(PendingCall<R> call, NfsException failure) {
        long latency = System.nanoTime() - call.startNanos;
        stats.finished(call.procedureName(), latency, failure != null);
        Nfs3CallListener listener = config.callListener();
        execute(() -> {
            for (Nfs3CallListener l : new Nfs3CallListener[] {listener, call.observer}) {
                if (l != null) {
                    try {
                        l.onCallFinished(call.procedureName(), latency, call.transmissions(), failure);
                    } catch (RuntimeException ignored) {
                        // A broken listener must not keep the caller from its result.
                    }
                }
            }
            if (failure == null) {
                call.future.complete(call.result);
            } else {
                call.future.completeExceptionally(failure);
            }
        });
    }

    private void execute(Runnable task) {
        try {
            callbackExecutor.execute(task);
        } catch (RejectedExecutionException e) {
            // The executor is shut down (ours after close, or a caller's): completing inline is
            // the only way left to keep the promise that every call completes.
            task.run();
        }
    }

    private ScheduledFuture<?> schedule(Runnable task, long nanos) {
        try {
            return timer.schedule(task, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;  // closing: close() fails whatever is still pending
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    /** Fails every pending call with ECANCELED, then stops sockets and threads. */
    void close() {
        closed = true;
        for (ConnectionPool pool : pools) {
            pool.close(Errno.ECANCELED, "client closed");
        }
        shutdownThreads();
    }

    private void shutdownThreads() {
        timer.shutdownNow();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
            if (!Thread.currentThread().getName().startsWith("nfs3-" + config.host() + "-callback")) {
                try {
                    // Let the failures close() just queued reach their callers before returning.
                    ownedExecutor.awaitTermination(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
