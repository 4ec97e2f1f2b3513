package io.nfsdirect.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.nfsdirect.coordinator.DirectIoClient;
import io.nfsdirect.coordinator.NfsDirectNode;
import io.nfsdirect.coordinator.cluster.ClusterKeys;
import io.nfsdirect.coordinator.cluster.ClusterNode;
import io.nfsdirect.coordinator.cluster.ClusterTransport;
import io.nfsdirect.coordinator.cluster.NodeSettings;
import io.nfsdirect.protocol.api.ChunkData;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;

/** Starts the nfs-direct nodes the actor-path contenders run on. */
public final class Nodes {

    private static final AtomicInteger SINKS = new AtomicInteger();
    private static final Duration START = Duration.ofSeconds(60);

    /** A running setup: where to send requests, the consumer to stream into, and how to stop it all. */
    public record Running(DirectIoClient client, ActorRef<ChunkData> consumer, AutoCloseable closer) {
    }

    private Nodes() {
    }

    static Config settings(int connections) {
        // A node that stalls as it stops (see ClusterNode) costs the run this much, not a minute.
        return ConfigFactory.parseString("pekko.loglevel = WARNING\n"
                + "pekko.stdout-loglevel = WARNING\n"
                + "nfs-direct.cluster.stop-timeout = 10s\n"
                + "nfs-direct.client.connections = " + connections + "\n");
    }

    /** One node in this JVM, coordinator and worker: the single-node setup. */
    public static Running local(int connections) {
        NfsDirectNode node = NfsDirectNode.startLocal("bench-" + SINKS.incrementAndGet(), settings(connections));
        ActorRef<ChunkData> sink = node.system().systemActorOf(DiscardSink.create(),
                "bench-discard-" + SINKS.incrementAndGet(), Props.empty());
        return new Running(node.client(DirectReader.ASK_TIMEOUT), sink, node);
    }

    /**
     * Three cluster nodes in this JVM on loopback Artery: the first coordinates and works, the
     * other two only work, so chunks they read cross Artery to the consumer on the first.
     */
    public static Running cluster(int connections) throws Exception {
        List<ClusterNode> nodes = new ArrayList<>();
        // The cluster as a user runs it: Artery over TLS, with keys made for this run.
        java.nio.file.Path keys = java.nio.file.Files.createTempDirectory("nfsdirect-bench-keys-");
        ClusterKeys.generate(keys.resolve("keys"));
        try {
            Config overrides = settings(connections).withFallback(ConfigFactory.parseMap(
                    java.util.Map.of(ClusterTransport.TLS_DIR, keys.resolve("keys").toString())));
            ClusterNode first = ClusterNode.start(NodeSettings.of(
                    Set.of(NodeSettings.COORDINATOR, NodeSettings.WORKER), "127.0.0.1", 0, List.of()), overrides);
            nodes.add(first);
            String address = first.address();
            String seed = "127.0.0.1:" + address.substring(address.lastIndexOf(':') + 1);
            for (int i = 0; i < 2; i++) {
                nodes.add(ClusterNode.start(NodeSettings.of(Set.of(NodeSettings.WORKER), "127.0.0.1", 0,
                        List.of(seed)), overrides));
            }
            first.awaitUp(3, START).toCompletableFuture().get(START.toSeconds(), TimeUnit.SECONDS);
            first.awaitWorkers(3, START).toCompletableFuture().get(START.toSeconds(), TimeUnit.SECONDS);
            ActorRef<ChunkData> sink = first.spawnConsumer(DiscardSink.create(), "bench-discard", START)
                    .toCompletableFuture().get(START.toSeconds(), TimeUnit.SECONDS);
            DirectIoClient client = first.client(DirectReader.ASK_TIMEOUT);
            return new Running(client, sink, () -> {
                closeAll(nodes);
                Setup.deleteTree(keys);
            });
        } catch (Exception | Error e) {
            closeAll(nodes);
            Setup.deleteTree(keys);
            throw e;
        }
    }

    private static void closeAll(List<ClusterNode> nodes) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            try {
                nodes.get(i).close();
            } catch (RuntimeException e) {
                System.err.println("bench: stopping " + nodes.get(i) + ": " + e);
            }
        }
    }
}
