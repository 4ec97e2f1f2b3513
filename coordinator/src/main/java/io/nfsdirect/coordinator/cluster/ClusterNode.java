package io.nfsdirect.coordinator.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.nfsdirect.coordinator.DirectIoClient;
import io.nfsdirect.coordinator.NodeGuardian;
import io.nfsdirect.protocol.api.DirectIoProtocol;
import io.nfsdirect.protocol.api.NodeStats;
import io.nfsdirect.protocol.chunk.WorkerNodeProtocol;
import io.nfsdirect.worker.Phases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystemImpl;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One nfs-direct node of a Pekko cluster in this JVM: an actor system with the cluster provider,
 * Artery TCP on the node's host and port, the split brain resolver (keep-majority), and what the
 * node's roles call for (see {@link NodeGuardian}). The node joins its seeds, or forms a new
 * cluster by joining itself when it has none.
 *
 * <p>Lifetime: from {@link #start} until {@link #leave()} (graceful: the node's chunks drain
 * first, see {@link GracefulLeave}) or {@link #close()} (immediate). Either terminates the actor
 * system, which stops the node's requests, chunk workers and NFS clients; requests on other nodes
 * re-dispatch the chunks that were running here. Ctrl-C and SIGTERM leave gracefully through
 * Pekko's JVM shutdown hook. A client node whose system does not stop in time is left behind
 * with a warning ({@link TerminationWait}).
 *
 * <p>Configuration: {@code nfs-direct-cluster.conf} (the large-message channel, frame sizes,
 * downing) under application.conf; see that file for the paths a Stream consumer must live at.
 */
public final class ClusterNode implements AutoCloseable {

    public static final String CONFIG_RESOURCE = "nfs-direct-cluster.conf";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);
    /**
     * Not the actor system's logger: the system is the thing that failed to stop, and a warning
     * about it should not depend on it.
     */
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private final NodeSettings settings;
    private final ActorSystem<Void> system;
    private final NodeGuardian.Started started;
    private final ClusterTransport transport;

    private ClusterNode(NodeSettings settings, ActorSystem<Void> system, NodeGuardian.Started started,
                        ClusterTransport transport) {
        this.settings = settings;
        this.system = system;
        this.started = started;
        this.transport = transport;
    }

    /**
     * Starts the node and begins joining; {@link #awaitUp} waits for the membership.
     *
     * @param overrides settings above everything but -D system properties (tests use it); may be empty
     * @throws IllegalStateException when the system cannot start, e.g. the port is taken, or the node
     *                               has neither the cluster's keys nor the insecure setting
     *                               ({@link ClusterTransport})
     */
    public static ClusterNode start(NodeSettings settings, Config overrides) {
        CompletableFuture<NodeGuardian.Started> started = new CompletableFuture<>();
        ActorSystem<Void> system;
        Config config = config(settings, overrides);
        ClusterTransport transport = ClusterTransport.of(config);
        try {
            system = ActorSystem.create(NodeGuardian.create(layout(settings), started), settings.systemName(), config);
        } catch (RuntimeException e) {
            // Typically Artery failing to bind: the port is taken or the host is not this machine's.
            throw new IllegalStateException("cannot start a cluster node on " + settings.bindHost() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
        Phases.mark("system");
        if (transport instanceof ClusterTransport.PlainTcp) {
            system.log().warn("nfs-direct: the cluster transport of {}:{} is plain TCP (--insecure): anyone who can "
                    + "reach this port can join the cluster, run requests and read or write what its nodes can, and "
                    + "malformed frames can exhaust the node; run it only on a trusted network",
                    settings.bindHost(), settings.port());
        } else {
            system.log().info("nfs-direct: cluster transport: {}", transport.describe());
        }
        try {
            NodeGuardian.Started s = started.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            GracefulLeave.install(system, s.worker(), s.directIo());
            Cluster cluster = Cluster.get(system);
            if (settings.seeds().isEmpty()) {
                cluster.manager().tell(Join.create(cluster.selfMember().address()));
            }
            Phases.mark("node");
            return new ClusterNode(settings, system, s, transport);
        } catch (Exception e) {
            system.terminate();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the nfs-direct cluster node did not start", e);
        }
    }

    /** The node's whole configuration; see {@link #CONFIG_RESOURCE} for the precedence. */
    static Config config(NodeSettings settings, Config overrides) {
        Map<String, Object> node = new HashMap<>();
        node.put("pekko.remote.artery.canonical.hostname", settings.bindHost());
        node.put("pekko.remote.artery.canonical.port", settings.port());
        node.put("pekko.cluster.roles", List.copyOf(settings.roles()));
        node.put("pekko.cluster.seed-nodes", settings.seedAddresses());
        ClassLoader loader = ClusterNode.class.getClassLoader();
        Config cluster = ConfigFactory.parseResources(loader, CONFIG_RESOURCE,
                ConfigParseOptions.defaults().setAllowMissing(false));
        Config merged = ConfigFactory.defaultOverrides(loader)
                .withFallback(overrides)
                .withFallback(ConfigFactory.parseMap(node, "NodeSettings"))
                .withFallback(ConfigFactory.defaultApplication(loader))
                .withFallback(cluster)
                .withFallback(ConfigFactory.defaultReference(loader))
                .resolve();
        // The transport's own settings go above everything but -D: a node is TLS or, when its
        // operator says so, plain TCP, whatever else the files say.
        return ConfigFactory.defaultOverrides(loader)
                .withFallback(ClusterTransport.of(merged).settings())
                .withFallback(merged)
                .resolve();
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public NodeSettings settings() {
        return settings;
    }

    /** How this node's Artery connections are protected. */
    public ClusterTransport transport() {
        return transport;
    }

    /** This node's cluster address, {@code pekko://nfsdirect@host:port}, as stats and reports name it. */
    public String address() {
        return started.address();
    }

    public Set<String> roles() {
        return settings.roles();
    }

    /** This node's {@code DirectIo}, when it has the coordinator role. */
    public Optional<ActorRef<DirectIoProtocol.Command>> localDirectIo() {
        return started.directIo();
    }

    /**
     * A {@code DirectIo} of the cluster, found through the Receptionist: this node's own when it
     * has one, else any reachable coordinator's (picked at random, so clients spread over
     * coordinators). Fails with a {@link TimeoutException} when none registers in time.
     */
    public CompletionStage<ActorRef<DirectIoProtocol.Command>> findDirectIo(Duration timeout) {
        if (started.directIo().isPresent()) {
            return CompletableFuture.completedFuture(started.directIo().get());
        }
        return Listings.await(system, DirectIoProtocol.SERVICE_KEY, s -> !s.isEmpty(), timeout,
                "no coordinator (DirectIo) found in the cluster").thenApply(found -> {
                    List<ActorRef<DirectIoProtocol.Command>> all = new ArrayList<>(found);
                    return all.get(ThreadLocalRandom.current().nextInt(all.size()));
                });
    }

    /** Completes once this node sees at least {@code workers} reachable worker nodes registered. */
    public CompletionStage<Void> awaitWorkers(int workers, Duration timeout) {
        return Listings.await(system, WorkerNodeProtocol.SERVICE_KEY, s -> s.size() >= workers, timeout,
                "waiting for " + workers + " worker node(s)").thenApply(s -> null);
    }

    /**
     * The counters of every reachable worker node, sorted by node address. A node that does not
     * answer within {@code timeout} is left out rather than failing the whole call, so stats can
     * still be shown while a node is dying.
     */
    public CompletionStage<List<NodeStats>> workerStats(Duration timeout) {
        return Listings.current(system, WorkerNodeProtocol.SERVICE_KEY, timeout).thenCompose(workers -> {
            List<CompletableFuture<NodeStats>> asks = new ArrayList<>();
            for (ActorRef<WorkerNodeProtocol.Command> w : workers) {
                asks.add(AskPattern.<WorkerNodeProtocol.Command, NodeStats>ask(w, WorkerNodeProtocol.GetStats::new,
                                timeout, system.scheduler()).toCompletableFuture()
                        .exceptionally(failure -> null));
            }
            return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(v -> asks.stream()
                    .map(CompletableFuture::join).filter(s -> s != null)
                    .sorted(Comparator.comparing(NodeStats::node)).toList());
        });
    }

    /**
     * Completes when this node is Up and the cluster has at least {@code members} Up members;
     * fails with a {@link TimeoutException} listing the members seen.
     */
    public CompletionStage<Void> awaitUp(int members, Duration timeout) {
        Cluster cluster = Cluster.get(system);
        return poll(() -> cluster.selfMember().status() == MemberStatus.up() && upMembers(cluster) >= members,
                timeout, () -> "waiting for " + members + " Up member(s), seeing " + cluster.state().getMembers());
    }

    /**
     * Whether this node can take work ({@link Readiness}): Up, and its worker and DirectIo, as its
     * roles have them, registered with the Receptionist. A listing that does not come within
     * {@code timeout} counts as not registered.
     */
    public CompletionStage<Readiness> readiness(Duration timeout) {
        String status = Cluster.get(system).selfMember().status().toString();
        CompletableFuture<Boolean> worker = listed(WorkerNodeProtocol.SERVICE_KEY, started.worker(), timeout);
        CompletableFuture<Boolean> directIo = listed(DirectIoProtocol.SERVICE_KEY, started.directIo(), timeout);
        return worker.thenCombine(directIo, (w, d) -> Readiness.of(status, started.worker().isPresent(), w,
                started.directIo().isPresent(), d));
    }

    private <T> CompletableFuture<Boolean> listed(ServiceKey<T> key,
                                                  Optional<ActorRef<T>> own, Duration timeout) {
        if (own.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        return Listings.current(system, key, timeout).toCompletableFuture()
                .thenApply(refs -> refs.contains(own.get())).exceptionally(failure -> false);
    }

    /** What the node's roles call for, named by its cluster address. */
    private static NodeGuardian.Layout layout(NodeSettings settings) {
        return new NodeGuardian.Layout(system -> Cluster.get(system).selfMember().address().toString(),
                List.copyOf(settings.roles()), settings.has(NodeSettings.WORKER), settings.has(NodeSettings.COORDINATOR));
    }

    private static int upMembers(Cluster cluster) {
        int up = 0;
        for (var m : cluster.state().getMembers()) {
            if (m.status() == MemberStatus.up()) {
                up++;
            }
        }
        return up;
    }

    /** {@link #client(Duration, Duration)}, looking for a coordinator for at most 30 s (or the ask timeout). */
    public DirectIoClient client(Duration askTimeout) {
        Duration find = Duration.ofSeconds(30);
        return client(askTimeout, askTimeout.compareTo(find) < 0 ? askTimeout : find);
    }

    /**
     * A client for this node's {@code DirectIo}, or, on a node without the coordinator role, for
     * one found in the cluster (blocking up to {@code findTimeout} for it). Should that coordinator
     * die before answering, the client re-runs a re-runnable request on another one it finds
     * through the Receptionist.
     *
     * @param askTimeout how long a request may go unanswered (a guard, not an I/O limit)
     * @throws IllegalStateException when no coordinator is found in time
     */
    public DirectIoClient client(Duration askTimeout, Duration findTimeout) {
        try {
            return new DirectIoClient(system, findDirectIo(findTimeout).toCompletableFuture().get(), askTimeout,
                    DirectIoClient.receptionistFinder(system, findTimeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking for a coordinator", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Spawns a Stream consumer at {@code /user/sinks/<name>} (a suffix is added when the name is
     * taken), a path every node sends chunk data to on Artery's large-message stream. A consumer
     * spawned elsewhere gets chunks only as large as the ordinary frame holds.
     */
    public <T> CompletionStage<ActorRef<T>> spawnConsumer(Behavior<T> behavior, String name, Duration timeout) {
        return AskPattern.<SpawnProtocol.Command, ActorRef<T>>ask(started.sinks(),
                replyTo -> new SpawnProtocol.Spawn<>(behavior, name, Props.empty(), replyTo), timeout,
                system.scheduler());
    }

    /**
     * Leaves the cluster gracefully and returns once the actor system has terminated: this node's
     * services leave the Receptionist, its running chunks drain (or, past the drain timeout, are
     * re-dispatched by their requests), then the member leaves and the system stops.
     *
     * <p>A client node waits at most {@code nfs-direct.cluster.client-leave-timeout}, and should
     * its system still not have stopped, logs what still runs and returns; see
     * {@link TerminationWait} for why. Any other node throws then.
     *
     * @throws IllegalStateException when a node that is not a client does not stop within its drain
     *                               timeout plus {@code nfs-direct.cluster.stop-timeout}
     */
    public void leave() {
        CoordinatedShutdown.get(system).run(GracefulLeave.LeaveReason.INSTANCE);
        Config config = system.settings().config();
        awaitTermination(client()
                ? config.getDuration("nfs-direct.cluster.client-leave-timeout")
                : config.getDuration("nfs-direct.cluster.drain.timeout")
                .plus(config.getDuration("nfs-direct.cluster.stop-timeout")));
    }

    /**
     * Stops the node at once: no drain (the cluster still sees it leave, when it can). Idempotent.
     * Bounded as {@link #leave()} is for a client node, else by {@code nfs-direct.cluster.stop-timeout}.
     */
    @Override
    public void close() {
        system.terminate();
        Config config = system.settings().config();
        awaitTermination(config.getDuration(client() ? "nfs-direct.cluster.client-leave-timeout"
                : "nfs-direct.cluster.stop-timeout"));
    }

    /**
     * Blocks while the node runs, and returns once its system has stopped, however it was stopped:
     * a leave, a close, or a shutdown from within, such as a downing by the resolver. A shutdown
     * under way runs its phases, each bounded by its own timeout; the termination after them can
     * stall for good ({@link TerminationWait}), and a downed node that never exits is never
     * restarted by whatever runs it. So the system then gets {@code nfs-direct.cluster.terminate-grace}
     * more, and past that the node warns what still runs and is left behind.
     *
     * @return true when the system terminated, false when a stalled one was left behind
     */
    public boolean awaitStopped() throws InterruptedException {
        CompletableFuture<?> terminated = system.getWhenTerminated().toCompletableFuture();
        CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
        Optional<CoordinatedShutdown.Reason> reason;
        // A running node is not bounded; a shutdown, once begun (it sets its reason first), is.
        while ((reason = shutdown.getShutdownReason()).isEmpty()) {
            try {
                terminated.get(1, TimeUnit.SECONDS);
                return true;
            } catch (ExecutionException | TimeoutException e) {
                // Still running (whenTerminated does not fail).
            }
        }
        try {
            // With a shutdown under way, runAll hands back its completion rather than starting another.
            shutdown.runAll(reason.get()).toCompletableFuture().get();
        } catch (ExecutionException e) {
            // A phase failed: the termination after it is bounded all the same.
        }
        return TerminationWait.await(terminated, system.settings().config().getDuration(
                "nfs-direct.cluster.terminate-grace"), address(), "its shutdown has run", this::stillRunning,
                this::warn);
    }

    /** A client node only sent requests: once its command is done, nothing on it is worth waiting for. */
    private boolean client() {
        return settings.has(NodeSettings.CLIENT);
    }

    private void awaitTermination(Duration timeout) {
        TerminationWait.await(system.getWhenTerminated(), timeout, address(),
                client() ? "a client node has nothing left to do" : null, this::stillRunning, this::warn);
    }

    private void warn(String message) {
        LOG.warn("nfs-direct: {}", message);
    }

    /** What keeps a stalled system from terminating, as far as can be seen from outside it. */
    private String stillRunning() {
        StringBuilder b = new StringBuilder(TerminationWait.threads(Thread.getAllStackTraces()));
        org.apache.pekko.actor.ActorSystem classic = Adapter.toClassic(system);
        // printTree is Pekko's internal API, but the only view of which actors have not stopped.
        if (classic instanceof ActorSystemImpl impl) {
            b.append("\nactors:\n").append(impl.printTree());
        }
        return b.toString();
    }

    /** Address of a worker or DirectIo ref, as IoOptions.nodes() and reports name nodes. */
    public String addressOf(ActorRef<?> ref) {
        Address a = ref.path().address();
        return (a.hasGlobalScope() ? a : system.address()).toString();
    }

    private CompletionStage<Void> poll(BooleanSupplier done, Duration timeout, Supplier<String> describe) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        Cancellable[] task = new Cancellable[1];
        // The first check runs one period after the assignment below, so the task can cancel itself.
        task[0] = system.scheduler().scheduleAtFixedRate(POLL, POLL, () -> {
            if (result.isDone()) {
                return;
            }
            if (done.getAsBoolean()) {
                result.complete(null);
            } else if (System.nanoTime() > deadline) {
                result.completeExceptionally(new TimeoutException(describe.get()));
            }
            if (result.isDone()) {
                task[0].cancel();
            }
        }, system.executionContext());
        return result;
    }

    @Override
    public String toString() {
        return "ClusterNode[" + address() + " " + roles() + "]";
    }
}
