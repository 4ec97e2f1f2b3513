package io.nfsdirect.coordinator;

import io.nfsdirect.protocol.nfs3.Nfs3;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Which chunks of a write are stable on the server and which still depend on a COMMIT.
 *
 * <p>An UNSTABLE WRITE is only a promise: the server may lose the data until a COMMIT succeeds
 * with the same write verifier the WRITE returned. A different verifier means the server
 * restarted in between and those chunks must be written again, FILE_SYNC this time (as Linux
 * does), after which they need no COMMIT. The ledger remembers one verifier per chunk that went
 * out UNSTABLE: 8 bytes per chunk, kept because any chunk may turn out to need a resend.
 */
public final class CommitLedger {

    private final boolean unstableWrites;
    private final long[] verifiers;
    private final BitSet uncommitted = new BitSet();
    private final BitSet resendStable = new BitSet();

    /** @param unstableWrites whether chunks go out UNSTABLE at all (multi-chunk, not {@code stable}) */
    public CommitLedger(int chunks, boolean unstableWrites) {
        this.unstableWrites = unstableWrites;
        this.verifiers = unstableWrites ? new long[chunks] : new long[0];
    }

    /** The stable_how for the next WRITE of {@code chunk}. */
    public int stableFor(int chunk, boolean forceFileSync) {
        if (forceFileSync || !unstableWrites || resendStable.get(chunk)) {
            return Nfs3.FILE_SYNC;
        }
        return Nfs3.UNSTABLE;
    }

    /** A WRITE of {@code chunk} succeeded at the {@code committed} level with {@code verifier}. */
    public void written(int chunk, int committed, long verifier) {
        if (committed == Nfs3.FILE_SYNC) {
            uncommitted.clear(chunk);
            resendStable.clear(chunk);
        } else {
            verifiers[chunk] = verifier;
            uncommitted.set(chunk);
        }
    }

    /** The lowest chunk that still needs a COMMIT, or -1. */
    public int firstUncommitted() {
        return uncommitted.nextSetBit(0);
    }

    /**
     * A COMMIT succeeded with {@code verifier}. Every chunk written with it is now stable; the
     * chunks written with another verifier are returned, in file order, to be resent FILE_SYNC.
     */
    public List<Integer> committed(long verifier) {
        List<Integer> lost = new ArrayList<>();
        for (int c = uncommitted.nextSetBit(0); c >= 0; c = uncommitted.nextSetBit(c + 1)) {
            if (verifiers[c] != verifier) {
                lost.add(c);
                resendStable.set(c);
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
