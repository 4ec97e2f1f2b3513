package io.nfsdirect.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ServerLimitsTest {

    private static final long MIB = 1L << 20;

    @Test
    void repliesAreCutToHalfTheDirectMemoryBehindThem() {
        ServerLimits fitted = ServerLimits.DEFAULT.fittedTo(256 * MIB);
        assertEquals(128 * MIB, fitted.repliesTotal());
        assertEquals(64 * MIB, fitted.repliesPerConnection());
        ServerLimits small = ServerLimits.DEFAULT.fittedTo(64 * MIB);
        assertEquals(32 * MIB, small.repliesTotal());
        assertEquals(32 * MIB, small.repliesPerConnection(), "one connection never holds more than all");
        assertEquals(ServerLimits.DEFAULT.maxConnections(), small.maxConnections());
    }

    @Test
    void limitsThatFitAreKept() {
        assertSame(ServerLimits.DEFAULT, ServerLimits.DEFAULT.fittedTo(4096 * MIB));
    }
}
