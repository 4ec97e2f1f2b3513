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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How a request command reaches its nodes: by default a node of its own in this JVM; with
 * {@code --join} a running cluster, which the command joins as a {@code client} node for its
 * duration. {@code --nodes} limits the worker nodes a request may use, either way.
 */
public final class ClusterOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--join", paramLabel = "HOST:PORT[,...]",
            description = "run the request through the cluster whose seed nodes these are (nfsdirect node), "
                    + "joining it as a client node for the command's duration; default: a node in this process")
    String join;

    /** With --join: the client node's address, keys and join timeout. */
    @Mixin
    JoinOptions client = new JoinOptions();

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
        client.validate(join);
        if (nodes != null && nodes.stream().anyMatch(String::isBlank)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--nodes has an empty node name");
        }
    }

    /** A client node of the cluster at --join, Up; see {@link JoinOptions#startClient}. */
    ClusterNode startClient(Config overrides) {
        return client.startClient(join, overrides);
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
