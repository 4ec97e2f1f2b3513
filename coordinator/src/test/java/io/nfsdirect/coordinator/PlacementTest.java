package io.nfsdirect.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementTest {

    @Test
    void anIdleClusterIsUsedRoundRobin() {
        Placement<String> p = new Placement<>();
        List<String> nodes = List.of("a", "b", "c");
        Map<String, Integer> served = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            String n = p.choose(nodes);
            served.merge(n, 1, Integer::sum);
            p.started(n);
            p.finished(n);
        }
        assertEquals(Map.of("a", 10, "b", 10, "c", 10), served);
    }

    @Test
    void theLeastLoadedNodeWins() {
        Placement<String> p = new Placement<>();
        List<String> nodes = List.of("a", "b", "c");
        p.started("a");
        p.started("a");
        p.started("b");
        assertEquals("c", p.choose(nodes));
        p.started("c");
        String next = p.choose(nodes);
        assertEquals(1, p.inFlight(next), "b or c, never the busier a");
    }

    @Test
    void chunksSpreadEvenlyWhileAllStayInFlight() {
        Placement<String> p = new Placement<>();
        List<String> nodes = List.of("a", "b", "c", "d");
        for (int i = 0; i < 16; i++) {
            p.started(p.choose(nodes));
        }
        for (String n : nodes) {
            assertEquals(4, p.inFlight(n));
        }
    }

    @Test
    void noCandidatesMeansNoChoice() {
        assertNull(new Placement<String>().choose(List.of()));
    }

    @Test
    void aNodeThatLeftAndCameBackStartsFromItsRealLoad() {
        Placement<String> p = new Placement<>();
        List<String> nodes = List.of("a", "b");
        for (int i = 0; i < 4; i++) {
            p.started(p.choose(nodes));
        }
        p.forget("a");                       // a left with its two chunks
        assertEquals(0, p.inFlight("a"));
        assertEquals("a", p.choose(nodes), "back, with nothing in flight, a is the least loaded");
        p.started("a");
        assertEquals(1, p.inFlight("a"), "its load is what was sent to it since, not what died with it");
        assertEquals(2, p.inFlight("b"));
    }
}
