package io.nfsdirect.coordinator;

import io.nfsdirect.protocol.api.ChunkAck;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.chunk.ChunkTask;
import io.nfsdirect.protocol.chunk.FileRef;
import java.io.IOException;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Everything a {@link DirectRequest} needs once {@code DirectIo} has checked and resolved the
 * call: the file as every node can reach it, what to do with it, the range, the transfer size
 * and the window.
 *
 * @param file the file read (by a read or a copy) or written (by a write)
 */
public record RequestSpec(String requestId, FileRef file, Work work, long offset, long length, int chunkSize,
                          int window, boolean stable, int maxAttempts) {

    /** What a request does with its file; each kind holds what it needs and nothing else. */
    public sealed interface Work permits Read, Write, Copy {
    }

    /** Reads the range into {@code sink}. */
    public record Read(Sink sink) implements Work {
    }

    /** Writes what {@code source} holds; the request owns the source and closes it when it stops. */
    public record Write(ChunkSource source) implements Work {
    }

    /** Copies the range to the same offsets of {@code target}. */
    public record Copy(FileRef target) implements Work {
    }

    public ChunkPlan plan() {
        return new ChunkPlan(offset, length, chunkSize);
    }

    /** Whether chunks write to a server (a write, or a copy's target), and so end with a COMMIT when UNSTABLE. */
    public boolean writes() {
        return !(work instanceof Read);
    }

    /** {@code read}, {@code write} or {@code copy}, as the node's metrics name the request. */
    public String op() {
        return work instanceof Read ? "read" : work instanceof Write ? "write" : "copy";
    }

    /** The read's sink when it is a {@code kind}; null when it is another, or the request is no read. */
    public <S extends Sink> S sinkOf(Class<S> kind) {
        return work instanceof Read r && kind.isInstance(r.sink()) ? kind.cast(r.sink()) : null;
    }

    /** The file chunks write to, which the COMMIT makes stable: a copy's target, or the written file. */
    public FileRef writtenFile() {
        return work instanceof Copy c ? c.target() : file;
    }

    /** This spec cut into chunks of {@code size} instead. */
    public RequestSpec withChunkSize(int size) {
        return new RequestSpec(requestId, file, work, offset, length, size, window, stable, maxAttempts);
    }

    /** Closes the write source, if there is one: when the request stops, or never starts. */
    public void closeSource() {
        if (work instanceof Write w) {
            w.source().close();
        }
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
        if (work instanceof Read r) {
            return r.sink() instanceof Sink.Stream s ? new ChunkTask.ReadStream(file, s.consumer(), ackTo)
                    : r.sink() instanceof Sink.Digest ? new ChunkTask.ReadDigest(file)
                    : r.sink() instanceof Sink.LocalFile f ? new ChunkTask.ReadToLocal(file, f.localFile(), f.position(), offset)
                    : new ChunkTask.ReadReply(file);
        }
        if (work instanceof Write w) {
            ChunkSource source = w.source();
            return local && source.localFile() != null
                    ? new ChunkTask.WriteFromLocal(file, source.localFile(), source.localPosition(), offset, stable)
                    : new ChunkTask.WriteBytes(file, source.read(chunkOffset - offset, chunkLength), stable);
        }
        return new ChunkTask.CopyTo(file, ((Copy) work).target(), stable);
    }

    public String describe() {
        if (work instanceof Copy c) {
            return "copy " + file.url() + " to " + c.target().url();
        }
        return (work instanceof Read ? "read " : "write ") + file.url();
    }
}
