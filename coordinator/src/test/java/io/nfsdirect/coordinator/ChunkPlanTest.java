package io.nfsdirect.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChunkPlanTest {

    @Test
    void oddOffsetAndLengthCutIntoFullChunksAndATail() {
        ChunkPlan plan = new ChunkPlan(1000, 3 * 65536 + 17, 65536);
        assertEquals(4, plan.count());
        assertEquals(1000, plan.chunkOffset(0));
        assertEquals(1000 + 65536, plan.chunkOffset(1));
        assertEquals(65536, plan.chunkLength(2));
        assertEquals(17, plan.chunkLength(3));
        assertEquals(plan.end(), plan.chunkOffset(3) + plan.chunkLength(3));
    }

    @Test
    void chunksTileTheRangeWithoutGapsOrOverlap() {
        ChunkPlan plan = new ChunkPlan(7, 1_000_003, 4096);
        long next = plan.offset();
        for (int i = 0; i < plan.count(); i++) {
            assertEquals(next, plan.chunkOffset(i));
            next += plan.chunkLength(i);
        }
        assertEquals(plan.end(), next);
    }

    @Test
    void emptyRangeHasNoChunks() {
        assertEquals(0, new ChunkPlan(5, 0, 4096).count());
        assertThrows(IndexOutOfBoundsException.class, () -> new ChunkPlan(5, 0, 4096).chunkOffset(0));
    }

    @Test
    void hugeRangesAreArithmeticNotLists() {
        ChunkPlan plan = new ChunkPlan(0, 4L << 40, 1 << 20);
        assertEquals(4 << 20, plan.count());
        assertEquals((4L << 40) - (1 << 20), plan.chunkOffset(plan.count() - 1));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ChunkPlan(-1, 10, 4096));
        assertThrows(IllegalArgumentException.class, () -> new ChunkPlan(0, -1, 4096));
        assertThrows(IllegalArgumentException.class, () -> new ChunkPlan(0, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new ChunkPlan(Long.MAX_VALUE, 10, 4096));
    }

    @Test
    void transferSizeIsTheRequestCappedByTheServerMaximum() {
        assertEquals(65536, ChunkPlan.transferSize(65536, 1 << 20, 1 << 20));
        assertEquals(1 << 20, ChunkPlan.transferSize(4 << 20, 1 << 20, 65536));
        assertEquals(65536, ChunkPlan.transferSize(0, 1 << 20, 65536), "default is the server's preferred size");
        assertEquals(1 << 20, ChunkPlan.transferSize(0, 1 << 20, 0), "no preference: the maximum");
        assertEquals(32768, ChunkPlan.transferSize(0, 32768, 65536), "a preference above the maximum is capped");
        assertEquals(1 << 20, ChunkPlan.transferSize(0, 64 << 20, 64 << 20), "a huge preference defaults to 1 MiB");
        assertEquals(1 << 20, ChunkPlan.transferSize(0, 64 << 20, 0));
        assertEquals(4 << 20, ChunkPlan.transferSize(4 << 20, 64 << 20, 64 << 20), "asking for more is allowed");
    }
}
