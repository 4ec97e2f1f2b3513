package io.nfsdirect.protocol.api;

import java.util.List;

/**
 * The one answer to a {@code Read}, {@code Write} or {@code Copy}: sent exactly once to the
 * request's {@code replyTo}, like the seed's aio completion.
 *
 * @param requestId the id the caller gave
 * @param bytes     the contiguous prefix from the start offset that was transferred (and, for
 *                  writes, is stable on the server)
 * @param error     the first error in file order, or null
 * @param data      the bytes read, for a {@link Sink.Reply} sink; empty otherwise
 * @param digests   per-chunk checksums in offset order, for a {@link Sink.Digest} sink
 * @param counters  what the request cost
 * @param retried   true when {@code DirectIoClient} re-ran the request on another coordinator
 */
public record IoCompletion(String requestId, long bytes, IoError error, byte[] data, List<ChunkDigest> digests,
                           IoCounters counters, boolean retried) implements CborSerializable {

    private static final byte[] NO_DATA = new byte[0];

    public IoCompletion {
        data = data == null ? NO_DATA : data;
        digests = digests == null ? List.of() : List.copyOf(digests);
        counters = counters == null ? IoCounters.NONE : counters;
    }

    public static IoCompletion failed(String requestId, IoError error) {
        return new IoCompletion(requestId, 0, error, null, null, null, false);
    }

    /** The aio-style result: the byte count when positive, else the negative errno (0 for nothing, no error). */
    public long result() {
        if (bytes > 0 || error == null) {
            return bytes;
        }
        return error.negativeErrno();
    }

    public boolean ok() {
        return error == null;
    }

    public IoCompletion asRetried() {
        return new IoCompletion(requestId, bytes, error, data, digests, counters, true);
    }

    @Override
    public String toString() {
        return "IoCompletion[" + requestId + " bytes=" + bytes + (error == null ? "" : " error=" + error)
                + " data=" + data.length + " digests=" + digests.size() + " " + counters + (retried ? " retried" : "") + "]";
    }
}
