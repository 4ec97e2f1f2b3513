package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.protocol.api.NodeStats;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-node table: differences between snapshots, nodes that went away, totals. */
class ServedTableTest {

    private static NodeStats stats(String node, long chunks, long bytes, int inFlight) {
        return new NodeStats(node, List.of("worker"), 0, 0, Map.of(), 0, 0, 0, 0, 0, inFlight, chunks, bytes,
                Collections.nCopies(NodeStats.LATENCY_BOUNDS_MICROS.size(), 0L));
    }

    @Test
    void rowsShowWhatEachNodeServedBetweenSnapshots() {
        Map<String, NodeStats> before = ServedTable.byNode(List.of(stats("pekko://n@h:1", 10, 1000, 0),
                stats("pekko://n@h:2", 5, 500, 0)));
        Map<String, NodeStats> after = ServedTable.byNode(List.of(stats("pekko://n@h:1", 14, 1400, 0),
                stats("pekko://n@h:3", 2, 200, 1)));
        String table = ServedTable.format("served", List.of("chunks"), List.of(before, after));
        List<String> lines = table.lines().toList();
        assertEquals("served:", lines.get(0));
        assertTrue(lines.get(2).matches("\\s+pekko://n@h:1\\s+worker\\s+4\\s+400 \\(400 bytes\\)\\s+0"), table);
        assertTrue(lines.get(3).matches("\\s+pekko://n@h:2\\s+worker\\s+-\\s+-\\s+unreachable"), table);
        assertTrue(lines.get(4).matches("\\s+pekko://n@h:3\\s+worker\\s+2\\s+200 \\(200 bytes\\)\\s+1"), table);
        assertTrue(lines.get(5).matches("\\s+total\\s+6\\s+600 \\(600 bytes\\)"), table);
        assertEquals("  note: pekko://n@h:2 stopped answering: what it served is not known; the chunks lost with it "
                + "were sent to other nodes and are counted in their rows", lines.get(6), table);
        assertEquals(7, lines.size(), table);
    }

    @Test
    void aNodeKilledInTheSecondStepKeepsTheChunksOfTheFirstInItsNote() {
        Map<String, NodeStats> s0 = ServedTable.byNode(List.of(stats("a", 0, 0, 0), stats("b", 0, 0, 0)));
        Map<String, NodeStats> s1 = ServedTable.byNode(List.of(stats("a", 20, 20, 0), stats("b", 21, 21, 0)));
        Map<String, NodeStats> s2 = ServedTable.byNode(List.of(stats("a", 50, 50, 0)));
        String table = ServedTable.format("t", List.of("write", "read"), List.of(s0, s1, s2));
        assertTrue(table.lines().anyMatch(l -> l.matches("\\s+b\\s+worker\\s+21\\s+-\\s+-\\s+-\\s+unreachable")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("\\s+total\\s+41\\s+30\\s+71\\s+50 \\(50 bytes\\)")),
                "the total is the sum of its columns:\n" + table);
        assertTrue(table.contains("note: b stopped answering: the 21 chunks it served before are counted, what it "
                + "served after is not known"), table);
    }

    @Test
    void severalStepsGetAColumnEachAndATotal() {
        Map<String, NodeStats> s0 = ServedTable.byNode(List.of(stats("local", 0, 0, 0)));
        Map<String, NodeStats> s1 = ServedTable.byNode(List.of(stats("local", 3, 30, 0)));
        Map<String, NodeStats> s2 = ServedTable.byNode(List.of(stats("local", 7, 70, 0)));
        String table = ServedTable.format("t", List.of("write", "read"), List.of(s0, s1, s2));
        assertTrue(table.lines().anyMatch(l -> l.matches("\\s+local\\s+worker\\s+3\\s+4\\s+7\\s+70 \\(70 bytes\\)\\s+0")),
                table);
    }
}
