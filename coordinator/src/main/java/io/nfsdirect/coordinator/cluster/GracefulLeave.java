package io.nfsdirect.coordinator.cluster;

import com.typesafe.config.Config;
import io.nfsdirect.protocol.api.DirectIoProtocol;
import io.nfsdirect.protocol.api.NodeStats;
import io.nfsdirect.protocol.chunk.WorkerNodeProtocol;
import io.nfsdirect.worker.NodeCounters;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * What a node does on its way out of the cluster, hooked into Pekko's CoordinatedShutdown so it
 * runs however the leave starts: {@link ClusterNode#leave()}, Ctrl-C or SIGTERM (the JVM's
 * shutdown hook), or a {@code Cluster.leave} from elsewhere.
 *
 * <ol>
 *   <li>service-unbind: the node's WorkerNode and DirectIo leave the Receptionist, so coordinators
 *       stop placing chunks here and clients stop finding this coordinator;</li>
 *   <li>service-requests-done: the node waits until its chunks have drained: none in flight and
 *       none started for {@code nfs-direct.cluster.drain.quiet}, which covers the Receptionist
 *       update still travelling to the coordinators, up to {@code drain.timeout};</li>
 *   <li>then Pekko's own phases: Cluster leave, exiting, termination. A chunk still running at
 *       that point dies with the node; its request watches the WorkerNode, sees it terminate and
 *       re-dispatches the chunk under a new attempt.</li>
 * </ol>
 * A plain {@code ActorSystem.terminate()} ({@link ClusterNode#close()}) and a node downed by the
 * split brain resolver skip the drain: they stop at once.
 */
final class GracefulLeave {

    /** The reason {@link ClusterNode#leave()} gives CoordinatedShutdown. */
    enum LeaveReason implements CoordinatedShutdown.Reason {
        INSTANCE
    }

    private static final Duration POLL = Duration.ofMillis(100);

    private GracefulLeave() {
    }

    static void install(ActorSystem<?> system, Optional<ActorRef<WorkerNodeProtocol.Command>> worker,
                        Optional<ActorRef<DirectIoProtocol.Command>> directIo) {
        Config drain = system.settings().config().getConfig("nfs-direct.cluster.drain");
        Duration quiet = drain.getDuration("quiet");
        Duration timeout = drain.getDuration("timeout");
        CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
        shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "nfs-direct-deregister", () -> {
            if (graceful(shutdown)) {
                worker.ifPresent(w -> system.receptionist().tell(
                        Receptionist.deregister(WorkerNodeProtocol.SERVICE_KEY, w)));
                directIo.ifPresent(d -> system.receptionist().tell(
                        Receptionist.deregister(DirectIoProtocol.SERVICE_KEY, d)));
            }
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        shutdown.addTask(CoordinatedShutdown.PhaseServiceRequestsDone(), "nfs-direct-drain-chunks", () ->
                worker.isPresent() && graceful(shutdown)
                        ? drain(system, quiet, timeout)
                        : CompletableFuture.completedFuture(Done.getInstance()));
    }

    private static boolean graceful(CoordinatedShutdown shutdown) {
        Optional<CoordinatedShutdown.Reason> reason = shutdown.getShutdownReason();
        return reason.isPresent() && (reason.get() == LeaveReason.INSTANCE
                || reason.get() == CoordinatedShutdown.jvmExitReason()
                || reason.get() == CoordinatedShutdown.clusterLeavingReason());
    }

    /** Completes when the node's chunks have been quiet for {@code quiet}, or at {@code timeout}. */
    private static CompletionStage<Done> drain(ActorSystem<?> system, Duration quiet, Duration timeout) {
        NodeCounters counters = NodeCounters.get(system);
        CompletableFuture<Done> done = new CompletableFuture<>();
        long start = System.nanoTime();
        long[] lastServed = {served(counters)};
        long[] lastChange = {start};
        Cancellable[] poll = new Cancellable[1];
        poll[0] = system.scheduler().scheduleAtFixedRate(POLL, POLL, () -> {
            long now = System.nanoTime();
            long served = served(counters);
            if (served != lastServed[0] || counters.inFlightChunks() > 0) {
                lastServed[0] = served;
                lastChange[0] = now;
            }
            if (now - lastChange[0] >= quiet.toNanos()) {
                done.complete(Done.getInstance());
            } else if (now - start >= timeout.toNanos()) {
                system.log().warn("Leaving with {} chunk(s) still running after {} ms; their requests will "
                        + "re-dispatch them", counters.inFlightChunks(), timeout.toMillis());
                done.complete(Done.getInstance());
            }
            if (done.isDone()) {
                poll[0].cancel();
            }
        }, system.executionContext());
        return done;
    }

    private static long served(NodeCounters counters) {
        NodeStats stats = counters.snapshot("", List.of());
        return stats.chunksServed();
    }
}
