package io.nfsdirect.server;

import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many READ reply bytes each connection may have queued but not yet sent.
 *
 * <p>oncrpc4j queues replies for a connection without limit, and a READ reply holds its data
 * buffer until the bytes have left. A client that sends READs and never reads the replies would
 * otherwise make the server hold every answer it ever gave. Past the budget a READ is answered
 * NFS3ERR_JUKEBOX, NFSv3's "try again shortly", which clients retry. A connection's first reply
 * is always allowed, however large, so the budget never starves anyone. Entries are removed when
 * their count drops back to zero, so the map holds only connections with replies in flight.
 */
final class ReplyBudget {

    private final long perConnection;
    private final Map<SocketAddress, Long> pending = new ConcurrentHashMap<>();

    ReplyBudget(long perConnection) {
        this.perConnection = perConnection;
    }

    /** Reserves {@code bytes} for a reply to {@code peer}; false if that would exceed the budget. */
    boolean reserve(SocketAddress peer, long bytes) {
        boolean[] granted = {false};
        pending.compute(peer, (k, queued) -> {
            long current = queued == null ? 0 : queued;
            if (current > 0 && current + bytes > perConnection) {
                return queued;
            }
            granted[0] = true;
            return current + bytes;
        });
        return granted[0];
    }

    /** Returns {@code bytes} once their reply has been sent or has failed. */
    void release(SocketAddress peer, long bytes) {
        pending.computeIfPresent(peer, (k, queued) -> queued - bytes <= 0 ? null : queued - bytes);
    }

    int connections() {
        return pending.size();
    }
}
