package io.nfsdirect.cli;

import com.typesafe.config.Config;
import io.nfsdirect.coordinator.cluster.ClusterNode;
import io.nfsdirect.coordinator.cluster.NodeSettings;
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

    @Option(names = "--join-timeout", paramLabel = "TIME", converter = Durations.Converter.class,
            defaultValue = "10s",
            description = "with --join: how long the client node may take to start and be Up in the cluster before the "
                    + "command fails (default: ${DEFAULT-VALUE})")
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
     * @throws CliException (exit 1) when the node cannot start or is not Up within --join-timeout
     */
    ClusterNode startClient(String join, Config overrides) {
        NodeSettings settings = settings(join);
        // The node's own start counts: the user waits for both.
        long deadline = System.nanoTime() + joinTimeout.toNanos();
        try (Logging.Quiet quiet = Logging.quietWhileJoining()) {
            ClusterNode node;
            try {
                node = ClusterNode.start(settings, security.config().withFallback(overrides));
            } catch (IllegalStateException e) {
                throw CliException.io("joining " + join + ": " + e.getMessage(), e);
            }
            try {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                node.awaitUp(1, left).toCompletableFuture().get(left.toMillis() + 5000, TimeUnit.MILLISECONDS);
                return node;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                node.close();
                throw CliException.io("interrupted while joining the cluster at " + join, e);
            } catch (ExecutionException | TimeoutException e) {
                node.close();
                throw CliException.io("could not join the cluster at " + join + " within "
                        + Durations.format(joinTimeout) + ": is a node running there, and can it reach this node at "
                        + settings.bindHost() + "? (--join-timeout TIME waits longer)", e);
            }
        }
    }
}
