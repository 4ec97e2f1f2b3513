package io.nfsdirect.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Map;

import io.nfsdirect.protocol.NfsStatus;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.memory.ByteBufferWrapper;
import org.junit.jupiter.api.Test;

/** The pure parts of the wire guards and of the handle codec. */
class GuardsTest {

    @Test
    void recordStateFollowsMarksAcrossChunkBoundaries() {
        RecordSizeGuard guard = new RecordSizeGuard(1000);
        RecordSizeGuard.State st = new RecordSizeGuard.State();
        // two records, 600 + 300 bytes, the second in two fragments, fed one byte at a time
        ByteBuffer stream = ByteBuffer.allocate(4 + 600 + 4 + 100 + 4 + 200);
        stream.putInt(0x80000000 | 600).position(4 + 600);
        stream.putInt(100).position(stream.position() + 100);
        stream.putInt(0x80000000 | 200);
        byte[] bytes = stream.array();
        for (byte b : bytes) {
            assertNull(guard.scan(st, wrap(new byte[] {b})));
        }
        assertEquals(0, st.recordSize, "both records complete");
        assertEquals(0, st.fragmentLeft);
    }

    @Test
    void recordStateRejectsARecordAboveTheLimitAsSoonAsItIsAnnounced() {
        RecordSizeGuard guard = new RecordSizeGuard(1000);
        RecordSizeGuard.State st = new RecordSizeGuard.State();
        assertNull(guard.scan(st, wrap(ByteBuffer.allocate(4 + 600).putInt(600).array())));
        assertNotNull(guard.scan(st, wrap(ByteBuffer.allocate(4).putInt(0x80000000 | 401).array())));
    }

    @Test
    void callHeaderCheckAcceptsWellFormedCallsOnly() {
        assertTrue(check(header(1, sys("host", 3))).passes());
        assertTrue(check(header(0, new int[0])).passes());
        assertTrue(check(new byte[12]).closes(), "short");
        assertTrue(check(ints(1, 1, 0, 0, 0)).closes(), "a reply");
        assertTrue(check(header(1, sys("host", 17))).closes(), "17 gids");
    }

    @Test
    void wellFormedCallsThisServerCannotServeGetRfc5531Answers() {
        // xid 1 throughout (header's first word); REPLY = 1, MSG_DENIED = 1, MSG_ACCEPTED = 0.
        assertArrayEquals(new int[] {1, 1, 1, 1, CallHeaderGuard.AUTH_BADCRED},
                check(header(6, new int[2])).reply(), "RPCSEC_GSS: AUTH_ERROR / AUTH_BADCRED");
        byte[] badVerifier = header(0, new int[0]);
        ByteBuffer.wrap(badVerifier).putInt(badVerifier.length - 8, 9);
        assertArrayEquals(new int[] {1, 1, 1, 1, CallHeaderGuard.AUTH_BADVERF}, check(badVerifier).reply());
        byte[] rpcVersion3 = header(0, new int[0]);
        ByteBuffer.wrap(rpcVersion3).putInt(8, 3);
        assertArrayEquals(new int[] {1, 1, 1, 0, 2, 2}, check(rpcVersion3).reply(), "RPC_MISMATCH 2..2");
        byte[] nfs4 = header(0, new int[0]);
        ByteBuffer.wrap(nfs4).putInt(16, 4);
        assertArrayEquals(new int[] {1, 1, 0, 0, 0, 2, 3, 3}, check(nfs4).reply(), "PROG_MISMATCH 3..3");
        byte[] otherProgram = header(0, new int[0]);
        ByteBuffer.wrap(otherProgram).putInt(12, 100099);
        assertTrue(check(otherProgram).passes(), "oncrpc4j answers an unknown program itself");
    }

    @Test
    void handlesRoundTripAndRejectForgeries() throws NfsFault {
        HandleCodec codec = new HandleCodec(new SecureRandom());
        byte[] handle = codec.encode(4711);
        assertEquals(HandleCodec.LENGTH, handle.length);
        assertEquals(4711, codec.decode(handle));
        for (int i = 8; i < handle.length; i++) {
            byte[] forged = handle.clone();
            forged[i] ^= 0x40;
            NfsFault fault = assertThrows(NfsFault.class, () -> codec.decode(forged));
            assertEquals(NfsStatus.NFS3ERR_BADHANDLE, fault.status());
        }
        HandleCodec other = new HandleCodec(new SecureRandom());
        assertEquals(NfsStatus.NFS3ERR_STALE, assertThrows(NfsFault.class, () -> other.decode(handle)).status());
        assertEquals(NfsStatus.NFS3ERR_BADHANDLE,
                assertThrows(NfsFault.class, () -> codec.decode(new byte[31])).status());
    }

    // --- helpers

    /** A call header whose credential has the given flavor and body words, and a null verifier. */
    private static byte[] header(int flavor, int[] body) {
        ByteBuffer b = ByteBuffer.allocate(4 * (6 + 2 + body.length + 2));
        b.putInt(1).putInt(0).putInt(2).putInt(100003).putInt(3).putInt(0);
        b.putInt(flavor).putInt(4 * body.length);
        for (int w : body) {
            b.putInt(w);
        }
        b.putInt(0).putInt(0);
        return b.array();
    }

    /** authsys_parms words for a 4-character machine name and {@code gids} groups. */
    private static int[] sys(String machine, int gids) {
        int[] words = new int[2 + 1 + 2 + 1 + gids];
        words[1] = machine.length();
        words[2] = ByteBuffer.wrap(machine.getBytes()).getInt();
        words[5] = gids;
        return words;
    }

    private static byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private static CallHeaderGuard.Verdict check(byte[] record) {
        return CallHeaderGuard.check(wrap(record), Map.of(100003, new int[] {3, 3}));
    }

    private static Buffer wrap(byte[] bytes) {
        return new ByteBufferWrapper(ByteBuffer.wrap(bytes));
    }
}
