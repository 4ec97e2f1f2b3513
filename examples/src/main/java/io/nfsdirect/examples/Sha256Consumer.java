package io.nfsdirect.examples;

import io.nfsdirect.protocol.api.ChunkData;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A {@code Sink.Stream} consumer that hashes one read with SHA-256 in file order.
 *
 * <p>Workers on any node send {@link ChunkData} here directly, in any order. A chunk that starts
 * where the hashed prefix ends is hashed at once, followed by every held chunk that it makes
 * contiguous; a chunk further on is held. Each chunk is acknowledged only once it has been hashed.
 * That is what bounds the buffer: the request admits a new chunk into its window only for an
 * acknowledged one, so at most {@code window - 1} chunks can ever wait here, whatever the file size.
 *
 * <p>Why the behavior is {@code Behavior<Object>}: the chunks must be addressed to this actor's own
 * path, {@code /user/sinks/<name>}, because that is the path every node sends on Artery's
 * large-message channel (chunks are up to 4 MiB; the ordinary channel drops anything over 256 KiB).
 * A message adapter for {@code ChunkData} would live one level deeper, at
 * {@code /user/sinks/<name>/$$a-adapter}, and miss the pattern. So this actor accepts the
 * protocol's {@code ChunkData} as is, plus its own sealed {@link Control} messages; the request is
 * given the ref narrowed to {@code ActorRef<ChunkData>}.
 *
 * <p>Lifetime: spawned for one request, stopped after answering {@link Finish}.
 */
public final class Sha256Consumer {

    /** What this service (not the cluster) sends the consumer. */
    public sealed interface Control permits Finish {
    }

    /**
     * The request completed with {@code end} = offset + bytes: answer with the digest of exactly
     * {@code [start, end)}, then stop. DirectIo acknowledges a completion only after every chunk of
     * its prefix was acknowledged, and this consumer acknowledges only hashed chunks, so when this
     * arrives the prefix has been hashed already.
     */
    public record Finish(long end, ActorRef<Result> replyTo) implements Control {
    }

    /** The consumer's answer to {@link Finish}. */
    public sealed interface Result permits Digest, Failed {
    }

    /**
     * The SHA-256 of {@code bytes} bytes from the start, how many chunks were hashed and the
     * largest of them, and the most chunks ever held out of order.
     */
    public record Digest(String sha256Hex, long bytes, long chunks, int largestChunk, int maxHeld) implements Result {
    }

    /** The digest cannot be trusted; {@code reason} says why. */
    public record Failed(String reason) implements Result {
    }

    private Sha256Consumer() {
    }

    /**
     * @param requestId the read's id; chunks of any other request are acknowledged and dropped
     * @param start     the read's offset, where hashing starts
     * @param maxHeld   the most chunks that may wait out of order: the read's window
     */
    public static Behavior<Object> create(String requestId, long start, int maxHeld) {
        return Behaviors.setup(ctx -> {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
            return hashing(ctx, new State(requestId, start, maxHeld, sha));
        });
    }

    /** The mutable part, confined to the actor: it is only touched while handling a message. */
    private static final class State {
        final String requestId;
        final long start;
        final int maxHeld;
        final MessageDigest sha;
        final TreeMap<Long, ChunkData> held = new TreeMap<>();
        long next;
        long chunks;
        int largestChunk;
        int mostHeld;

        State(String requestId, long start, int maxHeld, MessageDigest sha) {
            this.requestId = requestId;
            this.start = start;
            this.maxHeld = maxHeld;
            this.sha = sha;
            this.next = start;
        }
    }

    private static Behavior<Object> hashing(ActorContext<Object> ctx, State s) {
        return Behaviors.receive(Object.class)
                .onMessage(ChunkData.class, d -> onChunk(ctx, s, d))
                .onMessage(Finish.class, f -> onFinish(s, f))
                .build();
    }

    /**
     * After a failure: acknowledge and drop everything, so the request can still finish and say
     * in its completion what happened, and answer {@link Finish} with the failure.
     */
    private static Behavior<Object> failed(String reason) {
        return Behaviors.receive(Object.class)
                .onMessage(ChunkData.class, d -> {
                    ack(d);
                    return Behaviors.same();
                })
                .onMessage(Finish.class, f -> {
                    f.replyTo().tell(new Failed(reason));
                    return Behaviors.stopped();
                })
                .build();
    }

    private static Behavior<Object> onChunk(ActorContext<Object> ctx, State s, ChunkData d) {
        long from = d.offset();
        long to = from + d.bytes().length;
        if (!s.requestId.equals(d.requestId()) || to <= s.next) {
            // Another request's chunk, or a chunk already hashed: after a failover the same offset
            // may be delivered again (with the same bytes). Either way it must still be acked.
            ack(d);
            return Behaviors.same();
        }
        if (from > s.next) {
            if (s.held.putIfAbsent(from, d) != null) {
                ack(d); // a repeat of a chunk already waiting
                return Behaviors.same();
            }
            s.mostHeld = Math.max(s.mostHeld, s.held.size());
            if (s.held.size() > s.maxHeld) {
                // Cannot happen while the request honours the window it was given; refusing to
                // grow is what keeps this service's memory bounded if it ever did.
                String reason = s.held.size() + " chunks waiting for offset " + s.next
                        + ", more than the window of " + s.maxHeld;
                ctx.getLog().error("{}", reason);
                releaseHeld(s);
                return failed(reason);
            }
            return Behaviors.same();
        }
        // Hashing a chunk of a few MiB takes milliseconds, so it stays on the default dispatcher.
        hash(s, d);
        for (Map.Entry<Long, ChunkData> first = s.held.firstEntry(); first != null && first.getKey() <= s.next;
             first = s.held.firstEntry()) {
            s.held.pollFirstEntry();
            hash(s, first.getValue());
        }
        return Behaviors.same();
    }

    /** Hashes the part of {@code d} past the prefix (all of it, unless chunks overlap), then acks it. */
    private static void hash(State s, ChunkData d) {
        long to = d.offset() + d.bytes().length;
        if (to > s.next) {
            int skip = Math.toIntExact(s.next - d.offset());
            s.sha.update(d.bytes(), skip, d.bytes().length - skip);
            s.next = to;
            s.chunks++;
            s.largestChunk = Math.max(s.largestChunk, d.bytes().length);
        }
        ack(d);
    }

    private static Behavior<Object> onFinish(State s, Finish f) {
        // Chunks past the end may be held when the request ended early (an error or a cancel
        // in front of them): they will never be hashed, and the request no longer waits for them.
        releaseHeld(s);
        if (s.next != f.end()) {
            f.replyTo().tell(new Failed("hashed up to offset " + s.next + " but the completion ends at " + f.end()));
        } else {
            f.replyTo().tell(new Digest(HexFormat.of().formatHex(s.sha.digest()), s.next - s.start, s.chunks,
                    s.largestChunk, s.mostHeld));
        }
        return Behaviors.stopped();
    }

    private static void releaseHeld(State s) {
        s.held.values().forEach(Sha256Consumer::ack);
        s.held.clear();
    }

    private static void ack(ChunkData d) {
        // The ack goes back to the request that sent the chunk; it moves the request's window.
        d.ackTo().tell(d.ack());
    }
}
