package io.nfsdirect.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import io.nfsdirect.coordinator.cluster.ClusterNode;
import io.nfsdirect.protocol.api.NodeStats;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Every worker node's counters, as {@code --stats} prints one node's: the command joins the
 * cluster as a client node, asks each worker node, prints, and leaves. {@code --until-idle}
 * first waits for the cluster to be quiet, which is how a script (or a test) checks that a
 * cancelled or failed request left nothing running behind.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Print the counters of every worker node of a cluster (NFS bytes, RPCs, retransmits, "
                + "chunks served and in flight, RPC latency), on stdout.",
                "--until-idle TIME first waits until no node has a chunk in flight and the chunks served stop "
                        + "changing; exit status 1 if that does not happen within TIME."})
final class StatsCommand implements Callable<Integer> {

    private static final Duration STATS_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(250);
    /** How long the counters must stay unchanged, with nothing in flight, to call the cluster idle. */
    private static final Duration QUIET = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Option(names = "--join", paramLabel = "HOST:PORT[,...]", required = true,
            description = "the cluster whose worker nodes to ask, by its seed nodes (nfsdirect node); the command "
                    + "joins it as a client node while it runs")
    String join;

    /** The client node's address, keys and join timeout. */
    @Mixin
    JoinOptions client = new JoinOptions();

    @Option(names = "--nodes", paramLabel = "NODE[,...]", split = ",",
            description = "print only these worker nodes, each as host:port or pekko://nfsdirect@host:port "
                    + "(default: every worker node)")
    List<String> nodes;

    @Option(names = "--until-idle", paramLabel = "TIME", converter = Durations.Converter.class,
            description = "wait, at most TIME, until every node is idle before printing")
    Duration untilIdle;

    @Option(names = "--json", description = "print the counters as one JSON object, for scripts: "
            + "{\"workerNodes\": [...], \"chunksInFlight\": N, \"latencyBoundsMicros\": [...]}")
    boolean json;

    @Option(names = "--debug", description = "log at DEBUG on stderr")
    void setDebug(boolean value) {
        Logging.configure(value);
    }

    @Override
    public Integer call() throws Exception {
        client.validate(join);
        Config overrides = new NodeTuning().config(Logging.debug());
        ClusterNode node = client.startClient(join, overrides);
        try {
            ClusterOptions.awaitWorkerListing(node, Duration.ofSeconds(10));
            List<NodeStats> stats = untilIdle == null ? stats(node) : awaitIdle(node);
            PrintWriter out = spec.commandLine().getOut();
            long inFlight = stats.stream().mapToLong(NodeStats::inFlightChunks).sum();
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(new Json(stats, inFlight, NodeStats.LATENCY_BOUNDS_MICROS)));
            } else {
                for (NodeStats s : stats) {
                    out.print(StatsFormat.format(s));
                }
                out.println(stats.size() + " worker node(s), " + inFlight + " chunk(s) in flight");
            }
            out.flush();
            if (untilIdle != null && inFlight > 0) {
                throw CliException.io("stats: " + inFlight + " chunk(s) still in flight after "
                        + untilIdle.toMillis() + " ms", null);
            }
            return Errors.OK;
        } finally {
            node.leave();
        }
    }

    /**
     * What {@code --json} prints: every {@link NodeStats} field by name, and the latency buckets'
     * upper bounds once (the last bucket is open).
     */
    record Json(List<NodeStats> workerNodes, long chunksInFlight, List<Long> latencyBoundsMicros) {
    }

    /** The worker nodes' counters, only those named by --nodes when given. */
    private List<NodeStats> stats(ClusterNode node) {
        List<NodeStats> all = node.workerStats(STATS_TIMEOUT).toCompletableFuture()
                .orTimeout(STATS_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS).join();
        List<String> wanted = nodes == null ? List.of() : nodes;
        if (wanted.isEmpty()) {
            return all;
        }
        return all.stream().filter(s -> wanted.stream().anyMatch(w -> names(s.node()).contains(w))).toList();
    }

    /** A node's address, and its host:port, as --nodes may name it. */
    private static Set<String> names(String address) {
        int at = address.indexOf('@');
        return at < 0 ? Set.of(address) : Set.of(address, address.substring(at + 1));
    }

    /** Polls until nothing is in flight and the counters stay unchanged for {@link #QUIET}, or the time is up. */
    private List<NodeStats> awaitIdle(ClusterNode node) throws InterruptedException {
        long deadline = System.nanoTime() + untilIdle.toNanos();
        List<NodeStats> last = stats(node);
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            List<NodeStats> now = stats(node);
            boolean busy = now.stream().anyMatch(s -> s.inFlightChunks() > 0);
            if (busy || !served(now).equals(served(last))) {
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= QUIET.toNanos()) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static List<String> served(List<NodeStats> stats) {
        return stats.stream().map(s -> s.node() + "=" + s.chunksServed() + "/" + s.bytesServed()).toList();
    }
}
