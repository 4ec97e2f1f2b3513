package io.nfsdirect.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ChunkBuffersTest {

    private static final int MIB = 1 << 20;

    @Test
    void anArrayGivenBackIsTheNextChunkOfItsSize() {
        ChunkBuffers pool = new ChunkBuffers(4L * MIB);
        byte[] first = pool.takeArray(MIB);
        byte[] second = pool.takeArray(MIB);
        assertNotSame(first, second, "nothing given back yet: two chunks, two arrays");
        pool.giveBack(first);
        assertEquals(MIB, pool.keptArrayBytes());
        assertSame(first, pool.takeArray(MIB));
        assertEquals(0, pool.keptArrayBytes());
        assertEquals(256 * 1024, pool.takeArray(256 * 1024).length, "another size is never handed out for it");
    }

    @Test
    void onlyChunkSizedArraysAreKeptAndNeverPastTheLimit() {
        ChunkBuffers pool = new ChunkBuffers(2L * MIB);
        pool.giveBack(new byte[MIB - 1]);                 // an odd last chunk
        pool.giveBack(new byte[4096]);                    // too small to be worth it
        assertEquals(0, pool.keptArrayBytes());
        pool.giveBack(new byte[MIB]);
        pool.giveBack(new byte[MIB]);
        pool.giveBack(new byte[MIB]);                     // past the 2 MiB the pool may keep
        assertEquals(2L * MIB, pool.keptArrayBytes());
    }

    @Test
    void aDirectBufferComesBackClearedAndLimitedToTheChunk() {
        ChunkBuffers pool = new ChunkBuffers(4L * MIB);
        ByteBuffer b = pool.take(MIB);
        assertTrue(b.isDirect());
        b.position(100);
        pool.release(b);
        ByteBuffer again = pool.take(4000);
        assertSame(b, again);
        assertEquals(0, again.position());
        assertEquals(4000, again.limit());
        pool.release(ByteBuffer.allocate(MIB));            // a heap buffer is not taken in
        assertEquals(0, pool.keptDirectBytes());
    }
}
