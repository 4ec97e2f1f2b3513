package io.nfsdirect.protocol.api;

/**
 * A {@link Sink.Stream} consumer is done with a chunk. It names the chunk by its index and the
 * attempt that delivered it, so that a late ack for a chunk read again under a new attempt frees
 * nothing of the new one; {@code offset} is the chunk's, for logs. Build it with
 * {@link ChunkData#ack()}.
 */
public record ChunkAck(String requestId, long offset, int chunk, int attempt) implements CborSerializable {
}
