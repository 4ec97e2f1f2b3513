package io.nfsdirect.coordinator;

import io.nfsdirect.protocol.api.IoCounters;
import io.nfsdirect.protocol.chunk.ChunkReport;

/** What one request did, added up as it goes, for its completion's {@link IoCounters}. */
final class RequestCounters {

    private final long startNanos = System.nanoTime();
    private int chunks;
    private int redispatched;
    private long rpcs;
    private long retransmits;
    private long shortIo;
    private int verifierMismatches;

    /** An attempt went out: a chunk's first, or a re-dispatch. */
    void sent(int attempt) {
        if (attempt > 1) {
            redispatched++;
        } else {
            chunks++;
        }
    }

    /** The RPC work an attempt reported, whether or not its bytes counted. */
    void add(ChunkReport.RpcCounts work) {
        rpcs += work.rpcs();
        retransmits += work.retransmits();
        shortIo += work.shortIo();
    }

    void commitSent() {
        rpcs++;
    }

    /** A worker came back short without resending the rest itself. */
    void shortTransfer() {
        shortIo++;
    }

    void verifierMismatches(int n) {
        verifierMismatches += n;
    }

    int verifierMismatches() {
        return verifierMismatches;
    }

    IoCounters snapshot() {
        return new IoCounters(chunks, rpcs, retransmits, shortIo, verifierMismatches, redispatched,
                System.nanoTime() - startNanos);
    }
}
