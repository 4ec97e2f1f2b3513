package io.nfsdirect.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.nfsdirect.protocol.api.NodeStats;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * A node's {@link NodeCounters} as Micrometer meters, for a registry that exports them (the
 * node's Prometheus endpoint). The counters stay the source of truth: the function counters read
 * them at each scrape, so {@code stats} and the endpoint always agree. Two things only exist
 * here, because a snapshot cannot hold them: the RPC latency histogram per procedure, and the
 * requests' outcomes.
 *
 * <p>Lifetime: bound once, when the node starts its endpoint; from then on {@link NodeCounters}
 * forwards every finished call and request here. Nothing is recorded before that.
 */
public final class NodeMeters implements MeterBinder {

    /** The histogram's buckets: the same bounds as {@link NodeStats#latency}, less the open one. */
    private static final Duration[] LATENCY_BUCKETS = NodeStats.LATENCY_BOUNDS_MICROS.stream()
            .filter(b -> b != Long.MAX_VALUE).map(b -> Duration.ofNanos(b * 1_000)).toArray(Duration[]::new);

    private final NodeCounters counters;
    private final Map<String, Timer> rpcs = new ConcurrentHashMap<>();
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    NodeMeters(NodeCounters counters) {
        this.counters = counters;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        counter(registry, "nfsdirect.direct.read", "bytes", "bytes read from NFS servers by this node's READs",
                c -> c.directBytesRead);
        counter(registry, "nfsdirect.direct.written", "bytes", "bytes written to NFS servers by this node's WRITEs",
                c -> c.directBytesWritten);
        counter(registry, "nfsdirect.rpc.retransmits", null, "RPCs sent again after a timeout", c -> c.retransmits);
        counter(registry, "nfsdirect.rpc.timeouts", null, "RPCs that failed with ETIMEDOUT", c -> c.timeouts);
        counter(registry, "nfsdirect.short.reads", null, "READs that returned less than asked, before EOF",
                c -> c.shortReads);
        counter(registry, "nfsdirect.short.writes", null, "WRITEs that wrote less than asked", c -> c.shortWrites);
        counter(registry, "nfsdirect.verifier.mismatches", null,
                "UNSTABLE chunks resent because the COMMIT verifier differed", c -> c.verifierMismatches);
        counter(registry, "nfsdirect.chunks.served", null, "chunk attempts this node's worker ran", c -> c.chunksServed);
        counter(registry, "nfsdirect.chunks.served.bytes", "bytes", "bytes the chunk attempts moved",
                c -> c.bytesServed);
        Gauge.builder("nfsdirect.chunks.in.flight", counters, NodeCounters::inFlightChunks)
                .description("chunk attempts running on this node now").register(registry);
    }

    private void counter(MeterRegistry registry, String name, String unit, String description,
                         Function<NodeCounters, LongAdder> adder) {
        FunctionCounter.builder(name, counters, c -> adder.apply(c).sum()).baseUnit(unit).description(description)
                .register(registry);
    }

    /** One finished RPC, into its procedure's histogram (whose count is the procedure's ops). */
    void call(String procedure, long latencyNanos) {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        rpcs.computeIfAbsent(procedure, p -> Timer.builder("nfsdirect.rpc").tag("procedure", p)
                .description("NFS and MOUNT RPC round trips, from the first transmission to the reply")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(r)).record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    /** One request's completion: {@code outcome} is {@code ok} or the errno name of its error. */
    void request(String op, String outcome) {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        requests.computeIfAbsent(op + ' ' + outcome, k -> Counter.builder("nfsdirect.requests").tag("op", op)
                .tag("outcome", outcome).description("direct I/O requests completed here, by outcome").register(r))
                .increment();
    }
}
