package io.nfsdirect.coordinator.cluster;

import com.typesafe.config.Config;
import io.nfsdirect.coordinator.DirectIo;
import io.nfsdirect.coordinator.DirectIoSettings;
import io.nfsdirect.protocol.api.DirectIoProtocol;
import io.nfsdirect.protocol.chunk.WorkerNodeProtocol;
import io.nfsdirect.worker.ClientPool;
import io.nfsdirect.worker.WorkerNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The user guardian of a cluster node: it spawns what the node's roles call for, at the paths the
 * large-message configuration names, and lives as long as the node:
 * <ul>
 *   <li>{@code /user/worker}: the {@link WorkerNode}, for the worker role;</li>
 *   <li>{@code /user/direct-io}: {@link DirectIo}, for the coordinator role (its requests are its
 *       children, {@code /user/direct-io/request-<id>});</li>
 *   <li>{@code /user/sinks}: a {@link SpawnProtocol} parent for Stream consumers, on every node,
 *       so that consumers have a path every node treats as a large-message destination.</li>
 * </ul>
 * Both the worker and DirectIo name the node by its cluster address, as reports and stats show it.
 */
final class NodeGuardian {

    static final String WORKER = "worker";
    static final String DIRECT_IO = "direct-io";
    static final String SINKS = "sinks";

    /** What the guardian spawned, handed to {@link ClusterNode} once, at start. */
    record Started(String address, Optional<ActorRef<WorkerNodeProtocol.Command>> worker,
                   Optional<ActorRef<DirectIoProtocol.Command>> directIo, ActorRef<SpawnProtocol.Command> sinks) {
    }

    private NodeGuardian() {
    }

    static Behavior<Void> create(NodeSettings settings, CompletableFuture<Started> started) {
        return Behaviors.setup(ctx -> {
            Config config = ctx.getSystem().settings().config();
            String address = Cluster.get(ctx.getSystem()).selfMember().address().toString();
            List<String> roles = List.copyOf(settings.roles());
            // One set of NFS clients for the node: its worker and DirectIo share it.
            ClientPool clients = ClientPool.get(ctx.getSystem());
            Optional<ActorRef<WorkerNodeProtocol.Command>> worker = Optional.empty();
            if (settings.has(NodeSettings.WORKER)) {
                worker = Optional.of(ctx.spawn(WorkerNode.create(clients, address, roles), WORKER));
            }
            Optional<ActorRef<DirectIoProtocol.Command>> directIo = Optional.empty();
            if (settings.has(NodeSettings.COORDINATOR)) {
                directIo = Optional.of(ctx.spawn(
                        DirectIo.create(DirectIoSettings.from(config), clients, address, roles), DIRECT_IO));
            }
            ActorRef<SpawnProtocol.Command> sinks = ctx.spawn(SpawnProtocol.create(), SINKS);
            started.complete(new Started(address, worker, directIo, sinks));
            return Behaviors.empty();
        });
    }
}
