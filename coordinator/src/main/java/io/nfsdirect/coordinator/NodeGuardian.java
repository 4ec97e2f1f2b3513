package io.nfsdirect.coordinator;

import com.typesafe.config.Config;
import io.nfsdirect.protocol.api.DirectIoProtocol;
import io.nfsdirect.protocol.chunk.WorkerNodeProtocol;
import io.nfsdirect.worker.ClientPool;
import io.nfsdirect.worker.WorkerNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The user guardian of every nfs-direct node, alone in its JVM or in a cluster: it spawns what
 * the node's roles call for, at the paths the large-message configuration names, and lives as
 * long as the node:
 * <ul>
 *   <li>{@code /user/worker}: the {@link WorkerNode}, for the worker role;</li>
 *   <li>{@code /user/direct-io}: {@link DirectIo}, for the coordinator role (its requests are its
 *       children, {@code /user/direct-io/request-<id>});</li>
 *   <li>{@code /user/sinks}: a {@link SpawnProtocol} parent for Stream consumers, on every node,
 *       so that consumers have a path every node treats as a large-message destination.</li>
 * </ul>
 * The worker and DirectIo share the node's one set of NFS clients, and name the node as reports
 * and stats show it: its cluster address, or {@code local}.
 */
public final class NodeGuardian {

    public static final String WORKER = "worker";
    public static final String DIRECT_IO = "direct-io";
    public static final String SINKS = "sinks";

    /** What the guardian spawned, handed to the node once, at start. */
    public record Started(String address, Optional<ActorRef<WorkerNodeProtocol.Command>> worker,
                          Optional<ActorRef<DirectIoProtocol.Command>> directIo, ActorRef<SpawnProtocol.Command> sinks) {
    }

    /**
     * What a node runs.
     *
     * @param address how the node is named, read from its actor system once it runs
     */
    public record Layout(Function<ActorSystem<?>, String> address, List<String> roles, boolean worker,
                         boolean coordinator) {
    }

    private NodeGuardian() {
    }

    public static Behavior<Void> create(Layout layout, CompletableFuture<Started> started) {
        return Behaviors.setup(ctx -> {
            Config config = ctx.getSystem().settings().config();
            String address = layout.address().apply(ctx.getSystem());
            List<String> roles = List.copyOf(layout.roles());
            ClientPool clients = ClientPool.get(ctx.getSystem());
            Optional<ActorRef<WorkerNodeProtocol.Command>> worker = Optional.empty();
            if (layout.worker()) {
                worker = Optional.of(ctx.spawn(WorkerNode.create(clients, address, roles), WORKER));
            }
            Optional<ActorRef<DirectIoProtocol.Command>> directIo = Optional.empty();
            if (layout.coordinator()) {
                directIo = Optional.of(ctx.spawn(
                        DirectIo.create(DirectIoSettings.from(config), clients, address, roles), DIRECT_IO));
            }
            ActorRef<SpawnProtocol.Command> sinks = ctx.spawn(SpawnProtocol.create(), SINKS);
            started.complete(new Started(address, worker, directIo, sinks));
            return Behaviors.empty();
        });
    }
}
