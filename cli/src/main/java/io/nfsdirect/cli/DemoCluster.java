package io.nfsdirect.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.nfsdirect.coordinator.WriteSourcePolicy;
import io.nfsdirect.coordinator.cluster.ClusterKeys;
import io.nfsdirect.coordinator.cluster.ClusterNode;
import io.nfsdirect.coordinator.cluster.ClusterTransport;
import io.nfsdirect.coordinator.cluster.NodeSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo's nodes, all in this JVM: with one node, a plain single node without a cluster; with
 * more, a cluster on loopback with free ports, one coordinator and worker plus worker-only nodes,
 * which the demo's requests go through (its coordinator spreads the chunks over every worker
 * node, and chunk data crosses nodes through Artery as in a real cluster). Lifetime: from
 * {@link #start} until {@link #close()}, which stops every node.
 */
final class DemoCluster implements AutoCloseable {

    private static final Duration FORMATION = Duration.ofSeconds(60);

    /**
     * Several nodes in one JVM: each registers its cluster MBean under its own name; Ctrl-C just
     * ends the demo (no graceful leave: the whole cluster goes); and a small cluster on loopback
     * can gossip faster than Pekko's defaults, which are sized for large clusters.
     */
    // The JVM exits after the demo: a node stalled in Pekko's termination (see ClusterNode) is
    // given 10 s, with its warning, rather than a minute of the user's time.
    private static final String IN_ONE_JVM = """
            nfs-direct.cluster.stop-timeout = 10s
            pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
            pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            pekko.cluster.periodic-tasks-initial-delay = 200ms
            pekko.cluster.typed.receptionist.distributed-data.gossip-interval = 300ms
            pekko.cluster.typed.receptionist.distributed-data.notify-subscribers-interval = 100ms
            """;

    private final List<ClusterNode> nodes;
    private final NodeSession session;
    /** The throwaway cluster keys of this demo's nodes, removed with them; null for one node. */
    private final Path keys;

    private DemoCluster(List<ClusterNode> nodes, NodeSession session, Path keys) {
        this.nodes = nodes;
        this.session = session;
        this.keys = keys;
    }

    /**
     * Starts {@code count} nodes and waits until they form a cluster (for more than one).
     *
     * @param sources the directory the demo's write reads its local file from, which the nodes allow
     */
    static DemoCluster start(int count, CommonOptions options, Path sources, PrintWriter err) {
        if (count == 1) {
            return new DemoCluster(List.of(), NodeSession.start(options, null, err), null);
        }
        // The nodes listen on loopback, where any local user could reach them: TLS, with keys
        // made for this run only.
        Path keys;
        try {
            keys = Files.createTempDirectory("nfsdirect-demo-keys-");
            ClusterKeys.generate(keys.resolve("keys"));
        } catch (IOException e) {
            throw CliException.io("demo: cannot make the cluster's keys: " + Errors.message(e), e);
        }
        Config config = options.nodeConfig().withFallback(ConfigFactory.parseString(IN_ONE_JVM))
                .withFallback(ConfigFactory.parseMap(Map.of(ClusterTransport.TLS_DIR, keys.resolve("keys").toString(),
                        WriteSourcePolicy.SETTING, List.of(sources.toString()))));
        List<ClusterNode> nodes = new ArrayList<>();
        try {
            ClusterNode first = ClusterNode.start(NodeSettings.parse("coordinator,worker", "127.0.0.1", 0, null), config);
            nodes.add(first);
            String seed = first.address().substring(first.address().indexOf('@') + 1);
            for (int i = 1; i < count; i++) {
                nodes.add(ClusterNode.start(NodeSettings.parse("worker", "127.0.0.1", 0, seed), config));
            }
            for (ClusterNode n : nodes) {
                get(n.awaitUp(count, FORMATION).toCompletableFuture());
            }
            get(first.awaitWorkers(count, FORMATION).toCompletableFuture());
            return new DemoCluster(List.copyOf(nodes), NodeSession.over(first, options, err), keys);
        } catch (RuntimeException e) {
            closeAll(nodes);
            deleteKeys(keys);
            throw CliException.io("demo: the " + count + "-node cluster did not form: " + Errors.message(e), e);
        }
    }

    NodeSession session() {
        return session;
    }

    /** One line per node: its address and roles. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (ClusterNode n : nodes) {
            lines.add(n.address() + " (" + String.join(", ", n.roles()) + ")");
        }
        return lines;
    }

    boolean clustered() {
        return !nodes.isEmpty();
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            closeAll(nodes);
            deleteKeys(keys);
        }
    }

    private static void deleteKeys(Path keys) {
        if (keys != null) {
            DemoCommand.deleteTree(keys);
        }
    }

    /**
     * Stops the nodes one after the other, the coordinator last: each one leaves a cluster whose
     * other members are still up to see it go, instead of every connection breaking at once.
     */
    private static void closeAll(List<ClusterNode> nodes) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            try {
                nodes.get(i).close();
            } catch (RuntimeException e) {
                // One node failing to stop must not keep the others running; the JVM exits after the demo.
            }
        }
    }

    private static void get(CompletableFuture<?> future) {
        try {
            future.get(FORMATION.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(Errors.message(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + FORMATION.toSeconds() + " s", e);
        }
    }
}
