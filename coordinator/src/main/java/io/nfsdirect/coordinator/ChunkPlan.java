package io.nfsdirect.coordinator;

/**
 * How one direct request is cut into rsize/wsize chunks.
 *
 * <p>The plan is arithmetic only: chunk {@code i} covers
 * {@code [offset + i*chunkSize, min(end, offset + (i+1)*chunkSize))}. Nothing is materialized per
 * chunk, so a plan for a multi-terabyte range costs the same as one for a single page; the
 * request walks it with a cursor while its window admits more chunks in flight.
 */
public record ChunkPlan(long offset, long length, int chunkSize) {

    public ChunkPlan {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must be >= 0: " + offset + ", " + length);
        }
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunk size must be > 0: " + chunkSize);
        }
        if (length > Long.MAX_VALUE - offset) {
            throw new IllegalArgumentException("offset + length overflows: " + offset + " + " + length);
        }
    }

    /**
     * The largest transfer size taken by default, as Linux caps rsize/wsize (1 MiB): servers that
     * prefer more (NFS-Ganesha says 64 MiB) would otherwise make every chunk, and so every window,
     * that large. A caller may still ask for more, up to the server's maximum.
     */
    public static final int DEFAULT_MAX_TRANSFER = 1 << 20;

    /**
     * The transfer size for one RPC: what the caller asked for, never above what the server
     * accepts (rtmax/wtmax), and the server's preferred size, up to {@link #DEFAULT_MAX_TRANSFER},
     * when the caller did not ask. Servers that report 0 for a field (some do for pref) fall back
     * to the other field.
     */
    public static int transferSize(int requested, int serverMax, int serverPref) {
        int max = serverMax > 0 ? serverMax : Integer.MAX_VALUE;
        if (requested > 0) {
            return Math.min(requested, max);
        }
        if (serverPref > 0) {
            return Math.min(Math.min(serverPref, max), DEFAULT_MAX_TRANSFER);
        }
        if (serverMax > 0) {
            return Math.min(serverMax, DEFAULT_MAX_TRANSFER);
        }
        throw new IllegalArgumentException("the server reported neither a maximum nor a preferred transfer size");
    }

    public long end() {
        return offset + length;
    }

    public int count() {
        long n = (length + chunkSize - 1) / chunkSize;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalStateException("too many chunks: " + n);
        }
        return (int) n;
    }

    public long chunkOffset(int index) {
        checkIndex(index);
        return offset + (long) index * chunkSize;
    }

    public int chunkLength(int index) {
        long start = chunkOffset(index);
        return (int) Math.min(chunkSize, end() - start);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= count()) {
            throw new IndexOutOfBoundsException("chunk " + index + " of " + count());
        }
    }
}
