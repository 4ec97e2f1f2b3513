package io.nfsdirect.coordinator;

import com.typesafe.config.Config;
import io.nfsdirect.protocol.api.DirectIoProtocol;
import io.nfsdirect.worker.ClientPool;
import io.nfsdirect.worker.Phases;
import io.nfsdirect.worker.WorkerNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * One nfs-direct node in a JVM: an actor system whose {@link NodeGuardian} runs a
 * {@link WorkerNode} and a {@link DirectIo}, both registered with the Receptionist. Closing the node terminates the system,
 * which stops every request, chunk worker and NFS client with it.
 */
public final class NfsDirectNode implements AutoCloseable {

    public static final List<String> LOCAL_ROLES = List.of("coordinator", "worker");

    private final ActorSystem<Void> system;
    private final ActorRef<DirectIoProtocol.Command> directIo;

    private NfsDirectNode(ActorSystem<Void> system, ActorRef<DirectIoProtocol.Command> directIo) {
        this.system = system;
        this.directIo = directIo;
    }

    /** A coordinator and worker in this JVM, without a cluster: the single-node setup. */
    public static NfsDirectNode startLocal(String name, Config config) {
        CompletableFuture<NodeGuardian.Started> started = new CompletableFuture<>();
        NodeGuardian.Layout layout = new NodeGuardian.Layout(system -> "local", LOCAL_ROLES, true, true);
        ActorSystem<Void> system = ActorSystem.create(NodeGuardian.create(layout, started), name, config.withFallback(
                com.typesafe.config.ConfigFactory.load()));
        Phases.mark("system");
        try {
            NfsDirectNode node = new NfsDirectNode(system, started.get(30, TimeUnit.SECONDS).directIo().orElseThrow());
            Phases.mark("node");
            return node;
        } catch (Exception e) {
            system.terminate();
            throw new IllegalStateException("the nfs-direct node did not start", e);
        }
    }

    /** The node's NFS clients, for calls outside direct I/O (metadata); they close with the node. */
    public ClientPool clients() {
        return ClientPool.get(system);
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public ActorRef<DirectIoProtocol.Command> directIo() {
        return directIo;
    }

    public DirectIoClient client(Duration askTimeout) {
        return new DirectIoClient(system, directIo, askTimeout);
    }

    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
    }
}
