package io.nfsdirect.worker;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory chunk workers read into, kept for the next chunk instead of allocated per chunk,
 * as {@code direct.c} holds its pages for the life of the request and no longer. Two kinds:
 * <ul>
 *   <li><b>direct buffers</b> for data that never leaves the worker (a Digest chunk is hashed
 *       where it was read, a Copy chunk written on from the same bytes): taken per chunk and given
 *       back by the worker itself when the chunk reports;</li>
 *   <li><b>arrays</b> for data that travels on in a {@code ChunkData}: taken by the worker, and
 *       given back with {@link #giveBack(byte[])} by a consumer in this JVM once it has acked the
 *       chunk and is done with its bytes, as nfs-direct's own sinks do. A consumer that never
 *       gives arrays back just leaves them to the collector.</li>
 * </ul>
 *
 * <p>Why: a read into a direct buffer is the kernel's one copy, while a heap array costs the
 * JDK's bounce through a temporary direct buffer; and a fresh megabyte per chunk is a megabyte
 * zeroed, faulted in and collected again (memset alone was 8% of the actor path's CPU).
 *
 * <p>Bounds: each kind keeps at most {@link #keptBytesLimit()} bytes (64 MiB, or an eighth of
 * the heap if that is less); what comes back beyond it is dropped. A buffer or array belongs to
 * one taker at a time: whoever gives it back must not touch it afterwards.
 */
public final class ChunkBuffers {

    /** Smaller arrays are cheap to allocate and not worth keeping. */
    static final int MIN_POOLED_ARRAY = 64 * 1024;

    private static final ChunkBuffers SHARED = new ChunkBuffers(
            Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8));

    private final long keptBytesLimit;
    private final ConcurrentLinkedQueue<ByteBuffer> direct = new ConcurrentLinkedQueue<>();
    private final AtomicLong directBytes = new AtomicLong();
    /**
     * Arrays by length: a ChunkData's array length is its data length, so sizes must match exactly.
     * Only chunk-sized arrays are kept (a power of two of at least {@link #MIN_POOLED_ARRAY}
     * bytes, as rsize is), so the map has a handful of keys however many odd last chunks pass.
     */
    private final ConcurrentHashMap<Integer, ConcurrentLinkedQueue<byte[]>> arrays = new ConcurrentHashMap<>();
    private final AtomicLong arrayBytes = new AtomicLong();

    ChunkBuffers(long keptBytesLimit) {
        this.keptBytesLimit = keptBytesLimit;
    }

    /** The pool every chunk worker and sink of this JVM shares, like one node's page pool. */
    public static ChunkBuffers shared() {
        return SHARED;
    }

    long keptBytesLimit() {
        return keptBytesLimit;
    }

    /** A cleared direct buffer of {@code size} bytes (position 0, limit size; the capacity may be larger). */
    ByteBuffer take(int size) {
        ByteBuffer b = direct.poll();
        if (b != null) {
            directBytes.addAndGet(-b.capacity());
            if (b.capacity() >= size) {
                return b.clear().limit(size);
            }
        }
        return ByteBuffer.allocateDirect(size);
    }

    /** Gives a direct buffer back; its taker must not touch it afterwards. */
    void release(ByteBuffer b) {
        if (b != null && b.isDirect() && reserve(directBytes, b.capacity())) {
            direct.offer(b);
        }
    }

    /** An array of exactly {@code length} bytes, with whatever an earlier chunk left in it. */
    byte[] takeArray(int length) {
        ConcurrentLinkedQueue<byte[]> queue = pooledLength(length) ? arrays.get(length) : null;
        byte[] a = queue == null ? null : queue.poll();
        if (a == null) {
            return new byte[length];
        }
        arrayBytes.addAndGet(-length);
        return a;
    }

    /**
     * Hands back the array of a {@code ChunkData} this JVM's consumer has acked and is done with,
     * for the next chunk of the same size to be read into.
     */
    public void giveBack(byte[] array) {
        if (array != null && pooledLength(array.length) && reserve(arrayBytes, array.length)) {
            arrays.computeIfAbsent(array.length, n -> new ConcurrentLinkedQueue<>()).offer(array);
        }
    }

    private static boolean pooledLength(int length) {
        return length >= MIN_POOLED_ARRAY && Integer.bitCount(length) == 1;
    }

    private boolean reserve(AtomicLong kept, long bytes) {
        if (kept.addAndGet(bytes) <= keptBytesLimit) {
            return true;
        }
        kept.addAndGet(-bytes);
        return false;
    }

    /** Direct bytes waiting for reuse now; for tests. */
    long keptDirectBytes() {
        return directBytes.get();
    }

    /** Array bytes waiting for reuse now; for tests. */
    long keptArrayBytes() {
        return arrayBytes.get();
    }
}
