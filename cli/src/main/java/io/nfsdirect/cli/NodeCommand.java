package io.nfsdirect.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.nfsdirect.coordinator.WriteSourcePolicy;
import io.nfsdirect.coordinator.cluster.ClusterNode;
import io.nfsdirect.coordinator.cluster.NodeSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.CoordinatedShutdown;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One node of an nfs-direct cluster in the foreground, until Ctrl-C or SIGTERM makes it leave:
 * its services leave the Receptionist, its chunks drain (up to
 * {@code nfs-direct.cluster.drain.timeout}), it leaves the cluster, and the process exits 0. A
 * node that stops for another reason (downed by the split brain resolver, say) exits 1.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Run a node of an nfs-direct cluster (Pekko Cluster over Artery, TLS with mutual "
                + "authentication) in the foreground.",
                "Every node of one cluster gets the same key directory (nfsdirect keys DIR, then --tls DIR or "
                        + "NFSDIRECT_TLS_DIR); --insecure runs plain TCP instead, for a trusted network only.",
                "Roles: coordinator runs DirectIo and the requests; worker runs chunks with its own NFS clients; "
                        + "a node may have both. Ctrl-C or SIGTERM leaves the cluster gracefully: the node's chunks "
                        + "finish (or are handed back for re-dispatch after 30 s), then it exits with status 0.",
                "--bind is also the address the other nodes use to reach this one, so it must be reachable "
                        + "from them (not 0.0.0.0). The request commands join with --join HOST:PORT."})
final class NodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--roles", paramLabel = "ROLE[,ROLE]", defaultValue = "coordinator,worker",
            description = "coordinator, worker, or both (default: ${DEFAULT-VALUE})")
    String roles;

    @Option(names = "--bind", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "address to listen on and to be reached at (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--port", paramLabel = "N", defaultValue = "2552",
            description = "Artery TCP port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--seed", paramLabel = "HOST:PORT[,...]",
            description = "the cluster's seed nodes; a node that lists itself first may form the cluster "
                    + "(default: none, this node starts a new cluster)")
    String seeds;

    @Option(names = "--allow-source", paramLabel = "DIR",
            description = "a directory under which writes through this node may read their local source file "
                    + "(write -i FILE --join, and -i - spooled); repeatable. This node reads it with its own rights "
                    + "for whichever member asks, so by default it reads none")
    List<Path> allowSources = new ArrayList<>();

    @Option(names = "--http", paramLabel = "HOST:PORT",
            description = "serve GET /alive, /ready (Up, and this node's services registered) and /metrics "
                    + "(Prometheus) at HOST:PORT; they give out counts, never data (default: off)")
    String http;

    /** The cluster's keys, or --insecure. */
    @Mixin
    ClusterSecurityOptions security = new ClusterSecurityOptions();

    /** The window of the requests coordinated here, and this node's NFS client settings. */
    @Mixin
    NodeTuning tuning = new NodeTuning();

    boolean debug;
    private java.net.InetSocketAddress httpAddress;

    @Option(names = "--debug", description = "log at DEBUG on stderr")
    void setDebug(boolean value) {
        debug = value;
        Logging.configure(value);
    }

    @Override
    @SuppressWarnings("try") // the signal handling is the resource: it only has to be open while the node runs
    public Integer call() throws Exception {
        NodeSettings settings = validate();
        Config overrides = security.config().withFallback(tuning.config(debug));
        if (!allowSources.isEmpty()) {
            // Only when given: the overrides sit above application.conf, whose list must otherwise hold.
            overrides = overrides.withFallback(ConfigFactory.parseMap(Map.of(WriteSourcePolicy.SETTING,
                    allowSources.stream().map(p -> p.toAbsolutePath().toString()).toList())));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterNode node;
        try {
            node = ClusterNode.start(settings, overrides);
        } catch (IllegalStateException e) {
            // ClusterNode's message names the address and the cause, e.g. the port being taken.
            throw CliException.io("node: " + e.getMessage(), e);
        }
        OpsEndpoint ops = null;
        if (httpAddress != null) {
            try {
                ops = OpsEndpoint.start(httpAddress, node);
            } catch (java.io.IOException e) {
                node.close();
                throw CliException.io("node: cannot serve HTTP on " + http + ": " + Errors.message(e), e);
            }
        }
        AtomicBoolean leaving = new AtomicBoolean();
        // Handled here rather than by the JVM's shutdown hooks, so the process exits 0 once it has left.
        try (Signals.Handling signals = Signals.handle(err, "leaving the cluster: draining this node's chunks",
                () -> leave(node, leaving, err))) {
            out.println("nfs-direct node " + node.address() + " (" + String.join(", ", settings.roles()) + ")");
            out.println("  seeds: " + (settings.seeds().isEmpty() ? "none, a new cluster"
                    : String.join(", ", settings.seeds())));
            out.println("  transport: " + node.transport().describe());
            if (ops != null) {
                String base = "http://" + http.trim();
                out.println("  http: " + base + "/alive, " + base + "/ready, " + base + "/metrics");
            }
            out.flush();
            node.awaitUp(1, Duration.ofDays(365)).thenRun(() -> {
                out.println("Up: a member of the cluster. Ctrl-C or SIGTERM leaves it gracefully.");
                out.flush();
            });
            node.awaitStopped();
        } finally {
            if (ops != null) {
                ops.close();
            }
        }
        if (leaving.get()) {
            err.println(Errors.PREFIX + "node " + node.address() + " left the cluster");
            err.flush();
            return Errors.OK;
        }
        Optional<CoordinatedShutdown.Reason> reason = CoordinatedShutdown.get(node.system()).getShutdownReason();
        throw CliException.io("node " + node.address() + " stopped"
                + reason.map(r -> ": " + describe(r)).orElse(""), null);
    }

    private NodeSettings validate() {
        tuning.validate();
        if (security.conflict() != null) {
            throw usage(security.conflict());
        }
        try {
            if (http != null) {
                String[] hp = NodeSettings.hostAndPort("--http", http);
                String host = hp[0].startsWith("[") ? hp[0].substring(1, hp[0].length() - 1) : hp[0];
                httpAddress = new java.net.InetSocketAddress(host, Integer.parseInt(hp[1]));
            }
            NodeSettings settings = NodeSettings.parse(roles, bind, port, seeds);
            if (settings.has(NodeSettings.CLIENT)) {
                throw usage("a client node only joins to send requests: use --join on read, write, cp or sum");
            }
            return settings;
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Runs on the signal's thread: the leave itself blocks until the system stops, so it gets its own. */
    private static void leave(ClusterNode node, AtomicBoolean leaving, PrintWriter err) {
        leaving.set(true);
        Thread t = new Thread(() -> {
            try {
                node.leave();
            } catch (RuntimeException e) {
                err.println(Errors.PREFIX + "leaving: " + Errors.message(e));
                err.flush();
                node.close();
            }
        }, "nfsdirect-leave");
        t.setDaemon(true);
        t.start();
    }

    private static String describe(CoordinatedShutdown.Reason reason) {
        String name = reason.getClass().getSimpleName().replace("$", "");
        if (name.contains("Downing")) {
            return "it was downed by the cluster (unreachable, or on the minority side of a partition)";
        }
        return name;
    }
}
