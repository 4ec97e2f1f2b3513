package io.nfsdirect.protocol.chunk;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.nfsdirect.protocol.api.CborSerializable;
import io.nfsdirect.protocol.api.ChunkAck;
import io.nfsdirect.protocol.api.ChunkData;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One chunk attempt, as a request hands it to a worker node. Everything a worker needs is in
 * here and nothing is local to the requesting JVM, so the worker may live on any node.
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
}
