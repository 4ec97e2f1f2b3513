package io.nfsdirect.protocol.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Where the data of a write comes from. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WriteSource.Inline.class, name = "inline"),
        @JsonSubTypes.Type(value = WriteSource.LocalFile.class, name = "file"),
})
public sealed interface WriteSource extends CborSerializable {

    long length();

    /** Bytes carried in the request itself. */
    record Inline(byte[] bytes) implements WriteSource {
        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public String toString() {
            return "Inline[" + bytes.length + " bytes]";
        }
    }

    /**
     * A file on the coordinating node, read at positional offsets as chunks are dispatched, so
     * only the window's worth of it is ever in memory.
     */
    record LocalFile(String path, long position, long length) implements WriteSource {
    }
}
