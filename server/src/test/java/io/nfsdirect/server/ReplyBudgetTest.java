package io.nfsdirect.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReplyBudgetTest {

    private static final SocketAddress A = new InetSocketAddress("127.0.0.1", 1001);
    private static final SocketAddress B = new InetSocketAddress("127.0.0.1", 1002);

    private final List<String> gate = new ArrayList<>();
    private final ReplyBudget budget = new ReplyBudget(100, 250, 30, new ReplyBudget.Gate() {
        @Override
        public void pause(SocketAddress peer) {
            gate.add("pause " + port(peer));
        }

        @Override
        public void resume(SocketAddress peer) {
            gate.add("resume " + port(peer));
        }
    });

    private static int port(SocketAddress peer) {
        return ((InetSocketAddress) peer).getPort();
    }

    @Test
    void aConnectionIsPausedAtItsBoundAndResumedAtHalf() {
        assertTrue(budget.reserve(A, 60));
        assertTrue(budget.reserve(A, 40));
        assertEquals(List.of("pause 1001"), gate, "paused on reaching 100");
        assertFalse(budget.reserve(A, 10), "refused past the bound");
        assertEquals(100, budget.queued(), "a refusal charges nothing");
        budget.release(A, 40);
        assertEquals(List.of("pause 1001"), gate, "60 left: not yet half");
        budget.release(A, 20);
        assertEquals(List.of("pause 1001", "resume 1001"), gate);
    }

    @Test
    void theTotalPausesOnlyTheHeavyAndEveryoneKeepsAFloor() {
        assertTrue(budget.reserve(A, 90));
        assertTrue(budget.reserve(B, 90));
        SocketAddress c = new InetSocketAddress("127.0.0.1", 1003);
        assertTrue(budget.reserve(c, 30), "a connection holding nothing gets its floor");
        assertTrue(budget.reserve(c, 40));
        assertEquals(250, budget.queued());
        assertEquals(List.of("pause 1003"), gate, "the one that reached the total, holding past its floor");
        assertFalse(budget.reserve(c, 1), "past the floor and the total: refused");
        SocketAddress d = new InetSocketAddress("127.0.0.1", 1004);
        assertTrue(budget.reserve(d, 30), "still the floor, past the total");
        assertEquals(280, budget.peak());
        assertFalse(budget.reserve(d, 1), "past its floor while the total is full: refused");
        assertEquals(List.of("pause 1003"), gate, "a connection within its floor is never paused");
        budget.release(A, 90);
        assertEquals(List.of("pause 1003"), gate, "190 held: the total has not drained enough");
        budget.release(B, 90);
        assertEquals(List.of("pause 1003"), gate, "1003 still holds more than half its bound");
        budget.release(c, 30);
        assertEquals(List.of("pause 1003", "resume 1003"), gate);
    }

    @Test
    void aPausedConnectionResumesAtItsFloorWhateverTheTotal() {
        SocketAddress c = new InetSocketAddress("127.0.0.1", 1003);
        assertTrue(budget.reserve(A, 90));
        assertTrue(budget.reserve(B, 90));
        assertTrue(budget.reserve(c, 70));
        assertEquals(List.of("pause 1003"), gate);
        budget.release(c, 40);
        assertEquals(List.of("pause 1003", "resume 1003"), gate, "down to its floor of 30, the total still full");
    }

    @Test
    void smallChargesAreNeverRefusedButStillPause() {
        for (int i = 0; i < 20; i++) {
            budget.charge(A, 10);
        }
        assertEquals(200, budget.queued());
        assertEquals(List.of("pause 1001"), gate);
        assertFalse(budget.reserve(A, 10), "data past the bound is refused");
    }

    @Test
    void aClosedConnectionsChargesAreDroppedAndLateReleasesIgnored() {
        assertTrue(budget.reserve(A, 100));
        budget.forget(A);
        assertEquals(0, budget.queued());
        assertEquals(0, budget.connections());
        budget.release(A, 100);
        assertEquals(0, budget.queued(), "a late release does not go negative");
        assertTrue(budget.reserve(B, 50));
        assertEquals(50, budget.queued());
    }
}
