package io.nfsdirect.worker;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.api.NodeStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * A node's direct I/O counters, like {@code /proc/self/mountstats}: one instance per actor
 * system (a Pekko extension), fed by every NFS client of the node (as their call listener) and by
 * the actors that see what a client cannot, such as short I/O and verifier mismatches. Counters
 * only grow for the node's lifetime, except the in-flight gauge.
 */
public final class NodeCounters implements Extension, Nfs3CallListener {

    private static final class Id extends ExtensionId<NodeCounters> {
        @Override
        public NodeCounters createExtension(ActorSystem<?> system) {
            return new NodeCounters();
        }
    }

    private static final Id ID = new Id();

    public static NodeCounters get(ActorSystem<?> system) {
        return system.registerExtension(ID);
    }

    final LongAdder directBytesRead = new LongAdder();
    final LongAdder directBytesWritten = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> ops = new ConcurrentHashMap<>();
    final LongAdder retransmits = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder shortReads = new LongAdder();
    final LongAdder shortWrites = new LongAdder();
    final LongAdder verifierMismatches = new LongAdder();
    private final AtomicInteger inFlightChunks = new AtomicInteger();
    final LongAdder chunksServed = new LongAdder();
    final LongAdder bytesServed = new LongAdder();
    private final LongAdder[] latency = new LongAdder[NodeStats.LATENCY_BOUNDS_MICROS.size()];
    private final NodeMeters meters = new NodeMeters(this);

    public NodeCounters() {
        for (int i = 0; i < latency.length; i++) {
            latency[i] = new LongAdder();
        }
    }

    @Override
    public void onCallFinished(String procedure, long latencyNanos, int transmissions, Throwable failure) {
        ops.computeIfAbsent(procedure, p -> new LongAdder()).increment();
        if (transmissions > 1) {
            retransmits.add(transmissions - 1L);
        }
        if (failure instanceof NfsException e && e.errno() == Errno.ETIMEDOUT) {
            timeouts.increment();
        }
        long micros = latencyNanos / 1_000;
        int bucket = 0;
        while (micros > NodeStats.LATENCY_BOUNDS_MICROS.get(bucket)) {
            bucket++;
        }
        latency[bucket].increment();
        meters.call(procedure, latencyNanos);
    }

    /**
     * The node's counters as Micrometer meters: bind them to a registry to export them. Until
     * then, only the counters above count.
     */
    public NodeMeters meters() {
        return meters;
    }

    /**
     * A request coordinated on this node completed.
     *
     * @param op      {@code read}, {@code write} or {@code copy}
     * @param outcome {@code ok}, or the errno name of the request's error
     */
    public void requestEnded(String op, String outcome) {
        meters.request(op, outcome);
    }

    public void chunkStarted() {
        inFlightChunks.incrementAndGet();
    }

    /** A chunk attempt ended; {@code bytes} moved to or from the server on its behalf. */
    public void chunkFinished(long bytes) {
        inFlightChunks.decrementAndGet();
        chunksServed.increment();
        bytesServed.add(bytes);
    }

    public void bytesRead(long n) {
        directBytesRead.add(n);
    }

    public void bytesWritten(long n) {
        directBytesWritten.add(n);
    }

    public void shortRead() {
        shortReads.increment();
    }

    public void shortWrite() {
        shortWrites.increment();
    }

    public void verifierMismatches(int n) {
        verifierMismatches.add(n);
    }

    public int inFlightChunks() {
        return inFlightChunks.get();
    }

    public NodeStats snapshot(String node, List<String> roles) {
        Map<String, Long> opsNow = new TreeMap<>();
        ops.forEach((p, n) -> opsNow.put(p, n.sum()));
        List<Long> hist = new ArrayList<>(latency.length);
        for (LongAdder b : latency) {
            hist.add(b.sum());
        }
        return new NodeStats(node, roles, directBytesRead.sum(), directBytesWritten.sum(), opsNow, retransmits.sum(),
                timeouts.sum(), shortReads.sum(), shortWrites.sum(), verifierMismatches.sum(), inFlightChunks.get(),
                chunksServed.sum(), bytesServed.sum(), hist);
    }
}
