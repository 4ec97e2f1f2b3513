package io.nfsdirect.protocol.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.apache.pekko.actor.typed.ActorRef;

/** Where the data of a read goes. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Sink.Reply.class, name = "reply"),
        @JsonSubTypes.Type(value = Sink.Stream.class, name = "stream"),
        @JsonSubTypes.Type(value = Sink.Digest.class, name = "digest"),
        @JsonSubTypes.Type(value = Sink.LocalFile.class, name = "local-file"),
})
public sealed interface Sink extends CborSerializable {

    /** The bytes come back inside the completion, up to {@code nfs-direct.reply-limit}. */
    record Reply() implements Sink {
    }

    /** Each chunk goes to {@code consumer} as {@link ChunkData}; acks drive the window. */
    record Stream(ActorRef<ChunkData> consumer) implements Sink {
    }

    /** Each chunk's CRC32C and SHA-256 come back in the completion, in offset order. */
    record Digest() implements Sink {
    }

    /**
     * Each chunk is written by the worker on the request's own node straight into a local file,
     * at {@code position} + (the chunk's offset − the request's offset), in any order. The file
     * is one its owner opened and registered with that node's {@code LocalChannels}, which gave
     * {@code localFile}, its name; the owner keeps it registered until the completion. Only that
     * node's worker runs the chunks: a request whose node has none fails with EAGAIN.
     */
    record LocalFile(String localFile, long position) implements Sink {
    }
}
