package io.nfsdirect.coordinator;

import io.nfsdirect.protocol.nfs3.Nfs3;
import java.util.ArrayList;
import java.util.List;

/**
 * Which chunks of a write are stable on the server and which still depend on a COMMIT.
 *
 * <p>An UNSTABLE WRITE is only a promise: the server may lose the data until a COMMIT succeeds
 * with the same write verifier the WRITE returned. A different verifier means the server
 * restarted in between and those chunks must be written again, FILE_SYNC this time (as Linux
 * does), after which they need no COMMIT. The ledger keeps the uncommitted chunks as runs that
 * share a verifier, so it costs a few entries, not a word per chunk of the file.
 */
public final class CommitLedger {

    /** Chunks {@code first..last} (inclusive) that a COMMIT found lost. */
    public record Lost(int first, int last) {
    }

    private final boolean unstableWrites;
    private final ChunkRuns uncommitted = new ChunkRuns();
    private final ChunkRuns resendStable = new ChunkRuns();

    /** @param unstableWrites whether chunks go out UNSTABLE at all (multi-chunk, not {@code stable}) */
    public CommitLedger(boolean unstableWrites) {
        this.unstableWrites = unstableWrites;
    }

    /** The stable_how for the next WRITE of {@code chunk}. */
    public int stableFor(int chunk, boolean forceFileSync) {
        if (forceFileSync || !unstableWrites || resendStable.contains(chunk)) {
            return Nfs3.FILE_SYNC;
        }
        return Nfs3.UNSTABLE;
    }

    /** A WRITE of {@code chunk} succeeded at the {@code committed} level with {@code verifier}. */
    public void written(int chunk, int committed, long verifier) {
        if (committed == Nfs3.FILE_SYNC) {
            uncommitted.remove(chunk);
            resendStable.remove(chunk);
        } else {
            uncommitted.add(chunk, verifier);
        }
    }

    /** The lowest chunk that still needs a COMMIT, or -1. */
    public int firstUncommitted() {
        return uncommitted.first();
    }

    /**
     * A COMMIT succeeded with {@code verifier}. Every chunk written with it is now stable; the
     * chunks written with another verifier are returned, in file order, to be resent FILE_SYNC.
     */
    public List<Lost> committed(long verifier) {
        List<Lost> lost = new ArrayList<>();
        for (ChunkRuns.Run run : uncommitted.runs()) {
            if (run.label() != verifier) {
                lost.add(new Lost(run.first(), run.last()));
                for (int c = run.first(); c <= run.last(); c++) {
                    resendStable.add(c, 0);
                }
            }
        }
        uncommitted.clear();
        return lost;
    }

    /** The name of a stable_how, for messages. */
    public static String stableName(int stable) {
        return switch (stable) {
            case Nfs3.UNSTABLE -> "UNSTABLE";
            case Nfs3.DATA_SYNC -> "DATA_SYNC";
            case Nfs3.FILE_SYNC -> "FILE_SYNC";
            default -> "stable_how " + stable;
        };
    }
}
