package io.nfsdirect.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.protocol.nfs3.Nfs3;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkWindowTest {

    private final ChunkPlan plan = new ChunkPlan(0, 1000, 100);
    private final PrefixAccounting<String> prefix = new PrefixAccounting<>(0, 1000);

    @Test
    void chunksGoOutInOrderUntilTheWindowIsFull() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(i, w.next(prefix));
            assertEquals(1, w.open(i, "a", Nfs3.UNSTABLE).attempt);
        }
        assertFalse(w.hasRoom());
        assertEquals(3, w.next(prefix), "next is known even when there is no room for it");
    }

    @Test
    void resendsGoFirstUnderANewAttempt() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 4);
        ChunkWindow.Slot<String> first = w.open(w.next(prefix), "a", Nfs3.UNSTABLE);
        w.open(w.next(prefix), "b", Nfs3.UNSTABLE);
        List<ChunkWindow.Slot<String>> lost = w.lostWith("a");
        assertEquals(List.of(first), lost);
        w.sendAgainFirst(first.chunk);
        assertEquals(0, w.next(prefix));
        assertEquals(2, w.open(0, "b", Nfs3.UNSTABLE).attempt);
        assertEquals(2, w.next(prefix), "then the cursor resumes");
    }

    @Test
    void aReportedChunkWhoseStreamedDataIsUnackedIsLostWithItsWorkerToo() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 4);
        ChunkWindow.Slot<String> unacked = w.open(w.next(prefix), "a", Nfs3.UNSTABLE);
        unacked.reported = true;
        unacked.awaitingAck = true;
        ChunkWindow.Slot<String> elsewhere = w.open(w.next(prefix), "b", Nfs3.UNSTABLE);
        elsewhere.reported = true;
        elsewhere.awaitingAck = true;
        assertEquals(List.of(unacked), w.lostWith("a"));
        assertEquals(1, w.size(), "b's chunk still waits for its ack");
    }

    @Test
    void chunksPastTheEndOfTheCountAreNotSent() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 4);
        w.open(w.next(prefix), "a", Nfs3.UNSTABLE);
        prefix.done(0, 40, true);
        assertNull(w.next(prefix), "EOF at 40: nothing after chunk 0 is worth reading");
    }

    @Test
    void reportedChunksWaitingForAnAckPastTheEndAreReleased() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 4);
        for (int i = 0; i < 3; i++) {
            ChunkWindow.Slot<String> s = w.open(w.next(prefix), "a", Nfs3.UNSTABLE);
            s.reported = true;
            s.awaitingAck = true;
        }
        prefix.failed(100, "EIO");
        w.releaseAcksBeyond(prefix);
        assertEquals(1, w.size(), "only chunk 0, before the error, may still be consumed");
    }

    @Test
    void theFirstUnfinishedOffsetCoversCursorResendsAndUnreportedSlots() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 4);
        ChunkWindow.Slot<String> s0 = w.open(w.next(prefix), "a", Nfs3.UNSTABLE);
        ChunkWindow.Slot<String> s1 = w.open(w.next(prefix), "a", Nfs3.UNSTABLE);
        assertEquals(0, w.firstUnfinishedOffset());
        s0.reported = true;
        w.close(s0);
        assertEquals(100, w.firstUnfinishedOffset());
        s1.reported = true;
        w.close(s1);
        assertEquals(200, w.firstUnfinishedOffset(), "the cursor");
        w.sendAgainFirst(0);
        assertEquals(0, w.firstUnfinishedOffset(), "a resend");
    }

    @Test
    void afterStoppingNothingMoreGoesOutNotEvenResends() {
        ChunkWindow<String> w = new ChunkWindow<>(plan, 4);
        w.open(w.next(prefix), "a", Nfs3.UNSTABLE);
        w.stopSending();
        w.sendAgainFirst(0);
        assertNull(w.next(prefix));
        assertTrue(w.stopped());
        assertFalse(w.hasResends());
    }
}
