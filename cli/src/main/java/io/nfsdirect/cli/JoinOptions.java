package io.nfsdirect.cli;

import com.typesafe.config.Config;
import io.nfsdirect.coordinator.cluster.ClusterNode;
import io.nfsdirect.coordinator.cluster.NodeSettings;
import io.nfsdirect.worker.Phases;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The client node a command starts to join a running cluster with {@code --join}: its address,
 * how it is let in, and how long it may take to be Up. The commands declare {@code --join}
 * themselves, as it is optional for a request and required for {@code stats}.
 */
final class JoinOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--bind", paramLabel = "HOST",
            description = "with --join: this client node's address, which the cluster's nodes must reach "
                    + "(default: 127.0.0.1)")
    String bind;

    @Option(names = "--port", paramLabel = "N",
            description = "with --join: this client node's port (default: 0, any free port)")
    Integer port;

    /**
     * How long the join itself may take once a seed node accepts connections: a node is there, and
     * a busy cluster can take a while to let one more member in.
     */
    static final Duration JOIN_ONCE_REACHED = Duration.ofSeconds(60);

    @Option(names = "--join-timeout", paramLabel = "TIME", converter = Durations.Converter.class,
            defaultValue = "10s",
            description = "with --join: how long to wait for a seed node to accept a connection before the command "
                    + "fails (default: ${DEFAULT-VALUE}); once one does, joining may take a minute, or TIME if longer")
    Duration joinTimeout;

    /** With --join: how the client node is let into the cluster. */
    @CommandLine.Mixin
    ClusterSecurityOptions security = new ClusterSecurityOptions();

    /** Rejects combinations picocli cannot see; a bad one is a usage error (exit 2). */
    void validate(String join) {
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
        if (joinTimeout.isZero()) {
            throw usage("--join-timeout must be more than 0");
        }
        if (join != null) {
            settings(join);
        }
    }

    private NodeSettings settings(String join) {
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
     * Starts a client node in this JVM, joins the cluster whose seed nodes {@code join} names and
     * returns once the node is Up. The caller owns the node and must leave or close it. While it
     * joins, Pekko's retries are not logged: a join that fails is this command's one line.
     *
     * @throws CliException (exit 1) when no seed node accepts a connection within --join-timeout, or
     *                      the node cannot start or is not Up in time
     */
    ClusterNode startClient(String join, Config overrides) {
        NodeSettings settings = settings(join);
        awaitSeed(join, settings);
        Duration limit = joinTimeout.compareTo(JOIN_ONCE_REACHED) > 0 ? joinTimeout : JOIN_ONCE_REACHED;
        try (Logging.Quiet quiet = Logging.quietWhileJoining()) {
            ClusterNode node;
            try {
                node = ClusterNode.start(settings, security.config().withFallback(overrides));
            } catch (IllegalStateException e) {
                throw CliException.io("joining " + join + ": " + e.getMessage(), e);
            }
            try {
                node.awaitUp(1, limit).toCompletableFuture().get(limit.toMillis() + 5000, TimeUnit.MILLISECONDS);
                Phases.mark("up");
                return node;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                node.close();
                throw interrupted(join, e);
            } catch (ExecutionException | TimeoutException e) {
                node.close();
                throw CliException.io("could not join the cluster at " + join + " within " + Durations.format(limit)
                        + ": a node listens there, but did not let this one in (does it have the same keys, and can "
                        + "it reach this node at " + settings.bindHost() + "?)", e);
            }
        }
    }

    private void awaitSeed(String join, NodeSettings settings) {
        String unreachable;
        try {
            unreachable = SeedProbe.awaitListening(settings.seeds(), joinTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(join, e);
        }
        if (unreachable != null) {
            throw CliException.io("could not join the cluster at " + join + " within " + Durations.format(joinTimeout)
                    + ": " + unreachable + "; --join-timeout TIME waits longer", null);
        }
    }

    private static CliException interrupted(String join, InterruptedException e) {
        return CliException.io("interrupted while joining the cluster at " + join, e);
    }
}
