package io.nfsdirect.server;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Direct buffers for READ replies.
 *
 * <p>A READ is read from the file into one of these and the reply hands that same buffer to the
 * socket (oncrpc4j's shallow encode), so the data is copied by the kernel twice and by Java not
 * at all: a heap buffer would add a copy into a temporary direct buffer on both sides. A buffer
 * belongs to a reply until oncrpc4j reports the send done or failed, then comes back here.
 * A buffer whose reply never reports (the connection died mid-encode) is simply left to the
 * garbage collector; the pool allocates a replacement, and at most {@code maxPooled} are kept.
 */
final class ReadBuffers {

    /** Below this a heap buffer is cheaper than a trip through the pool. */
    private static final int SMALL = 16 * 1024;

    private final int bufferSize;
    private final BlockingQueue<ByteBuffer> free;

    ReadBuffers(int bufferSize, int maxPooled) {
        this.bufferSize = bufferSize;
        this.free = new ArrayBlockingQueue<>(Math.max(1, maxPooled));
    }

    /** A buffer with position 0 and limit {@code size}; {@code size} is at most the rtmax. */
    ByteBuffer acquire(int size) {
        if (size <= SMALL || size > bufferSize) {
            return ByteBuffer.allocate(size);
        }
        ByteBuffer buffer = free.poll();
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(bufferSize);
        }
        buffer.clear().limit(size);
        return buffer;
    }

    void release(ByteBuffer buffer) {
        if (buffer.isDirect() && buffer.capacity() == bufferSize) {
            free.offer(buffer);
        }
    }
}
