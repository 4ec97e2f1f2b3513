package io.nfsdirect.coordinator;

import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.chunk.FileRef;

/**
 * Everything a {@link DirectRequest} needs once {@code DirectIo} has checked and resolved the
 * call: the file as every node can reach it, the range, the transfer size and the window.
 *
 * @param file     the file read (READ, COPY) or written (WRITE)
 * @param target   the file written by a COPY, else null
 * @param sink     where read data goes; null for WRITE and COPY
 * @param source   where written data comes from; null for READ and COPY
 */
public record RequestSpec(String requestId, Kind kind, FileRef file, FileRef target, long offset, long length,
                          int chunkSize, int window, boolean stable, Sink sink, ChunkSource source,
                          int maxAttempts) {

    public enum Kind { READ, WRITE, COPY }

    public ChunkPlan plan() {
        return new ChunkPlan(offset, length, chunkSize);
    }

    public String describe() {
        return switch (kind) {
            case READ -> "read " + file.url();
            case WRITE -> "write " + file.url();
            case COPY -> "copy " + file.url() + " to " + target.url();
        };
    }
}
