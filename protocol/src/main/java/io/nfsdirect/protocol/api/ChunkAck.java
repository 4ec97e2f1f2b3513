package io.nfsdirect.protocol.api;

/** A {@link Sink.Stream} consumer is done with the chunk at {@code offset}. */
public record ChunkAck(String requestId, long offset) implements CborSerializable {
}
