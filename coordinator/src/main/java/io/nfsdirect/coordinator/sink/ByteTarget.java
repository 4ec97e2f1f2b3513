package io.nfsdirect.coordinator.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where an {@link OrderedSink} puts the bytes, in file order. It is called on the sink actor's
 * thread, one call per consumed piece, and may block (a full pipe, a slow disk): the sink runs
 * on a blocking dispatcher for that reason, and a chunk is acknowledged only after this returns,
 * so a slow target slows the read instead of filling memory. An exception ends the sink.
 */
@FunctionalInterface
public interface ByteTarget {

    void accept(byte[] bytes, int offset, int length) throws IOException;

    /** Writes to {@code out}; the caller owns the stream and flushes and closes it. */
    static ByteTarget of(OutputStream out) {
        Objects.requireNonNull(out, "out");
        return out::write;
    }

    /** Feeds {@code digest}; read it once the sink's result has arrived. */
    static ByteTarget of(MessageDigest digest) {
        Objects.requireNonNull(digest, "digest");
        return digest::update;
    }

    /**
     * Hands each piece to {@code consumer} as a read-only view that is only valid during the call,
     * so the consumer must copy what it keeps.
     */
    static ByteTarget of(Consumer<ByteBuffer> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return (bytes, offset, length) -> consumer.accept(ByteBuffer.wrap(bytes, offset, length).asReadOnlyBuffer());
    }
}
