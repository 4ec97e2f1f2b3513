package io.nfsdirect.coordinator;

import io.nfsdirect.protocol.api.ChunkAck;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.chunk.ChunkTask;
import io.nfsdirect.protocol.chunk.FileRef;
import java.io.IOException;
import org.apache.pekko.actor.typed.ActorRef;

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

    /**
     * What the worker of the chunk at {@code chunkOffset} does. Local files are read and written
     * by this node's own worker ({@code local}) from its own buffers; a chunk of a local write
     * source placed on another node carries its bytes, read here.
     *
     * @param ackTo where a stream consumer acknowledges the chunk's data
     */
    ChunkTask.Op operation(long chunkOffset, int chunkLength, int stable, boolean local, ActorRef<ChunkAck> ackTo)
            throws IOException {
        return switch (kind) {
            case READ -> sink instanceof Sink.Stream s
                    ? new ChunkTask.ReadStream(file, s.consumer(), ackTo)
                    : sink instanceof Sink.Digest
                    ? new ChunkTask.ReadDigest(file)
                    : sink instanceof Sink.LocalFile f
                    ? new ChunkTask.ReadToLocal(file, f.localFile(), f.position(), offset)
                    : new ChunkTask.ReadReply(file);
            case WRITE -> local && source.localFile() != null
                    ? new ChunkTask.WriteFromLocal(file, source.localFile(), source.localPosition(), offset, stable)
                    : new ChunkTask.WriteBytes(file, source.read(chunkOffset - offset, chunkLength), stable);
            case COPY -> new ChunkTask.CopyTo(file, target, stable);
        };
    }

    public String describe() {
        return switch (kind) {
            case READ -> "read " + file.url();
            case WRITE -> "write " + file.url();
            case COPY -> "copy " + file.url() + " to " + target.url();
        };
    }
}
