package io.nfsdirect.coordinator;

/**
 * The byte count of a direct request: the contiguous prefix from the start offset, up to the
 * first EOF or error in file order, as modern Linux computes {@code dreq->max_count}.
 *
 * <p>Chunks report in any order. A short read not at EOF never reaches this class (the worker
 * resends the remainder), so every report is either a full chunk, an EOF that ends the file
 * inside the chunk, or an error at some offset. The prefix is therefore the range end cut back to
 * the lowest EOF point and the lowest error offset, and no per-chunk state is needed; the caller
 * only asks for {@link #bytes()} once every dispatched chunk has reported and the undispatched
 * tail has been cut.
 *
 * <p>The kept error is the one at the lowest offset, and only while it lies inside the range that
 * an EOF has not already ended: an error past EOF concerns bytes the file does not have. When
 * bytes and an error are both present, bytes win for the aio-style result, and the error still
 * travels with the completion.
 *
 * @param <E> the error description carried to the completion
 */
public final class PrefixAccounting<E> {

    private final long start;
    /** Where EOF ends the file's data; an error past it is about bytes the file does not have. */
    private long limit;
    /** Where a cut ends the count, EOF or not; an error past it still is the request's error. */
    private long cutAt = Long.MAX_VALUE;
    private long errorOffset = Long.MAX_VALUE;
    private E error;

    public PrefixAccounting(long start, long length) {
        this.start = start;
        this.limit = start + length;
    }

    /** A chunk at {@code chunkOffset} reported {@code count} bytes, ending the file there if {@code eof}. */
    public void done(long chunkOffset, long count, boolean eof) {
        if (eof) {
            limit = Math.min(limit, chunkOffset + count);
        }
    }

    /** A chunk failed at {@code offset}; the first error in file order is kept. */
    public void failed(long offset, E cause) {
        if (offset < errorOffset) {
            errorOffset = offset;
            error = cause;
        }
    }

    /**
     * Nothing at or past {@code offset} is counted (a cancelled tail, writes a failed COMMIT leaves
     * unstable). {@code cause}, when given, becomes the request's error only if no error was kept
     * before: a COMMIT that fails because the server went away after a WRITE failed must not
     * replace that WRITE's error, which says what went wrong first, and where.
     */
    public void cut(long offset, E cause) {
        if (cause != null && error() == null) {
            failed(offset, cause);
        } else {
            cutAt = Math.min(cutAt, offset);
        }
    }

    /** Rewrites the kept error, if there is one, to tell what followed it; its offset stays. */
    public void amendError(java.util.function.UnaryOperator<E> amend) {
        if (error() != null) {
            error = amend.apply(error);
        }
    }

    public long bytes() {
        return Math.max(0, Math.min(Math.min(limit, cutAt), errorOffset) - start);
    }

    /** The first error, or null when none falls inside the file's data. */
    public E error() {
        return errorOffset < limit ? error : null;
    }

    public long errorOffset() {
        return error() == null ? -1 : errorOffset;
    }

    /** True when every byte from here on is already outside the count: dispatching more is waste. */
    public boolean endedBefore(long offset) {
        return Math.min(Math.min(limit, cutAt), errorOffset) <= offset;
    }
}
