package io.nfsdirect.worker;

import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.chunk.FileRef;
import io.nfsdirect.protocol.chunk.WorkerNodeProtocol;
import io.nfsdirect.protocol.chunk.WorkerNodeProtocol.Command;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * A node's worker: one per node, registered with the Receptionist so requests on any node can
 * find it. It runs its chunks on the node's NFS clients ({@link ClientPool}, shared with the
 * node's DirectIo), spawns one {@link ChunkWorker} per chunk attempt, and runs the one COMMIT that
 * ends a multi-chunk write. When it stops, its chunk workers stop with it; a request watching this
 * actor sees it terminate and re-dispatches those chunks elsewhere. The clients close with the
 * node, failing whatever they had pending.
 */
public final class WorkerNode {

    private WorkerNode() {
    }

    /**
     * @param node  how reports and stats name this node (its cluster address, or "local")
     * @param roles the node's roles, for stats
     */
    public static Behavior<Command> create(ClientPool clients, String node, List<String> roles) {
        return Behaviors.setup(ctx -> {
            NodeCounters counters = NodeCounters.get(ctx.getSystem());
            ctx.getSystem().receptionist().tell(Receptionist.register(WorkerNodeProtocol.SERVICE_KEY, ctx.getSelf()));
            return Behaviors.receive(Command.class)
                    .onMessage(WorkerNodeProtocol.RunChunk.class, m -> {
                        ctx.spawnAnonymous(ChunkWorker.create(m.task(), m.replyTo(), clients, counters, node));
                        return Behaviors.same();
                    })
                    .onMessage(WorkerNodeProtocol.RunCommit.class, m -> {
                        commit(clients, m);
                        return Behaviors.same();
                    })
                    .onMessage(WorkerNodeProtocol.GetStats.class, m -> {
                        m.replyTo().tell(counters.snapshot(node, roles));
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    /**
     * One COMMIT of the whole file (offset 0, count 0). The answer goes straight from the
     * client's completion to the request: no state of this actor is involved.
     */
    private static void commit(ClientPool clients, WorkerNodeProtocol.RunCommit m) {
        FileRef file = m.file();
        String context = "commit " + file.url();
        clients.get(file)
                .thenCompose(c -> c.commit(new NfsFh3(file.handle()), 0, 0))
                .whenComplete((res, failure) -> {
                    if (failure != null) {
                        m.replyTo().tell(new WorkerNodeProtocol.CommitFailed(m.requestId(),
                                IoError.restated(failure, context, -1)));
                    } else if (res.status != Nfs3.NFS3_OK) {
                        m.replyTo().tell(new WorkerNodeProtocol.CommitFailed(m.requestId(),
                                IoError.status(NfsStatus.of(res.status), context, -1)));
                    } else {
                        m.replyTo().tell(new WorkerNodeProtocol.Committed(m.requestId(),
                                ByteBuffer.wrap(res.verf).getLong()));
                    }
                });
    }
}
