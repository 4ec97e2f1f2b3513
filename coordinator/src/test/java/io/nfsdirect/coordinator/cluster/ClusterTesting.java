package io.nfsdirect.coordinator.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.nfsdirect.coordinator.DirectIoClient;
import io.nfsdirect.protocol.api.ChunkData;
import io.nfsdirect.protocol.api.NodeStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Several cluster nodes in this JVM on loopback, each on its own Artery port. */
final class ClusterTesting {

    static final Duration FORMATION = Duration.ofSeconds(30);
    static final Duration ASK = Duration.ofMinutes(2);

    /**
     * Test-speed settings: quicker failure detection, downing and Receptionist gossip than a real
     * deployment wants, and every message through its serializer even between actors of one node.
     */
    static final String FAST = """
            pekko.loglevel = WARNING
            pekko.actor.serialize-messages = on
            pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
            pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            pekko.cluster.split-brain-resolver.stable-after = 1s
            pekko.cluster.failure-detector.acceptable-heartbeat-pause = 2s
            pekko.cluster.periodic-tasks-initial-delay = 200ms
            pekko.cluster.typed.receptionist.distributed-data.gossip-interval = 300ms
            pekko.cluster.typed.receptionist.distributed-data.notify-subscribers-interval = 100ms
            nfs-direct.cluster.drain.quiet = 1500ms
            """;

    private static final AtomicLong IDS = new AtomicLong();

    private final List<ClusterNode> nodes = new ArrayList<>();

    ClusterNode first(Set<String> roles, String extra) {
        return add(NodeSettings.of(roles, "127.0.0.1", 0, List.of()), extra);
    }

    ClusterNode join(ClusterNode seed, Set<String> roles, String extra) {
        String hostPort = seed.address().substring(seed.address().indexOf('@') + 1);
        return add(NodeSettings.of(roles, "127.0.0.1", 0, List.of(hostPort)), extra);
    }

    private ClusterNode add(NodeSettings settings, String extra) {
        Config overrides = ConfigFactory.parseString(extra == null ? "" : extra).withFallback(ConfigFactory.parseString(FAST))
                .withFallback(TestKeys.config());
        ClusterNode node = ClusterNode.start(settings, overrides);
        nodes.add(node);
        return node;
    }

    /** Every node sees every node Up, and {@code observer} sees {@code workers} worker nodes. */
    void awaitFormed(ClusterNode observer, int workers) throws Exception {
        for (ClusterNode n : nodes) {
            n.awaitUp(nodes.size(), FORMATION).toCompletableFuture().get();
        }
        observer.awaitWorkers(workers, FORMATION).toCompletableFuture().get();
    }

    /** Stops every node still running, all at once, so their leaves overlap instead of adding up. */
    void closeAll() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (ClusterNode n : nodes) {
            stops.add(CompletableFuture.runAsync(n::close));
        }
        for (CompletableFuture<Void> stop : stops) {
            try {
                stop.get(90, TimeUnit.SECONDS);
            } catch (Exception e) {
                // One node failing to stop must not keep the others running.
            }
        }
        nodes.clear();
    }

    static String hostPort(ClusterNode node) {
        return node.address().substring(node.address().indexOf('@') + 1);
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String newRequestId(String prefix) {
        return prefix + "-" + IDS.incrementAndGet();
    }

    static DirectIoClient clientOf(ClusterNode node) {
        return node.client(ASK);
    }

    static long served(List<NodeStats> stats, ClusterNode node) {
        for (NodeStats s : stats) {
            if (s.node().equals(node.address())) {
                return s.chunksServed();
            }
        }
        throw new AssertionError("no stats for " + node.address() + " in " + stats);
    }

    static List<NodeStats> stats(ClusterNode node) throws Exception {
        return node.workerStats(Duration.ofSeconds(10)).toCompletableFuture().get();
    }

    /**
     * Waits until {@code worker} has served {@code expected} chunks, as {@code observer} asks it. A
     * worker counts a chunk just after reporting it, so the count may trail the completion a little.
     */
    static void awaitServed(ClusterNode observer, ClusterNode worker, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long now;
        while ((now = served(stats(observer), worker)) != expected) {
            if (now > expected || System.nanoTime() > deadline) {
                throw new AssertionError(worker.address() + " served " + now + " chunks, expected " + expected);
            }
            Thread.sleep(20);
        }
    }

    /** Waits until no worker node has a chunk in flight. */
    static void awaitIdle(ClusterNode observer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<NodeStats> now;
        while (!(now = stats(observer)).stream().allMatch(s -> s.inFlightChunks() == 0)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("chunks still in flight: " + now);
            }
            Thread.sleep(20);
        }
    }

    /** A Stream consumer that keeps every chunk by offset and acknowledges it at once. */
    static Behavior<ChunkData> collector(Map<Long, byte[]> chunks, long expected, CompletableFuture<Long> all) {
        AtomicLong received = new AtomicLong();
        return Behaviors.receive(ChunkData.class).onMessage(ChunkData.class, d -> {
            if (chunks.put(d.offset(), d.bytes()) == null && received.addAndGet(d.bytes().length) >= expected) {
                all.complete(received.get());
            }
            d.ackTo().tell(d.ack());
            return Behaviors.same();
        }).build();
    }

    /** The collected chunks laid out from {@code start}. */
    static byte[] assemble(Map<Long, byte[]> chunks, long start, int length) {
        byte[] out = new byte[length];
        chunks.forEach((offset, bytes) -> System.arraycopy(bytes, 0, out, (int) (offset - start), bytes.length));
        return out;
    }

    static ActorRef<ChunkData> spawn(ClusterNode node, Behavior<ChunkData> consumer, String name) throws Exception {
        return node.spawnConsumer(consumer, name, Duration.ofSeconds(10)).toCompletableFuture().get();
    }
}
