package io.nfsdirect.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.nfsdirect.coordinator.DirectIoClient;
import io.nfsdirect.coordinator.NfsDirectNode;
import io.nfsdirect.coordinator.cluster.ClusterNode;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.NodeStats;
import io.nfsdirect.worker.ClientPool;
import io.nfsdirect.worker.Phases;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Where one command's requests run, from its start to its end:
 * <ul>
 *   <li>by default a node of its own in this JVM, coordinator and worker, started with the
 *       command's settings and closed when the command ends, which stops every request and NFS
 *       client with it;</li>
 *   <li>with {@code --join}, a {@code client} node of a running cluster: the requests go to a
 *       coordinator found through the Receptionist, the chunks run on the cluster's worker nodes,
 *       and only the Stream sinks live here. The node leaves the cluster when the command ends;</li>
 *   <li>for the demo, a node this command started itself, which the demo stops.</li>
 * </ul>
 * {@code --stats} prints, just before the end, what the command's requests cost and what each
 * node did: the node's counters for a node of its own, the chunks and bytes each worker node
 * served during the command for a cluster.
 *
 * <p>The command's metadata calls ({@link #remote()}) share the node's NFS clients, so one
 * command opens one client, one MOUNT, per server.
 */
final class NodeSession implements AutoCloseable {

    /**
     * The ask behind each request only guards against a coordinator that never answers; a
     * request itself may rightly run for hours, so the guard is far away.
     */
    private static final Duration ASK_TIMEOUT = Duration.ofDays(7);
    /** How long a client node looks for a coordinator once it is Up. */
    private static final Duration FIND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STATS_TIMEOUT = Duration.ofSeconds(5);

    private final CommonOptions options;
    private final Config config;
    private final ActorSystem<?> system;
    private final DirectIoClient client;
    /** The cluster node requests go through; null for a node of its own. */
    private final ClusterNode cluster;
    private final List<String> nodes;
    private final PrintWriter err;
    private final AutoCloseable stop;
    private final List<Transfers.Outcome> outcomes = new ArrayList<>();
    /** Every worker node's counters at the start, for --stats in a cluster; empty otherwise. */
    private final Map<String, NodeStats> baseline;
    private final RemoteFiles remote;

    private NodeSession(CommonOptions options, ActorSystem<?> system, DirectIoClient client, ClusterNode cluster,
                        List<String> nodes, PrintWriter err, AutoCloseable stop) {
        this.options = options;
        this.config = system.settings().config();
        this.system = system;
        this.client = client;
        this.cluster = cluster;
        this.nodes = List.copyOf(nodes);
        this.err = err;
        this.stop = stop;
        this.baseline = cluster != null && options.stats ? ServedTable.byNode(workerStats()) : Map.of();
        this.remote = new RemoteFiles(options.credentials, ClientPool.get(system));
    }

    /** A node of its own, or with {@code --join} a client node of that cluster. */
    static NodeSession start(CommonOptions options, ClusterOptions clusterOptions, PrintWriter err) {
        if (clusterOptions != null && clusterOptions.joining()) {
            return join(options, clusterOptions, err);
        }
        List<String> nodes = clusterOptions == null ? List.of() : clusterOptions.nodes();
        // -D settings still win over what a local node changes (nfsdirect-local.conf).
        Config config = LocalNodeConfig.of(options.nodeConfig()
                .withFallback(ConfigFactory.systemProperties())
                .withFallback(ConfigFactory.parseResources("nfsdirect-local.conf"))
                .withFallback(ConfigFactory.load()).resolve());
        NfsDirectNode node = NfsDirectNode.startLocal("nfsdirect", config);
        return new NodeSession(options, node.system(), node.client(ASK_TIMEOUT), null, nodes, err, node);
    }

    private static NodeSession join(CommonOptions options, ClusterOptions clusterOptions, PrintWriter err) {
        ClusterNode node = clusterOptions.startClient(options.nodeConfig());
        try {
            DirectIoClient client = node.client(ASK_TIMEOUT, FIND_TIMEOUT);
            Phases.mark("coordinator");
            if (options.stats) {
                ClusterOptions.awaitWorkerListing(node, Duration.ofSeconds(10));
                Phases.mark("workers");
            }
            return new NodeSession(options, node.system(), client, node, clusterOptions.nodes(), err, node::leave);
        } catch (RuntimeException e) {
            node.close();
            if (e instanceof CliException) {
                throw e;
            }
            throw CliException.io("joined the cluster at " + clusterOptions.join + ", but " + Errors.message(e), e);
        }
    }

    /** Requests through a cluster node this process runs and stops itself (the demo). */
    static NodeSession over(ClusterNode node, CommonOptions options, PrintWriter err) {
        return new NodeSession(options, node.system(), node.client(ASK_TIMEOUT, FIND_TIMEOUT), node, List.of(),
                err, () -> { });
    }

    /** The command's metadata calls, over this node's NFS clients. */
    RemoteFiles remote() {
        return remote;
    }

    DirectIoClient client() {
        return client;
    }

    ActorSystem<?> system() {
        return system;
    }

    Config config() {
        return config;
    }

    CommonOptions options() {
        return options;
    }

    PrintWriter err() {
        return err;
    }

    /**
     * True for a node of its own: every chunk runs here, so a read can go straight into a local
     * file (a {@code Sink.LocalFile}); in a cluster the chunks run on other nodes, and their data
     * comes back to a sink actor here.
     */
    boolean ownNode() {
        return cluster == null;
    }

    /** {@code io} limited to the {@code --nodes} given, if any. */
    IoOptions withNodes(IoOptions io) {
        return nodes.isEmpty() ? io : io.withNodes(nodes);
    }

    /** Remembers a finished transfer for {@code --stats}, and returns it. */
    Transfers.Outcome record(Transfers.Outcome outcome) {
        synchronized (outcomes) {
            outcomes.add(outcome);
        }
        return outcome;
    }

    /**
     * The counters of every node that runs chunks: this process's own node, or every reachable
     * worker node of the cluster (a node that does not answer is left out).
     */
    List<NodeStats> nodeStats() {
        if (cluster != null) {
            return workerStats();
        }
        return List.of(client.stats().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join());
    }

    /** A counter summed over {@link #nodeStats()}, for progress bars. */
    long total(ToLongFunction<NodeStats> counter) {
        return nodeStats().stream().mapToLong(counter).sum();
    }

    private List<NodeStats> workerStats() {
        return cluster.workerStats(STATS_TIMEOUT).toCompletableFuture()
                .orTimeout(STATS_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        try {
            if (options.stats) {
                printStats();
            }
        } catch (RuntimeException e) {
            err.println(Errors.PREFIX + "cannot read the nodes' counters: " + Errors.message(e));
        } finally {
            try {
                remote.close();
                stop.close();
            } catch (Exception e) {
                err.println(Errors.PREFIX + "stopping the node: " + Errors.message(e));
            }
            Phases.mark("shutdown");
            err.flush();
        }
    }

    private void printStats() {
        StringBuilder text = new StringBuilder();
        if (cluster == null) {
            text.append(StatsFormat.format(nodeStats().get(0)));
        } else {
            // A worker counts a chunk just after reporting it, so the counts may trail the completion.
            List<NodeStats> after = ServedTable.settle(this::workerStats);
            text.append(ServedTable.format("chunks and bytes each worker node served during this command",
                    List.of("chunks"), List.of(baseline, ServedTable.byNode(after))));
        }
        synchronized (outcomes) {
            for (Transfers.Outcome o : outcomes) {
                text.append(StatsFormat.counters(o));
            }
        }
        err.print(text);
        err.flush();
    }
}
