package io.nfsdirect.protocol.chunk;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.nfsdirect.protocol.api.CborSerializable;
import io.nfsdirect.protocol.api.ChunkDigest;
import io.nfsdirect.protocol.api.IoError;

/** What a chunk worker tells its request, once per attempt. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ChunkReport.Done.class, name = "done"),
        @JsonSubTypes.Type(value = ChunkReport.Failed.class, name = "failed"),
})
public sealed interface ChunkReport extends CborSerializable {

    String requestId();

    int chunk();

    int attempt();

    String node();

    RpcCounts rpcs();

    /**
     * The chunk finished. {@code count} is short only at EOF. For writes, {@code committed}
     * is the stable_how the server promised and {@code verifier} its write verifier.
     */
    record Done(String requestId, int chunk, int attempt, String node, long offset, int count, boolean eof,
                int committed, long verifier, byte[] data, ChunkDigest digest, RpcCounts rpcs) implements ChunkReport {
        @Override
        public String toString() {
            return "Done[" + requestId + "#" + chunk + "." + attempt + " @" + offset + " +" + count
                    + (eof ? " eof" : "") + " committed=" + committed + " on " + node + "]";
        }
    }

    /** The chunk failed at {@code error.offset()}. */
    record Failed(String requestId, int chunk, int attempt, String node, IoError error, RpcCounts rpcs)
            implements ChunkReport {
    }

    /** The RPC work one attempt did. */
    record RpcCounts(int rpcs, int retransmits, int shortIo) implements CborSerializable {
        public static final RpcCounts NONE = new RpcCounts(0, 0, 0);
    }
}
