package io.nfsdirect.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.coordinator.ChunkRuns.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkRunsTest {

    @Test
    void chunksInAnyOrderWithOneLabelMergeIntoOneRun() {
        ChunkRuns runs = new ChunkRuns();
        for (int c : new int[] {3, 1, 0, 2, 5, 4}) {
            runs.add(c, 7);
        }
        assertEquals(List.of(new Run(0, 5, 7)), runs.runs());
        assertEquals(0, runs.first());
    }

    @Test
    void anotherLabelOrAGapStartsARun() {
        ChunkRuns runs = new ChunkRuns();
        runs.add(0, 1);
        runs.add(1, 2);
        runs.add(3, 2);
        assertEquals(List.of(new Run(0, 0, 1), new Run(1, 1, 2), new Run(3, 3, 2)), runs.runs());
        runs.add(2, 2);
        assertEquals(List.of(new Run(0, 0, 1), new Run(1, 3, 2)), runs.runs());
    }

    @Test
    void removingSplitsARunAndRelabelingReplaces() {
        ChunkRuns runs = new ChunkRuns();
        for (int c = 0; c < 5; c++) {
            runs.add(c, 1);
        }
        runs.remove(2);
        assertFalse(runs.contains(2));
        assertTrue(runs.contains(1) && runs.contains(3));
        assertEquals(List.of(new Run(0, 1, 1), new Run(3, 4, 1)), runs.runs());
        runs.add(0, 9);
        assertEquals(List.of(new Run(0, 0, 9), new Run(1, 1, 1), new Run(3, 4, 1)), runs.runs());
        runs.remove(0);
        runs.remove(1);
        runs.remove(3);
        runs.remove(4);
        assertTrue(runs.isEmpty());
        assertEquals(-1, runs.first());
    }

    @Test
    void aMillionChunksInOrderAreOneEntry() {
        ChunkRuns runs = new ChunkRuns();
        for (int c = 0; c < 1_000_000; c++) {
            runs.add(c, 42);
        }
        assertEquals(List.of(new Run(0, 999_999, 42)), runs.runs());
    }
}
