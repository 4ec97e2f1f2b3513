package io.nfsdirect.protocol.nfs3;

import static io.nfsdirect.protocol.xdr.XdrTesting.encode;
import static io.nfsdirect.protocol.xdr.XdrTesting.xdr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.util.Random;

import org.dcache.oncrpc4j.xdr.BadXdrOncRpcException;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.junit.jupiter.api.Test;

/**
 * The data path moves each payload byte once: READ replies go from the receive buffer straight
 * into the caller's destination, WRITE payloads are attached to the outgoing message, and the
 * server sees WRITE data as a view of what it received.
 */
class ZeroCopyTest {

    private static final int MIB = 1 << 20;

    /** An Xdr that fails on every array-based way of decoding a payload. */
    static final class ViewOnlyXdr extends Xdr {
        int byteBufferCalls;

        ViewOnlyXdr(byte[] bytes) {
            super(bytes);
            beginDecoding();
        }

        @Override
        public ByteBuffer xdrDecodeByteBuffer() throws BadXdrOncRpcException {
            byteBufferCalls++;
            return super.xdrDecodeByteBuffer();
        }

        @Override
        public void xdrDecodeOpaque(byte[] buf, int offset, int len) throws BadXdrOncRpcException {
            if (len > Nfs3.FHSIZE3) {
                throw new AssertionError("payload of " + len + " bytes decoded into an array");
            }
            super.xdrDecodeOpaque(buf, offset, len);
        }

        @Override
        public byte[] xdrDecodeDynamicOpaque() {
            throw new AssertionError("xdrDecodeDynamicOpaque allocates by an unchecked length");
        }

        @Override
        public String xdrDecodeString() {
            throw new AssertionError("xdrDecodeString allocates by an unchecked length");
        }
    }

