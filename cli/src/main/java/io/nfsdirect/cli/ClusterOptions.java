package io.nfsdirect.cli;

import com.typesafe.config.Config;
import io.nfsdirect.coordinator.cluster.ClusterNode;
import io.nfsdirect.coordinator.cluster.NodeSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How a request command reaches its nodes: by default a node of its own in this JVM; with
 * {@code --join} a running cluster, which the command joins as a {@code client} node for its
 * duration. {@code --nodes} limits the worker nodes a request may use, either way.
 */
public final class ClusterOptions {

    /** How long a client node may take to be Up in the cluster it joins. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--join", paramLabel = "HOST:PORT[,...]",
            description = "run the request through the cluster whose seed nodes these are (nfsdirect node), "
                    + "joining it as a client node for the command's duration; default: a node in this process")
    String join;

    @Option(names = "--bind", paramLabel = "HOST",
            description = "with --join: this client node's address, which the cluster's nodes must reach "
                    + "(default: 127.0.0.1)")
    String bind;

    @Option(names = "--port", paramLabel = "N",
            description = "with --join: this client node's port (default: 0, any free port)")
    Integer port;

    /** With --join: how the client node is let into the cluster. */
    @picocli.CommandLine.Mixin
    ClusterSecurityOptions security = new ClusterSecurityOptions();

    @Option(names = "--nodes", paramLabel = "NODE[,...]", split = ",",
            description = "worker nodes the request may use, each as host:port, pekko://nfsdirect@host:port or "
                    + "'local' (default: any)")
    List<String> nodes;

    boolean joining() {
        return join != null;
    }

    List<String> nodes() {
        return nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** Rejects combinations picocli cannot see; a bad one is a usage error (exit 2). */
    void validate() {
        if (join != null && join.isBlank()) {
            throw usage("--join needs at least one HOST:PORT");
        }
        if (join == null && (bind != null || port != null)) {
            throw usage("--bind and --port set the client node's address, so they go with --join");
        }
        if (join == null && security.given()) {
            throw usage("--tls and --insecure say how the client node joins a cluster, so they go with --join");
        }
        if (security.conflict() != null) {
            throw usage(security.conflict());
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw usage("--port must be 0..65535, not " + port);
        }
        if (nodes != null && nodes.stream().anyMatch(String::isBlank)) {
            throw usage("--nodes has an empty node name");
        }
        if (join != null) {
            settings();
        }
    }

    private NodeSettings settings() {
        try {
            return NodeSettings.parse(NodeSettings.CLIENT, bind == null ? "127.0.0.1" : bind,
                    port == null ? 0 : port, join);
        } catch (IllegalArgumentException e) {
            throw usage("--join: " + e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /**
     * Starts a client node in this JVM, joins the cluster and returns once the node is Up. The
     * caller owns the node and must leave or close it.
     *
     * @throws CliException (exit 1) when the node cannot start or is not Up within {@link #JOIN_TIMEOUT}
     */
    ClusterNode startClient(Config overrides) {
        NodeSettings settings = settings();
        ClusterNode node;
        try {
            node = ClusterNode.start(settings, security.config().withFallback(overrides));
        } catch (IllegalStateException e) {
            throw CliException.io("joining " + join + ": " + e.getMessage(), e);
        }
        try {
            node.awaitUp(1, JOIN_TIMEOUT).toCompletableFuture().get(JOIN_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            return node;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.close();
            throw CliException.io("interrupted while joining the cluster at " + join, e);
        } catch (ExecutionException | TimeoutException e) {
            node.close();
            throw CliException.io("cannot join the cluster at " + join + " within " + JOIN_TIMEOUT.toSeconds()
                    + " s (is a node running there, and can it reach this node at " + settings.bindHost()
                    + "?)", e);
        }
    }

    /** How many worker nodes this node's view of the membership has Up. */
    static int upWorkers(ClusterNode node) {
        int workers = 0;
        for (Member m : Cluster.get(node.system()).state().getMembers()) {
            if (m.status() == MemberStatus.up() && m.hasRole(NodeSettings.WORKER)) {
                workers++;
            }
        }
        return workers;
    }

    /**
     * Waits, briefly, until this node's Receptionist lists every worker node the membership has
     * Up: the listing spreads by gossip a moment after the membership does, and per-node stats
     * taken before that would miss nodes.
     */
    static void awaitWorkerListing(ClusterNode node, Duration timeout) {
        int workers = upWorkers(node);
        if (workers == 0) {
            return;
        }
        try {
            node.awaitWorkers(workers, timeout).toCompletableFuture().get(timeout.toMillis() + 1000,
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Stats then cover the nodes listed so far; the request itself does not depend on it.
        }
    }
}
