package io.nfsdirect.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nfsdirect.protocol.nfs3.Nfs3;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommitLedgerTest {

    @Test
    void multiChunkWritesGoUnstableAndASingleChunkOrStableOptionGoesFileSync() {
        CommitLedger multi = new CommitLedger(true);
        assertEquals(Nfs3.UNSTABLE, multi.stableFor(0, false));
        assertEquals(Nfs3.FILE_SYNC, multi.stableFor(0, true));
        assertEquals(Nfs3.FILE_SYNC, new CommitLedger(false).stableFor(0, false));
    }

    @Test
    void aMatchingCommitMakesEveryChunkStable() {
        CommitLedger ledger = new CommitLedger(true);
        for (int c = 0; c < 3; c++) {
            ledger.written(c, Nfs3.UNSTABLE, 42L);
        }
        assertEquals(0, ledger.firstUncommitted());
        assertEquals(List.of(), ledger.committed(42L));
        assertEquals(-1, ledger.firstUncommitted());
    }

    @Test
    void exactlyTheChunksWithAnotherVerifierAreResentFileSync() {
        CommitLedger ledger = new CommitLedger(true);
        ledger.written(0, Nfs3.UNSTABLE, 1L);
        ledger.written(1, Nfs3.UNSTABLE, 2L);
        ledger.written(2, Nfs3.FILE_SYNC, 1L);
        ledger.written(3, Nfs3.UNSTABLE, 2L);
        assertEquals(List.of(new CommitLedger.Lost(0, 0)), ledger.committed(2L));
        assertEquals(Nfs3.FILE_SYNC, ledger.stableFor(0, false));
        assertEquals(Nfs3.UNSTABLE, ledger.stableFor(1, false));
        ledger.written(0, Nfs3.FILE_SYNC, 2L);
        assertEquals(Nfs3.UNSTABLE, ledger.stableFor(0, false), "once stable, a later rewrite may go unstable again");
        assertEquals(-1, ledger.firstUncommitted());
    }

    @Test
    void aFailedCommitCutsTheCountAtTheFirstChunkStillUnstable() {
        CommitLedger ledger = new CommitLedger(true);
        ledger.written(2, Nfs3.UNSTABLE, 1L);
        ledger.written(1, Nfs3.UNSTABLE, 1L);
        ledger.written(0, Nfs3.FILE_SYNC, 1L);
        assertEquals(1, ledger.firstUncommitted(), "chunk 0 went FILE_SYNC; chunk 1 is the first the COMMIT covered");
        ledger.written(1, Nfs3.FILE_SYNC, 1L);
        assertEquals(2, ledger.firstUncommitted(), "a rewrite FILE_SYNC needs no COMMIT");
    }

    @Test
    void lostChunksComeBackAsRunsAndEveryOneOfThemGoesFileSync() {
        CommitLedger ledger = new CommitLedger(true);
        for (int c = 0; c < 10; c++) {
            ledger.written(c, Nfs3.UNSTABLE, c < 3 || c > 6 ? 5L : 6L);
        }
        assertEquals(List.of(new CommitLedger.Lost(0, 2), new CommitLedger.Lost(7, 9)), ledger.committed(6L));
        for (int c = 0; c < 10; c++) {
            assertEquals(c < 3 || c > 6 ? Nfs3.FILE_SYNC : Nfs3.UNSTABLE, ledger.stableFor(c, false), "chunk " + c);
        }
        assertEquals(-1, ledger.firstUncommitted());
    }
}