    private static byte[] payload(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static byte[] readReply(byte[] payload) throws Exception {
        return encode(new Read3Res(0, new PostOpAttr(ByteVectorsTest.sampleFattr3()), payload.length, false,
                ByteBuffer.wrap(payload)));
    }

    @Test
    void readDecodesStraightFromTheReceiveBufferIntoTheDestination() throws Exception {
        byte[] payload = payload(MIB + 3);
        ViewOnlyXdr in = new ViewOnlyXdr(readReply(payload));
        ByteBuffer destination = ByteBuffer.allocateDirect(2 * MIB).position(100);

        Read3Res res = Read3Res.into(destination);
        res.xdrDecode(in);

        assertEquals(0, in.byteBufferCalls, "no merged view of the receive buffer is needed");
        assertEquals(100 + payload.length, destination.position());
        assertEquals(ByteBuffer.wrap(payload), res.data);
        assertEquals(ByteBuffer.wrap(payload), destination.duplicate().position(100).limit(100 + payload.length));
        // data is the destination's memory, not a copy of it
        assertTrue(res.data.isDirect());
        destination.put(100, (byte) (payload[0] + 1));
        assertEquals((byte) (payload[0] + 1), res.data.get(0));
        assertEquals(ByteVectorsTest.sampleFattr3(), res.fileAttributes.attributes);
    }

    @Test
    void consecutiveRepliesFillOneDestination() throws Exception {
        byte[] first = payload(4096);
        byte[] second = payload(1000);
        ByteBuffer destination = ByteBuffer.allocate(first.length + second.length);
        Read3Res.into(destination).xdrDecode(xdr(readReply(first)));
        Read3Res last = Read3Res.into(destination);
        last.xdrDecode(xdr(readReply(second)));
        assertEquals(destination.capacity(), destination.position());
        assertEquals(ByteBuffer.wrap(first), ByteBuffer.wrap(destination.array(), 0, first.length));
        assertEquals(ByteBuffer.wrap(second), last.data);
    }

    @Test
    void readIntoDestinationAllocatesNothingPayloadSized() throws Exception {
        long probe = MalformedInputTest.allocatedBytes();
        assumeTrue(probe >= 0, "this JVM cannot count allocated bytes");
        byte[] wire = readReply(payload(MIB));
        ByteBuffer destination = ByteBuffer.allocateDirect(MIB);
        for (int warmup = 0; warmup < 50; warmup++) {
            Read3Res.into(destination.clear()).xdrDecode(xdr(wire));
        }

        long before = MalformedInputTest.allocatedBytes();
        Read3Res.into(destination.clear()).xdrDecode(xdr(wire));
        long intoDestination = MalformedInputTest.allocatedBytes() - before;

        before = MalformedInputTest.allocatedBytes();
        new Read3Res().xdrDecode(xdr(wire));
        long allocating = MalformedInputTest.allocatedBytes() - before;

        assertTrue(intoDestination < 64 * 1024, "decoding into the destination allocated " + intoDestination);
        assertTrue(allocating >= MIB, "the control measurement saw only " + allocating + " bytes");
    }

    /**
     * A large reply arrives in several socket reads, so its receive buffer is a chain of pieces;
     * decoding must copy out of the chain, not merge it into one array first.
     */
    @Test
    void aReplySpreadOverManyReceiveBuffersIsCopiedOnceWithoutMergingThem() throws Exception {
        long probe = MalformedInputTest.allocatedBytes();
        assumeTrue(probe >= 0, "this JVM cannot count allocated bytes");
        byte[] payload = payload(MIB);
        byte[] wire = readReply(payload);
        ByteBuffer destination = ByteBuffer.allocate(MIB);
        for (int warmup = 0; warmup < 20; warmup++) {
            Read3Res.into(destination.clear()).xdrDecode(fragmented(wire, 64 * 1024));
        }
        Xdr in = fragmented(wire, 64 * 1024);
        long before = MalformedInputTest.allocatedBytes();
        Read3Res res = Read3Res.into(destination.clear());
        res.xdrDecode(in);
        long allocated = MalformedInputTest.allocatedBytes() - before;
        assertEquals(ByteBuffer.wrap(payload), res.data);
        assertTrue(allocated < 64 * 1024, "decoding a fragmented reply allocated " + allocated);
        assertTrue(!in.hasMoreData(), "the padding and everything after the payload was consumed");
    }

    /** The wire bytes as a Grizzly composite of {@code piece}-sized buffers, like a socket delivers them. */
    private static Xdr fragmented(byte[] wire, int piece) {
        org.glassfish.grizzly.memory.MemoryManager mm = org.glassfish.grizzly.memory.MemoryManager.DEFAULT_MEMORY_MANAGER;
        org.glassfish.grizzly.memory.BuffersBuffer chain = org.glassfish.grizzly.memory.BuffersBuffer.create(mm);
        for (int off = 0; off < wire.length; off += piece) {
            chain.append(org.glassfish.grizzly.memory.Buffers.wrap(mm, wire, off, Math.min(piece, wire.length - off)));
        }
        Xdr xdr = new Xdr(chain, mm);
        xdr.beginDecoding();
        return xdr;
    }

    @Test
    void readOnlyDestinationIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Read3Res.into(ByteBuffer.allocate(8).asReadOnlyBuffer()));
    }

    @Test
    void writeEncodingAttachesTheCallersBufferWithoutMovingIt() throws Exception {
        ByteBuffer data = ByteBuffer.allocateDirect(8192).put(payload(8192)).flip().position(192);
        Xdr out = new Xdr(64);
        out.beginEncoding();
        new Write3Args(new NfsFh3(new byte[8]), 0, 8000, Nfs3.UNSTABLE, data).xdrEncode(out);
        assertEquals(192, data.position(), "the caller's position is untouched");
        // Shallow: a change made after encoding shows up in the message, proving there was no copy.
        data.put(192, (byte) 0x5a);
        data.put(8191, (byte) 0x6b);
        out.endEncoding();
        byte[] wire = out.getBytes();

        Write3Args decoded = new Write3Args();
        decoded.xdrDecode(xdr(wire));
        assertEquals(data, decoded.data);
        assertEquals(0x5a, decoded.data.get(0));
        assertEquals(0x6b, decoded.data.get(7999));
    }

    @Test
    void serverSeesWriteDataAsAViewOfTheReceiveBuffer() throws Exception {
        byte[] wire = encode(new Write3Args(new NfsFh3(new byte[8]), 0, 4096, Nfs3.FILE_SYNC,
                ByteBuffer.wrap(payload(4096))));
        ViewOnlyXdr in = new ViewOnlyXdr(wire);
        Write3Args args = new Write3Args();
        args.xdrDecode(in);
        assertEquals(1, in.byteBufferCalls);
        wire[wire.length - 4096] = 42;
        assertEquals(42, args.data.get(0));
    }

    @Test
    void readEncodingLeavesTheServersBufferAlone() throws Exception {
        ByteBuffer data = ByteBuffer.wrap(payload(100)).position(10);
        byte[] wire = encode(new Read3Res(0, null, 90, true, data));
        assertEquals(10, data.position());
        Read3Res decoded = new Read3Res();
        decoded.xdrDecode(xdr(wire));
        assertEquals(data, decoded.data);
    }
}
