package io.nfsdirect.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.coordinator.ChunkWindow.Slot;
import io.nfsdirect.coordinator.ChunkWindow.State;
import io.nfsdirect.protocol.nfs3.Nfs3;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every transition of an attempt, driven through the window's own methods. */
class ChunkWindowTest {

    private final ChunkPlan plan = new ChunkPlan(0, 1000, 100);
    private final PrefixAccounting<String> prefix = new PrefixAccounting<>(0, 1000);

    private Slot<String> open(ChunkWindow<String> w, String worker) {
        return w.open(w.next(prefix), worker, Nfs3.UNSTABLE);
    }

    @Test
    void chunksGoOutInOrderUntilTheWindowIsFull() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(i, w.next(prefix));
            Slot<String> s = w.open(i, "a", Nfs3.UNSTABLE);
            assertEquals(1, s.attempt);
            assertEquals(State.DISPATCHED, s.state());
        }
        assertFalse(w.hasRoom());
        assertEquals(3, w.next(prefix), "next is known even when there is no room for it");
        assertThrows(IllegalStateException.class, () -> w.open(5, "a", Nfs3.UNSTABLE));
    }

    @Test
    void dispatchedThenReportedWithNoAckToWaitForCloses() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 1);
        Slot<String> s = open(w, "a");
        assertSame(s, w.reporting(0, 1));
        w.reported(s, false);
        assertTrue(w.nothingOwned());
        assertNull(w.reporting(0, 1), "a duplicate report finds nothing");
        assertTrue(w.hasRoom());
    }

    @Test
    void dispatchedThenReportedThenAckedCloses() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 1);
        Slot<String> s = open(w, "a");
        w.reported(w.reporting(0, 1), true);
        assertEquals(State.REPORTED, s.state());
        assertFalse(w.hasRoom(), "the chunk's data is still with the consumer");
        assertNull(w.reporting(0, 1), "reported once only");
        assertFalse(w.acked(0, 2), "an ack for another attempt changes nothing");
        assertEquals(State.REPORTED, s.state());
        assertTrue(w.acked(0, 1));
        assertTrue(w.nothingOwned());
    }

    @Test
    void anAckThatOvertakesTheReportClosesTheSlotWhenTheReportComes() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 1);
        Slot<String> s = open(w, "a");
        assertTrue(w.acked(0, 1));
        assertEquals(State.ACKED, s.state());
        assertFalse(w.hasRoom());
        w.reported(w.reporting(0, 1), true);
        assertTrue(w.nothingOwned());
    }

    @Test
    void anOverdueAttemptLeavesTheWindowButStaysOwnedUntilItReports() {
        PrefixAccounting<String> prefix = new PrefixAccounting<>(0, 100);
        ChunkWindow<String> w = new ChunkWindow<>(new ChunkPlan(0, 100, 100), 1);
        Slot<String> old = w.open(w.next(prefix), "a", Nfs3.UNSTABLE);
        assertNull(w.overdue(0, 2), "not the current attempt");
        assertSame(old, w.overdue(0, 1));
        assertEquals(State.SUPERSEDED, old.state());
        assertTrue(w.hasRoom(), "the request does not stall behind it");
        assertFalse(w.nothingOwned(), "its worker may still write");
        w.sendAgainFirst(List.of(old));
        Slot<String> again = w.open(w.next(prefix), "b", Nfs3.UNSTABLE);
        assertEquals(0, again.chunk);
        assertEquals(2, again.attempt);
        w.reported(w.reporting(0, 2), false);
        prefix.done(0, 100, false);
        assertFalse(w.settled(prefix), "attempt 1 is still out");
        assertSame(old, w.reporting(0, 1), "the superseded attempt's late report is recognized");
        w.reported(old, false);
        assertTrue(w.nothingOwned());
        assertTrue(w.settled(prefix));
    }

    @Test
    void anOverdueAttemptIsReleasedWhenItsNodeIsLost() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 2);
        Slot<String> old = open(w, "a");
        w.overdue(0, 1);
        assertEquals(List.of(), w.lostWith("a"), "nothing current was on a");
        assertTrue(w.nothingOwned());
        assertNull(w.reporting(0, old.attempt), "a report from a node given up is not owned");
    }

    @Test
    void resendsGoFirstUnderANewAttempt() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 4);
        Slot<String> first = open(w, "a");
        open(w, "b");
        List<Slot<String>> lost = w.lostWith("a");
        assertEquals(List.of(first), lost);
        w.sendAgainFirst(List.of(first));
        assertEquals(0, w.next(prefix));
        assertEquals(2, w.open(0, "b", Nfs3.UNSTABLE).attempt);
        assertEquals(2, w.next(prefix), "then the cursor resumes");
    }

    @Test
    void aRangeSentAgainGoesOutChunkByChunkAfterOtherResends() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 10);
        for (int i = 0; i < 6; i++) {
            w.reported(w.reporting(open(w, "a").chunk, 1), false);
        }
        Slot<String> lost = open(w, "a");
        w.sendAgain(1, 3);
        w.lostWith("a");
        w.sendAgainFirst(List.of(lost));
        assertEquals(6, lost.chunk);
        assertEquals(2, open(w, "b").attempt, "the lost chunk first");
        for (int c = 1; c <= 3; c++) {
            Slot<String> s = open(w, "b");
            assertEquals(c, s.chunk);
            assertEquals(2, s.attempt);
        }
        assertEquals(7, w.next(prefix));
    }

    @Test
    void chunksLostTogetherGoOutAgainLowestFirst() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 4);
        for (int i = 0; i < 4; i++) {
            open(w, "a");
        }
        w.sendAgainFirst(w.lostWith("a"));
        for (int c = 0; c < 4; c++) {
            assertEquals(c, w.open(w.next(prefix), "b", Nfs3.UNSTABLE).chunk);
        }
        assertEquals(Long.MAX_VALUE, w.firstResendOffset(), "nothing is left to send again");
    }

    @Test
    void chunksACommitFoundLostGetAttemptsNoEarlierAttemptHad() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 4);
        Slot<String> s = open(w, "a");
        w.lostWith("a");
        w.sendAgainFirst(List.of(s));
        Slot<String> second = open(w, "b");
        w.lostWith("b");
        w.sendAgainFirst(List.of(second));
        w.reported(open(w, "c"), false);            // chunk 0's attempt 3 reports
        w.sendAgain(0, 0);                          // a COMMIT found it lost
        Slot<String> fourth = open(w, "d");
        assertEquals(4, fourth.attempt, "not 2, which a late report from b could carry");
        assertEquals(1, fourth.tries, "a new series has its whole retry budget");
    }

    @Test
    void anAbandonedAttemptIsNoLongerOwned() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 1);
        Slot<String> old = open(w, "a");
        w.overdue(0, 1);
        assertNull(w.abandon(0, 2));
        assertSame(old, w.abandon(0, 1));
        assertTrue(w.nothingOwned());
        assertNull(w.reporting(0, 1), "its late report is nobody's");
    }

    @Test
    void aReportedChunkWhoseStreamedDataIsUnackedIsLostWithItsWorkerToo() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 4);
        Slot<String> unacked = open(w, "a");
        w.reported(w.reporting(0, 1), true);
        open(w, "b");
        w.reported(w.reporting(1, 1), true);
        assertEquals(List.of(unacked), w.lostWith("a"));
        assertEquals(1, w.size(), "b's chunk still waits for its ack");
    }

    @Test
    void aGoneConsumerFreesReportedChunksAndTheOthersOnTheirReport() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 4);
        open(w, "a");
        w.reported(w.reporting(0, 1), true);
        Slot<String> out = open(w, "a");
        w.consumerGone();
        assertEquals(1, w.size());
        w.reported(w.reporting(out.chunk, 1), true);
        assertTrue(w.nothingOwned(), "no ack is awaited from a consumer that is gone");
    }

    @Test
    void chunksPastTheEndOfTheCountAreNotSent() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 4);
        open(w, "a");
        prefix.done(0, 40, true);
        assertNull(w.next(prefix), "EOF at 40: nothing after chunk 0 is worth reading");
    }

    @Test
    void reportedChunksWaitingForAnAckPastTheEndAreReleased() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 4);
        for (int i = 0; i < 3; i++) {
            w.reported(w.reporting(open(w, "a").chunk, 1), true);
        }
        prefix.failed(100, "EIO");
        w.releaseAcksBeyond(prefix);
        assertEquals(1, w.size(), "only chunk 0, before the error, may still be consumed");
    }

    @Test
    void theFirstUnfinishedOffsetCoversCursorResendsAndUnreportedSlots() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 4);
        Slot<String> s0 = open(w, "a");
        Slot<String> s1 = open(w, "a");
        assertEquals(0, w.firstUnfinishedOffset());
        w.reported(s0, false);
        assertEquals(100, w.firstUnfinishedOffset());
        w.reported(s1, true);
        assertEquals(200, w.firstUnfinishedOffset(), "the cursor: chunk 1 has reported, though unacked");
        w.sendAgainFirst(List.of(s0));
        assertEquals(0, w.firstUnfinishedOffset(), "a resend");
    }

    @Test
    void afterStoppingNothingMoreGoesOutNotEvenResends() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 4);
        Slot<String> s = open(w, "a");
        w.stopSending();
        w.sendAgainFirst(List.of(s));
        w.sendAgain(3, 4);
        assertNull(w.next(prefix));
        assertTrue(w.stopped());
        assertFalse(w.hasResends());
        assertFalse(w.settled(prefix), "the chunk out is still owned");
        w.reported(s, false);
        assertTrue(w.settled(prefix));
    }
}
