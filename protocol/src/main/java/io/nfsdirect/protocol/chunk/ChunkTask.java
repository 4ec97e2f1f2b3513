package io.nfsdirect.protocol.chunk;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.nfsdirect.protocol.api.CborSerializable;
import io.nfsdirect.protocol.api.ChunkAck;
import io.nfsdirect.protocol.api.ChunkData;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One chunk attempt, as a request hands it to a worker node. Everything a worker needs is in
 * here and nothing is local to the requesting JVM, so the worker may live on any node; the
 * exceptions are the two local-file ops, which name a file registered on the request's own node
 * and only ever go to that node's worker.
 *
 * @param attempt counts re-dispatches of the same chunk; a report carries it back, so a late
 *                report from a superseded attempt can be recognized and ignored
 */
public record ChunkTask(String requestId, int chunk, int attempt, long offset, int length, Op op)
        implements CborSerializable {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = ReadReply.class, name = "read-reply"),
            @JsonSubTypes.Type(value = ReadStream.class, name = "read-stream"),
            @JsonSubTypes.Type(value = ReadDigest.class, name = "read-digest"),
            @JsonSubTypes.Type(value = WriteBytes.class, name = "write"),
            @JsonSubTypes.Type(value = CopyTo.class, name = "copy"),
            @JsonSubTypes.Type(value = ReadToLocal.class, name = "read-local"),
            @JsonSubTypes.Type(value = WriteFromLocal.class, name = "write-local"),
    })
    public sealed interface Op extends CborSerializable {
        FileRef file();
    }

    /** READ the chunk and return its bytes in the report. */
    public record ReadReply(FileRef file) implements Op {
    }

    /** READ the chunk and deliver it to {@code consumer}, which acks to {@code ackTo}. */
    public record ReadStream(FileRef file, ActorRef<ChunkData> consumer, ActorRef<ChunkAck> ackTo) implements Op {
    }

    /** READ the chunk and return only its CRC32C and SHA-256. */
    public record ReadDigest(FileRef file) implements Op {
    }

    /** WRITE {@code bytes} at the chunk's offset with the given stable_how. */
    public record WriteBytes(FileRef file, byte[] bytes, int stable) implements Op {
        @Override
        public String toString() {
            return "WriteBytes[" + file + " " + bytes.length + " bytes stable=" + stable + "]";
        }
    }

    /** READ the chunk from {@code file} and WRITE it at the same offset of {@code target}. */
    public record CopyTo(FileRef file, FileRef target, int stable) implements Op {
    }

    /**
     * READ the chunk and write it into the local file registered on this node as {@code localFile},
     * at {@code position} + (the chunk's offset − {@code requestOffset}).
     */
    public record ReadToLocal(FileRef file, String localFile, long position, long requestOffset) implements Op {
    }

    /**
     * WRITE the chunk from the local file registered on this node as {@code localFile}, read at
     * {@code position} + (the chunk's offset − {@code requestOffset}), with the given stable_how.
     */
    public record WriteFromLocal(FileRef file, String localFile, long position, long requestOffset, int stable)
            implements Op {
    }
}
