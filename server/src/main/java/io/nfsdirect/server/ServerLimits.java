package io.nfsdirect.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What one server spends on its clients at most. A client that opens connections and sits on
 * them, or sends calls and never reads the answers, runs into these instead of into the file
 * descriptor limit or the memory of the JVM.
 *
 * @param maxConnections       open connections at once; the next one closes the one idle longest
 * @param idleTimeout          a connection with no complete call in and no reply out for this long
 *                             is closed (knfsd closes idle connections after about 6 minutes)
 * @param repliesPerConnection unsent reply bytes one connection may hold before the server stops
 *                             reading its calls
 * @param repliesTotal         unsent reply bytes all connections together may hold; each connection
 *                             may always hold two largest replies on top, so the server holds at most
 *                             {@code repliesTotal + maxConnections × (2 × rtmax + 8 KiB)}
 */
public record ServerLimits(int maxConnections, Duration idleTimeout, long repliesPerConnection, long repliesTotal) {

    /** 1024 connections, 6 minutes idle, 64 MiB per connection, 256 MiB in all. */
    public static final ServerLimits DEFAULT =
            new ServerLimits(1024, Duration.ofMinutes(6), 64L << 20, 256L << 20);

    public ServerLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + maxConnections);
        }
        if (idleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("idleTimeout must be positive, not " + idleTimeout);
        }
        if (repliesPerConnection < 1 || repliesTotal < repliesPerConnection) {
            throw new IllegalArgumentException("need 0 < repliesPerConnection <= repliesTotal, not "
                    + repliesPerConnection + " and " + repliesTotal);
        }
    }

    public ServerLimits withMaxConnections(int n) {
        return new ServerLimits(n, idleTimeout, repliesPerConnection, repliesTotal);
    }

    public ServerLimits withIdleTimeout(Duration d) {
        return new ServerLimits(maxConnections, d, repliesPerConnection, repliesTotal);
    }

    /**
     * These limits cut so that unsent replies fit the JVM's direct memory: READ data waits for
     * the socket in direct buffers, and Grizzly copies each reply's header into a direct buffer
     * per writing thread. So the replies of all connections may take half of it at most, and the
     * rest is left for those copies, the connections' floors and the JVM's own use. A reply
     * budget larger than the memory behind it only moves the failure from the budget, which
     * pauses a connection, to the socket write, which loses a reply.
     */
    public ServerLimits fittedTo(long maxDirectMemory) {
        long total = Math.min(repliesTotal, Math.max(1, maxDirectMemory / 2));
        return total == repliesTotal ? this : withReplies(repliesPerConnection, total);
    }

    /** Both reply bounds; the per-connection one is cut to the total when the total is smaller. */
    public ServerLimits withReplies(long perConnection, long total) {
        return new ServerLimits(maxConnections, idleTimeout, Math.min(perConnection, total), total);
    }
}
