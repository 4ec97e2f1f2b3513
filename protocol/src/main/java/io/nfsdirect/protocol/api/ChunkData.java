package io.nfsdirect.protocol.api;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * One chunk of read data for a {@link Sink.Stream} consumer. Chunks arrive in any order; the
 * consumer answers each with a {@link ChunkAck} to {@code ackTo}, and the request admits no new
 * chunk into its window until an earlier one is acknowledged, so a slow consumer slows the read
 * instead of filling memory.
 */
public record ChunkData(String requestId, long offset, byte[] bytes, ActorRef<ChunkAck> ackTo, int chunk, int attempt)
        implements CborSerializable {

    /** The ack for this chunk, to send to {@link #ackTo()} once done with its bytes. */
    public ChunkAck ack() {
        return new ChunkAck(requestId, offset, chunk, attempt);
    }

    @Override
    public String toString() {
        return "ChunkData[" + requestId + " @" + offset + " +" + bytes.length + "]";
    }
}
