package io.nfsdirect.protocol.api;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The public messages of the {@code DirectIo} front door, found through the Receptionist
 * under {@link #SERVICE_KEY}. Every request names the id the caller will see again in its
 * {@link IoCompletion}; a {@link Cancel} with that id stops it.
 */
public final class DirectIoProtocol {

    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "nfs-direct-io");

    private DirectIoProtocol() {
    }

    /** Everything a client may send {@code DirectIo}; the actor's own messages are private to it. */
    public sealed interface Command extends CborSerializable
            permits Read, Write, Copy, Cancel, GetStats {
    }

    /** Read {@code length} bytes at {@code offset} of {@code url} into {@code sink}. */
    public record Read(String requestId, String url, long offset, long length, Sink sink, IoOptions options,
                       ActorRef<IoCompletion> replyTo) implements Command {
    }

    /** Write {@code source} at {@code offset} of {@code url}; completes when every byte is stable. */
    public record Write(String requestId, String url, long offset, WriteSource source, IoOptions options,
                        ActorRef<IoCompletion> replyTo) implements Command {
    }

    /**
     * Copy {@code length} bytes at {@code offset} of {@code sourceUrl} to the same offsets of
     * {@code targetUrl} (possibly on another server): each worker reads its chunk and writes it
     * straight to the target, so the data never passes through the request.
     */
    public record Copy(String requestId, String sourceUrl, String targetUrl, long offset, long length,
                       IoOptions options, ActorRef<IoCompletion> replyTo) implements Command {
    }

    /** Stop dispatching {@code requestId}; its asker gets ECANCELED with the bytes done. */
    public record Cancel(String requestId) implements Command {
    }

    /** This node's counters, like {@code /proc/self/mountstats}. */
    public record GetStats(ActorRef<NodeStats> replyTo) implements Command {
    }
}
