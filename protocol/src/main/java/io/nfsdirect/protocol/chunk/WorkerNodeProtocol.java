package io.nfsdirect.protocol.chunk;

import io.nfsdirect.protocol.api.CborSerializable;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.NodeStats;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The messages of a node's {@code WorkerNode}, which holds that node's NFS clients and spawns
 * one chunk worker per {@link RunChunk}. Requests find worker nodes through the Receptionist
 * under {@link #SERVICE_KEY}.
 */
public final class WorkerNodeProtocol {

    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "nfs-direct-worker");

    private WorkerNodeProtocol() {
    }

    public sealed interface Command extends CborSerializable permits RunChunk, RunCommit, GetStats {
    }

    /** Spawn a chunk worker for {@code task}; it reports once to {@code replyTo}. */
    public record RunChunk(ChunkTask task, ActorRef<ChunkReport> replyTo) implements Command {
    }

    /** Send one COMMIT for the whole file and answer with the server's verifier. */
    public record RunCommit(String requestId, FileRef file, ActorRef<CommitResult> replyTo) implements Command {
    }

    public record GetStats(ActorRef<NodeStats> replyTo) implements Command {
    }

    public sealed interface CommitResult extends CborSerializable permits Committed, CommitFailed {
        String requestId();
    }

    public record Committed(String requestId, long verifier) implements CommitResult {
    }

    public record CommitFailed(String requestId, IoError error) implements CommitResult {
    }
}
