package io.nfsdirect.worker;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The direct buffers that chunk workers read into when the data never leaves the worker (a
 * Digest chunk is hashed where it was read, a Copy chunk written on from the same buffer), taken
 * per chunk and given back when the chunk reports, as {@code direct.c} holds its pages for the
 * life of the request and no longer.
 *
 * <p>Why direct and why pooled: a read into a direct buffer is the kernel's one copy, while a
 * heap array costs the JDK's bounce through a temporary direct buffer, and a fresh megabyte per
 * chunk is a megabyte zeroed, faulted in and collected again. The pool keeps at most
 * {@link #MAX_KEPT} buffers, so what it holds is bounded by that many times the largest chunk;
 * buffers beyond it are left to the collector.
 *
 * <p>A buffer belongs to its taker until {@link #release}: never to two chunks at once. A chunk
 * whose RPC is still on the wire keeps its buffer; one stopped midway simply drops it.
 */
final class ChunkBuffers {

    /** Buffers kept for reuse: a window of 16 on each of a few requests at once. */
    static final int MAX_KEPT = 64;

    private static final ChunkBuffers SHARED = new ChunkBuffers();

    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger kept = new AtomicInteger();

    /** The pool every chunk worker of this JVM shares, like one node's page pool. */
    static ChunkBuffers shared() {
        return SHARED;
    }

    /** A cleared buffer of exactly {@code size} bytes (position 0, limit size). */
    ByteBuffer take(int size) {
        ByteBuffer b = free.poll();
        if (b != null) {
            kept.decrementAndGet();
            if (b.capacity() >= size) {
                return b.clear().limit(size);
            }
        }
        return ByteBuffer.allocateDirect(size);
    }

    /** Gives a buffer back; its taker must not touch it afterwards. */
    void release(ByteBuffer b) {
        if (b != null && b.isDirect() && kept.incrementAndGet() <= MAX_KEPT) {
            free.offer(b);
        } else if (b != null && b.isDirect()) {
            kept.decrementAndGet();
        }
    }

    /** Buffers waiting for reuse now; for tests. */
    int kept() {
        return kept.get();
    }
}
