package io.nfsdirect.server;

import java.net.SocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The reply bytes the server holds: queued for a connection, or being prepared for it, but not yet
 * sent. This is the memory a client can make the server spend by sending calls and never reading
 * the answers, so it is bounded twice, per connection and over all connections.
 *
 * <p>oncrpc4j queues replies without limit, and a READ reply holds its data buffer until its bytes
 * have left. Every reply is charged here from the moment its call is served until oncrpc4j reports
 * it sent or failed. Two things happen near a bound:
 * <ul>
 *   <li>a connection whose charge reaches its own bound, or that holds more than its floor when
 *       the total is reached, is <em>paused</em>: the server stops reading its calls (the
 *       {@link Gate}), so the kernel's socket buffers fill and TCP pushes back on the sender. It is
 *       resumed once its replies have drained to its floor, or to half its bound while the total
 *       has drained to three quarters;</li>
 *   <li>a READ's data that would take a connection past its bound, or the total past the total
 *       bound, is refused before anything is allocated, and the READ is answered NFS3ERR_JUKEBOX,
 *       NFSv3's "try again shortly", which the kernel's client retries (libnfs's tools give up:
 *       the floor below keeps a reader of one block at a time from ever being refused).</li>
 * </ul>
 * Every connection may always hold its {@code floor} (two largest replies and a few small ones),
 * whatever the others hold, and
 * is never paused for holding that little, so a flood on other connections slows a good client
 * down but cannot starve it. The memory held is
 * therefore at most {@code total + connections × floor}, and the connection cap bounds connections.
 */
final class ReplyBudget {

    /** Stops and restarts reading one connection's calls. */
    interface Gate {
        void pause(SocketAddress peer);

        void resume(SocketAddress peer);
    }

    private final long perConnection;
    private final long total;
    private final long floor;
    private final Gate gate;
    // guarded by this; entries exist only while a connection has bytes charged
    private final Map<SocketAddress, Long> pending = new HashMap<>();
    private final Set<SocketAddress> paused = new HashSet<>();
    private long queued;
    private long peak;

    /**
     * @param perConnection the bytes one connection may have charged before it is paused
     * @param total         the bytes all connections together may have charged
     * @param floor         what any connection may always hold, whatever the others hold
     */
    ReplyBudget(long perConnection, long total, long floor, Gate gate) {
        if (floor > perConnection || perConnection > total) {
            throw new IllegalArgumentException("need floor <= perConnection <= total: "
                    + floor + ", " + perConnection + ", " + total);
        }
        this.perConnection = perConnection;
        this.total = total;
        this.floor = floor;
        this.gate = gate;
    }

    /**
     * Charges a READ's data to {@code peer}; false, with nothing charged, if that would take the
     * connection or the total past its bound. The caller answers NFS3ERR_JUKEBOX then.
     */
    synchronized boolean reserve(SocketAddress peer, long bytes) {
        long mine = pending.getOrDefault(peer, 0L);
        if (mine + bytes > floor && (mine + bytes > perConnection || queued + bytes > total)) {
            if (mine > floor) {
                pause(peer);
            }
            return false;
        }
        add(peer, mine, bytes);
        return true;
    }

    /**
     * Charges a small reply, which is never refused: refusing it would cost a reply of the same
     * size. The pause that a crossed bound triggers is what keeps these bounded.
     */
    synchronized void charge(SocketAddress peer, long bytes) {
        add(peer, pending.getOrDefault(peer, 0L), bytes);
    }

    /** Gives back {@code bytes} once their reply has been sent or has failed. */
    synchronized void release(SocketAddress peer, long bytes) {
        Long mine = pending.get(peer);
        if (mine == null) {
            return;   // forgotten when its connection closed
        }
        long left = Math.max(0, mine - bytes);
        queued -= mine - left;
        if (left == 0) {
            pending.remove(peer);
        } else {
            pending.put(peer, left);
        }
        resumeWhatDrained();
    }

    /**
     * Drops everything charged to a connection that has closed: its queued replies will never be
     * sent, and their late releases are ignored.
     */
    synchronized void forget(SocketAddress peer) {
        Long mine = pending.remove(peer);
        if (mine != null) {
            queued -= mine;
        }
        paused.remove(peer);
        resumeWhatDrained();
    }

    /** Connections with bytes charged. */
    synchronized int connections() {
        return pending.size();
    }

    /** Bytes charged now, over all connections. */
    synchronized long queued() {
        return queued;
    }

    /** The most bytes ever charged at once since the server started. */
    synchronized long peak() {
        return peak;
    }

    synchronized boolean isPaused(SocketAddress peer) {
        return paused.contains(peer);
    }

    private void add(SocketAddress peer, long mine, long bytes) {
        pending.put(peer, mine + bytes);
        queued += bytes;
        peak = Math.max(peak, queued);
        // The total pauses only the heavy: a connection within its floor goes on, one reply at a time.
        if (mine + bytes >= perConnection || (queued >= total && mine + bytes > floor)) {
            pause(peer);
        }
    }

    private void pause(SocketAddress peer) {
        if (paused.add(peer)) {
            gate.pause(peer);
        }
    }

    private void resumeWhatDrained() {
        if (paused.isEmpty()) {
            return;
        }
        boolean totalDrained = queued <= total / 4 * 3;
        var it = paused.iterator();
        while (it.hasNext()) {
            SocketAddress peer = it.next();
            long mine = pending.getOrDefault(peer, 0L);
            if (mine <= floor || (totalDrained && mine <= perConnection / 2)) {
                it.remove();
                gate.resume(peer);
            }
        }
    }
}
