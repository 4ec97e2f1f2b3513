package io.nfsdirect.server;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's open connections: when each last did something, which are paused, and how many
 * replies each lost. It closes connections that sit idle past the idle timeout, and when a new
 * connection would exceed the cap it closes the one that has been idle longest, as knfsd does.
 *
 * <p>It sits in the Grizzly filter chain right after the RPC record parser, so it sees whole
 * records: a connection counts as active when a complete call arrives or a reply leaves, never
 * for a byte that trickles in, which is how a slow-drip connection is told from a slow client.
 *
 * <p>Pausing ({@link ReplyBudget.Gate}) holds the connection's next call in a suspended filter
 * chain context. While a context is suspended Grizzly does not read the socket again, so the
 * calls behind it stay in the kernel's buffers and TCP pushes back on the sender; resuming runs
 * the held call on through the chain on a thread of the ledger's own. A connection paused with no
 * call arriving simply has its flag cleared.
 *
 * <p>A connection that closes with replies still queued loses them all at once; oncrpc4j logs an
 * error for each, which {@code nfsdirect}'s logging turns off, and this ledger says it once per
 * connection, at debug level: the client that hung up knows.
 */
final class ConnectionLedger extends BaseFilter implements ReplyBudget.Gate, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLedger.class);
    private static final LogOnce CHAIN_FAILED = new LogOnce(LOG);

    /** One open connection. */
    static final class Entry {
        final Connection<?> connection;
        final SocketAddress peer;
        volatile long lastActive;
        final AtomicInteger unsent = new AtomicInteger();
        // guarded by this
        private boolean paused;
        private FilterChainContext held;

        Entry(Connection<?> connection, SocketAddress peer, long now) {
            this.connection = connection;
            this.peer = peer;
            this.lastActive = now;
        }
    }

    /** How long after a close its lost replies are counted for the one log line. */
    private static final long LOST_REPLIES_SETTLE_MILLIS = 1000;

    private final int maxConnections;
    private final long idleNanos;
    private final Map<SocketAddress, Entry> open = new ConcurrentHashMap<>();
    // Grizzly's own builder, not AttributeBuilder's alias of it: touching AttributeBuilder before
    // Grizzly has initialised reads the alias while it is still null.
    private final Attribute<Entry> entryOf = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
            ConnectionLedger.class.getName() + ".entry");
    private final LogOnce capReached = new LogOnce(LOG);
    private final ScheduledExecutorService reaper;
    /** Runs held calls on once their connection resumes; see {@link #resume}. */
    private final ExecutorService resumer;
    private ReplyBudget budget;

    ConnectionLedger(int maxConnections, long idleTimeoutMillis) {
        this.maxConnections = maxConnections;
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMillis);
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nfs-direct-server-reaper");
            t.setDaemon(true);
            return t;
        });
        this.resumer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "nfs-direct-server-resume");
            t.setDaemon(true);
            return t;
        });
        long sweep = Math.max(50, Math.min(idleTimeoutMillis / 4, 30_000));
        reaper.scheduleWithFixedDelay(this::closeIdle, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    /** The budget whose charges a closed connection gives back; set once, before serving. */
    void budget(ReplyBudget budget) {
        this.budget = budget;
    }

    int openConnections() {
        return open.size();
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        SocketAddress peer = (SocketAddress) connection.getPeerAddress();
        if (peer != null) {
            Entry entry = new Entry(connection, peer, System.nanoTime());
            entryOf.set(connection, entry);
            open.put(peer, entry);
            if (open.size() > maxConnections) {
                closeLongestIdle(entry);
            }
        }
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Entry entry = entryOf.get(ctx.getConnection());
        if (entry == null) {
            return ctx.getInvokeAction();
        }
        entry.lastActive = System.nanoTime();
        synchronized (entry) {
            if (entry.paused) {
                entry.held = ctx;
                ctx.suspend();
                return ctx.getSuspendAction();
            }
        }
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        Entry entry = entryOf.get(ctx.getConnection());
        if (entry != null) {
            entry.lastActive = System.nanoTime();
        }
        return ctx.getInvokeAction();
    }

    /**
     * Anything the chain throws past its filters, on the way in or out: the direct memory that
     * Grizzly's write copies a reply into ran out, say. Grizzly logs it and drops the message, so
     * a reply is lost while the connection stays open, and the client would wait for it forever.
     * Closing makes it resend.
     */
    @Override
    public void exceptionOccurred(FilterChainContext ctx, Throwable error) {
        Connection<?> connection = ctx.getConnection();
        if (connection != null && connection.isOpen()) {
            CHAIN_FAILED.warn("closing the connection from {}: {}", connection.getPeerAddress(), error.toString());
            // not a graceful close: that would wait for the write queue, which holds the lost reply
            connection.terminateSilently();
        }
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) throws IOException {
        Entry entry = entryOf.remove(ctx.getConnection());
        if (entry != null && open.remove(entry.peer, entry)) {
            synchronized (entry) {
                entry.held = null;
                entry.paused = false;
            }
            if (budget != null) {
                budget.forget(entry.peer);
            }
            // The queued replies fail as the connection goes down, some before this event and
            // some after it: count them a moment later, in one line.
            try {
                reaper.schedule(() -> logLost(entry), LOST_REPLIES_SETTLE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException serverStopped) {
                logLost(entry);
            }
        }
        return ctx.getInvokeAction();
    }

    private static void logLost(Entry entry) {
        int lost = entry.unsent.get();
        if (lost > 0) {
            LOG.debug("connection from {} closed with {} replies unsent", entry.peer, lost);
        }
    }

    /** The open connection to {@code peer}, or null; a call keeps it to report its reply. */
    Entry entry(SocketAddress peer) {
        return open.get(peer);
    }

    /** A reply on {@code entry}'s connection has left, or was lost with the connection. */
    void replied(Entry entry, boolean sent) {
        if (entry == null) {
            return;
        }
        if (sent) {
            entry.lastActive = System.nanoTime();
        } else {
            entry.unsent.incrementAndGet();
        }
    }

    /** Whether {@code entry}'s connection is still open. */
    boolean isOpen(Entry entry) {
        return entry != null && entry.connection.isOpen();
    }

    /** Closes the connection to {@code peer}, when a call could be neither served nor answered. */
    void close(SocketAddress peer) {
        Entry entry = open.get(peer);
        if (entry != null) {
            entry.connection.closeSilently();
        }
    }

    @Override
    public void pause(SocketAddress peer) {
        Entry entry = open.get(peer);
        if (entry != null) {
            synchronized (entry) {
                entry.paused = true;
            }
            LOG.debug("pausing reads from {}: too many unsent replies", peer);
        }
    }

    @Override
    public void resume(SocketAddress peer) {
        Entry entry = open.get(peer);
        if (entry == null) {
            return;
        }
        FilterChainContext held;
        synchronized (entry) {
            entry.paused = false;
            held = entry.held;
            entry.held = null;
        }
        if (held != null) {
            // Never on the caller's thread: the budget calls this under its lock, from a reply's
            // completion on a selector thread, and the rest of the chain may wait there for room
            // in the server's request queue, whose threads need the budget.
            try {
                resumer.execute(held::resumeNext);
            } catch (RejectedExecutionException serverStopped) {
                // the server is closing: the held call goes with its connection
            }
        }
    }

    private void closeLongestIdle(Entry newcomer) {
        Optional<Entry> victim = open.values().stream()
                .filter(e -> e != newcomer)
                .min(Comparator.comparingLong(e -> e.lastActive));
        victim.ifPresent(e -> {
            capReached.warn("{} connections are open, the limit; closing the one idle longest, from {}",
                    open.size(), e.peer);
            e.connection.closeSilently();
        });
    }

    private void closeIdle() {
        long now = System.nanoTime();
        for (Entry e : open.values()) {
            if (now - e.lastActive > idleNanos) {
                LOG.debug("closing connection from {}: idle for more than {} ms", e.peer,
                        TimeUnit.NANOSECONDS.toMillis(idleNanos));
                e.connection.closeSilently();
            }
        }
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        resumer.shutdownNow();
    }
}
