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
import org.dcache.oncrpc4j.grizzly.GrizzlyUtils;
import org.dcache.oncrpc4j.rpc.MemoryAllocator;
import org.dcache.oncrpc4j.rpc.ReplyQueue;
import org.dcache.oncrpc4j.rpc.RpcAuth;
import org.dcache.oncrpc4j.rpc.RpcMessageParserTCP;
import org.dcache.oncrpc4j.rpc.RpcReply;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;

/**
 * The machinery one {@link Nfs3Client} runs on, from open to close: a Grizzly TCP transport with
 * the client filter chain, the retransmit timer, the callback executor, credentials and counters.
 *
 * <p>The transport is assembled here rather than through oncrpc4j's OncRpcClient/OncRpcSvc
 * because those offer no way to put {@link RecordLimitFilter} in front of the record parser, to
 * see local closes, or to reach the connection of a transport. The pieces are oncrpc4j's own:
 * {@link RpcMessageParserTCP}, {@code GrizzlyRpcTransport} for sending, {@link RpcReply} for
 * reply headers, {@code Xdr} and {@code RpcAuthTypeUnix}.
 *
 * <p>Threads: the selector thread decodes replies; the single timer thread retransmits and
 * times out; the callback executor completes every stage, so callers' continuations never run
 * on the selector.
 */
final class RpcEngine {

    private final Nfs3ClientConfig config;
    private final RpcAuth auth;
    private final StatsRecorder stats = new StatsRecorder();
    private final TCPNIOTransport transport;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService ownedExecutor;
    private final Executor callbackExecutor;
    /** Only to construct GrizzlyRpcTransports; replies are matched per connection instead. */
    private final ReplyQueue unusedReplyQueue = new ReplyQueue();
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
        int selectors = Math.max(1, Math.min(config.connections(), Runtime.getRuntime().availableProcessors()));
        ThreadPoolConfig selectorPool = ThreadPoolConfig.defaultConfig()
                .setPoolName(name + "-selector").setCorePoolSize(selectors).setMaxPoolSize(selectors)
                .setDaemon(true);
        this.transport = TCPNIOTransportBuilder.newInstance()
                .setTcpNoDelay(true)
                .setKeepAlive(true)
                .setIOStrategy(SameThreadIOStrategy.getInstance())
                .setSelectorThreadPoolConfig(selectorPool)
                .setSelectorRunnersCount(selectors)
                .setMemoryManager(GrizzlyUtils.getMemoryManager(MemoryAllocator.DEFAULT))
                .build();
        transport.setProcessor(FilterChainBuilder.stateless()
                .add(new TransportFilter())
                .add(new RecordLimitFilter())
                .add(new RpcMessageParserTCP())
                .add(new ReplyDispatchFilter(this))
                .build());
        try {
            transport.start();
        } catch (IOException | RuntimeException e) {
            shutdownThreads();
            throw e;
        }
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
    @SuppressWarnings("rawtypes")  // Grizzly declares its connect callback with the raw Connection
    CompletableFuture<RpcConnection> connect(InetSocketAddress address, Duration timeout) {
        CompletableFuture<RpcConnection> result = new CompletableFuture<>();
        String server = RpcConnection.hostPort(address);
        if (closed) {
            result.completeExceptionally(NfsException.errno(Errno.ECANCELED, "connect to " + server + ": client closed"));
            return result;
        }
        ScheduledFuture<?> guard = schedule(() -> result.completeExceptionally(NfsException.errno(
                Errno.ETIMEDOUT, "connect to " + server + " timed out after "
                        + timeout.toMillis() + " ms")), timeout.toNanos());
        try {
            transport.connect(address, new CompletionHandler<Connection>() {
                @Override
                public void completed(Connection connection) {
                    cancel(guard);
                    RpcConnection rpc = RpcConnection.attach(RpcEngine.this, connection, address,
                            config.maxRecordSize(), unusedReplyQueue);
                    if (!result.complete(rpc)) {
                        rpc.abort(Errno.ECANCELED, "connect abandoned");
                    }
                }

                @Override
                public void failed(Throwable t) {
                    cancel(guard);
                    result.completeExceptionally(RpcFailures.connectFailed(server, t));
                }

                @Override
                public void cancelled() {
                    failed(new IOException("connect cancelled"));
                }

                @Override
                public void updated(Connection connection) {
                }
            });
        } catch (RuntimeException e) {
            cancel(guard);
            result.completeExceptionally(RpcFailures.connectFailed(server, e));
        }
        return result;
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
        CompletableFuture<RpcConnection> connection = pool.next();
        if (connection.isDone()) {
            start(call, pool, connection, policy, mayRetry);
        } else {
            // Connect completions arrive on Grizzly's threads; encode and send elsewhere.
            connection.whenCompleteAsync((c, t) -> start(call, pool, connection, policy, mayRetry), this::execute);
        }
    }

    private void start(PendingCall<?> call, ConnectionPool pool, CompletableFuture<RpcConnection> connection,
                       RetransmitPolicy policy, boolean mayRetry) {
        RpcConnection rpc;
        try {
            rpc = connection.join();
        } catch (RuntimeException e) {
            finish(call, RpcFailures.wrap(call.procedureName(), e));
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

    /** Selector thread: the call is already claimed; decode it and hand it on. */
    void onReply(RpcConnection connection, PendingCall<?> call, Xdr xdr) {
        call.cancelTimer();
        NfsException failure;
        try {
            RpcReply reply = new RpcReply(call.xid(), xdr, connection.transport());
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
            call.cancelTimer();
            finish(call, RpcFailures.sendFailed(call, t));
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

    /**
     * Fails every pending call with ECANCELED, then stops sockets and threads. Closing the
     * Grizzly transport alone would leave oncrpc4j-style pending calls waiting forever.
     */
    void close() {
        closed = true;
        for (ConnectionPool pool : pools) {
            pool.close(Errno.ECANCELED, "client closed");
        }
        try {
            transport.shutdownNow();
        } catch (IOException | RuntimeException ignored) {
            // Sockets are going away regardless; every call has been failed already.
        }
        shutdownThreads();
    }

    private void shutdownThreads() {
        timer.shutdownNow();
        unusedReplyQueue.shutdown();
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
