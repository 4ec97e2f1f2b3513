package io.nfsdirect.protocol.api;

import java.util.List;
import java.util.Map;

/**
 * One node's direct I/O counters, like {@code /proc/self/mountstats}: totals since the node
 * started, plus what is in flight right now.
 *
 * @param ops           RPCs sent per procedure name (READ, WRITE, COMMIT, ...)
 * @param latency       RPC round-trip histogram: {@code latency.get(i)} RPCs took at most
 *                      {@code LATENCY_BOUNDS_MICROS.get(i)} µs (the last bucket is unbounded)
 */
public record NodeStats(String node, List<String> roles, long directBytesRead, long directBytesWritten,
                        Map<String, Long> ops, long retransmits, long timeouts, long shortReads, long shortWrites,
                        long verifierMismatches, int inFlightChunks, long chunksServed, long bytesServed,
                        List<Long> latency) implements CborSerializable {

    /** Upper bounds of the latency buckets, in microseconds. */
    public static final List<Long> LATENCY_BOUNDS_MICROS = List.of(
            50L, 100L, 250L, 500L, 1_000L, 2_500L, 5_000L, 10_000L, 25_000L, 50_000L, 100_000L, 250_000L,
            1_000_000L, Long.MAX_VALUE);

    public NodeStats {
        roles = List.copyOf(roles);
        ops = Map.copyOf(ops);
        latency = List.copyOf(latency);
    }
}
