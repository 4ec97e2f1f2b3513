package io.nfsdirect.coordinator;

import io.nfsdirect.protocol.api.ChunkDigest;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.chunk.ChunkReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * What a read brings back into its completion: the bytes themselves for a {@link Sink.Reply}
 * sink, each chunk's checksums for a {@link Sink.Digest} sink, nothing for the others. The reply
 * buffer is the request's "user buffer", owned by the request until it completes: chunks land in
 * it in any order, and only the counted prefix is handed over.
 */
final class ReadResults {

    private final long start;
    private final byte[] reply;
    private final boolean digest;
    private final TreeMap<Long, ChunkDigest> digests = new TreeMap<>();

    ReadResults(RequestSpec spec) {
        this.start = spec.offset();
        this.reply = spec.sinkOf(Sink.Reply.class) != null ? new byte[Math.toIntExact(spec.length())] : null;
        this.digest = spec.sinkOf(Sink.Digest.class) != null;
    }

    void add(ChunkReport.Done done) {
        if (reply != null && done.data() != null) {
            System.arraycopy(done.data(), 0, reply, Math.toIntExact(done.offset() - start),
                    Math.min(done.data().length, done.count()));
        }
        if (done.digest() != null && done.count() > 0) {
            digests.put(done.offset(), done.digest());
        }
    }

    /** The counted bytes for a Reply sink, else null. */
    byte[] data(long bytes) {
        if (reply == null) {
            return null;
        }
        return bytes == reply.length ? reply : Arrays.copyOf(reply, Math.toIntExact(bytes));
    }

    /** The checksums of the counted chunks, in offset order, for a Digest sink. */
    List<ChunkDigest> digests(long bytes) {
        return digest ? new ArrayList<>(digests.headMap(start + bytes, false).values()) : List.of();
    }
}
