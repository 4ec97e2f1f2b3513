package io.nfsdirect.protocol.nfs3;

import static io.nfsdirect.protocol.xdr.XdrTesting.decode;
import static io.nfsdirect.protocol.xdr.XdrTesting.encode;
import static io.nfsdirect.protocol.xdr.XdrTesting.hex;
import static io.nfsdirect.protocol.xdr.XdrTesting.opaqueStream;
import static io.nfsdirect.protocol.xdr.XdrTesting.xdr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import io.nfsdirect.protocol.Samples;
import io.nfsdirect.protocol.mount3.Dirpath;
import io.nfsdirect.protocol.mount3.Exports;
import io.nfsdirect.protocol.mount3.Mountres3;
import io.nfsdirect.protocol.xdr.XdrException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Replies and calls that do not follow RFC 1813: each must fail with an XdrException naming the field. */
class MalformedInputTest {

    private static final String NO_ATTRS = "00000000";
    private static final String READ_OK_HEADER = "00000000" + NO_ATTRS;
    /** sattr3 setting nothing: four absent values and two DONT_CHANGE times. */
    private static final String NO_SATTR = "00000000".repeat(6);

    static List<Samples.Sample> samples() {
        return Samples.all();
    }

    private static XdrException rejects(String field, byte[] wire, XdrAble into) {
        XdrException e = assertThrows(XdrException.class, () -> into.xdrDecode(xdr(wire)));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith("XDR field " + field + ": "), e.getMessage());
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyTruncationIsAnXdrException(Samples.Sample sample) throws Exception {
        byte[] wire = encode(sample.value());
        for (int length = 0; length < wire.length; length++) {
            byte[] prefix = Arrays.copyOf(wire, length);
            assertThrows(XdrException.class, () -> sample.fresh().get().xdrDecode(xdr(prefix)),
                    "prefix of " + length + " of " + wire.length + " bytes");
            assertThrows(XdrException.class, () -> sample.fresh().get().xdrDecode(opaqueStream(prefix)),
                    "prefix of " + length + " of " + wire.length + " bytes, generic stream");
        }
    }

    @Test
    void truncatedReadReplyIntoDestinationLeavesItUntouched() throws Exception {
        byte[] wire = encode(new Read3Res(0, new PostOpAttr(), 8, false, ByteBuffer.wrap(new byte[8])));
        byte[] prefix = Arrays.copyOf(wire, wire.length - 4);
        ByteBuffer destination = ByteBuffer.allocate(8);
        rejects("READ3resok.data", prefix, Read3Res.into(destination));
        assertEquals(0, destination.position());
    }

    @Test
    void opaqueLongerThanWhatRemains() {
        XdrException e = rejects("nfs_fh3.data", hex("0000003c 0102030405060708"), new NfsFh3());
        assertEquals("XDR field nfs_fh3.data: opaque length 60 exceeds the 8 bytes remaining", e.getMessage());

        byte[] read = concat(hex(READ_OK_HEADER + "00001388 00000000 00001388"), new byte[100]);
        e = rejects("READ3resok.data", read, new Read3Res());
        assertEquals("XDR field READ3resok.data: opaque length 5000 exceeds the 100 bytes remaining", e.getMessage());
    }

    @Test
    void fileHandleOf65BytesIsRejected() throws Exception {
        byte[] wire = concat(hex("00000041"), new byte[68]);
        XdrException e = rejects("nfs_fh3.data", wire, new NfsFh3());
        assertTrue(e.getMessage().contains("limit of 64"), e.getMessage());
        // The same handle inside a reply, and on a stream that cannot tell what remains.
        rejects("nfs_fh3.data", concat(hex("00000000"), wire, hex("00000000 00000000")), new Lookup3Res());
        assertThrows(XdrException.class, () -> new NfsFh3().xdrDecode(opaqueStream(wire)));
        // Nor can one be sent.
        XdrException encoding = assertThrows(XdrException.class, () -> encode(new NfsFh3(new byte[65])));
        assertEquals("nfs_fh3.data", encoding.field());
        assertEquals(64, decode(encode(new NfsFh3(new byte[64])), new NfsFh3()).data.length);
    }

    @Test
    void readCountMustMatchTheDataLength() {
        byte[] wire = hex(READ_OK_HEADER + """
                0000000a          // count = 10
                00000000          // eof
                00000005          // data length 5
                6162636465000000
                """);
        XdrException e = rejects("READ3resok.count", wire, new Read3Res());
        assertTrue(e.getMessage().contains("count 10 does not match the 5 data bytes"), e.getMessage());
        ByteBuffer destination = ByteBuffer.allocate(64);
        rejects("READ3resok.count", wire, Read3Res.into(destination));
        assertEquals(0, destination.position(), "nothing copied before the check");
        assertThrows(XdrException.class, () -> Read3Res.into(ByteBuffer.allocate(64)).xdrDecode(opaqueStream(wire)));
        // The server side must not send such a reply either.
        assertThrows(XdrException.class,
                () -> encode(new Read3Res(0, null, 10, false, ByteBuffer.allocate(5))));
    }

    @Test
    void writeCountMustMatchTheDataLength() {
        byte[] wire = hex("""
                00000001 01000000 // fh
                0000000000000000  // offset
                00000008          // count = 8
                00000000          // UNSTABLE
                00000004 61626364 // 4 data bytes
                """);
        rejects("WRITE3args.count", wire, new Write3Args());
        assertThrows(XdrException.class, () -> encode(new Write3Args(new NfsFh3(new byte[1]), 0, 8,
                Nfs3.UNSTABLE, ByteBuffer.allocate(4))));
    }

    @Test
    void dataLongerThanTheDestination() {
        byte[] wire = hex(READ_OK_HEADER + "00000005 00000001 00000005 6162636465000000");
        ByteBuffer destination = ByteBuffer.allocate(16).position(12);
        byte[] before = destination.array().clone();
        XdrException e = rejects("READ3resok.data", wire, Read3Res.into(destination));
        assertTrue(e.getMessage().contains("exceeds the 4 bytes left in the destination"), e.getMessage());
        assertEquals(12, destination.position());
        assertArrayEquals(before, destination.array());

        ByteBuffer direct = ByteBuffer.allocateDirect(4);
        assertThrows(XdrException.class, () -> Read3Res.into(direct).xdrDecode(opaqueStream(wire)));
        assertEquals(0, direct.position());
    }

    /** Payload lengths that would make a naive decoder allocate up to 4 GiB. */
    @ParameterizedTest(name = "length 0x{0}")
    @ValueSource(strings = {"7fffffff", "7ffffffd", "80000000", "ffffffff", "04000001"})
    void hugeLengthsFailFastWithoutAllocating(String length) {
        String tail = length + "00000000 00000000";
        String readOk = READ_OK_HEADER + "7fffffff 00000000 ";
        assertCheaplyRejected("READ3resok.data", hex(readOk + tail), Read3Res::new);
        assertCheaplyRejected("READ3resok.data", hex(readOk + tail), () -> Read3Res.into(ByteBuffer.allocate(64)));
        assertCheaplyRejected("nfs_fh3.data", hex(tail), NfsFh3::new);
        assertCheaplyRejected("WRITE3args.data", hex("00000000 0000000000000000 7fffffff 00000000 " + tail),
                Write3Args::new);
        assertCheaplyRejected("diropargs3.name", hex("00000000" + tail), DirOpArgs3::new);
        assertCheaplyRejected("entryplus3.name", hex("0000000000000001" + tail), Entryplus3::new);
        assertCheaplyRejected("entry3.name", hex("0000000000000001" + tail), Entry3::new);
        assertCheaplyRejected("symlinkdata3.symlink_data", hex("00000000 00000000" + NO_SATTR + tail),
                Symlink3Args::new);
        assertCheaplyRejected("READLINK3resok.data", hex("00000000" + NO_ATTRS + tail), Readlink3Res::new);
        assertCheaplyRejected("dirpath", hex(tail), Dirpath::new);
        assertCheaplyRejected("mountres3_ok.fhandle", hex("00000000" + tail), Mountres3::new);
        assertCheaplyRejected("mountres3_ok.auth_flavors", hex("00000000 00000000" + tail), Mountres3::new);
    }

    private static void assertCheaplyRejected(String field, byte[] wire, Supplier<XdrAble> fresh) {
        for (boolean generic : new boolean[] {false, true}) {
            XdrAble into = fresh.get();
            XdrDecodingStream in = generic ? opaqueStream(wire) : xdr(wire);
            long allocatedBefore = allocatedBytes();
            long start = System.nanoTime();
            try {
                into.xdrDecode(in);
                fail("decoded " + into);
            } catch (XdrException e) {
                assertEquals(field, e.field(), e.getMessage());
            } catch (Exception | Error e) {
                throw new AssertionError("expected an XdrException naming " + field + ", got " + e, e);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            long allocated = allocatedBytes() - allocatedBefore;
            assertTrue(millis < 1000, "took " + millis + " ms");
            if (allocatedBefore >= 0) {
                assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes for " + field);
            }
        }
    }

    static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
            return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    @Test
    void booleansOtherThanZeroOrOne() {
        XdrException e = rejects("post_op_attr.attributes_follow", hex("00000046 00000002"), new Read3Res());
        assertTrue(e.getMessage().contains("boolean must be 0 or 1, got 2"), e.getMessage());
        rejects("READ3resok.eof", hex(READ_OK_HEADER + "00000000 ffffffff 00000000"), new Read3Res());
        rejects("dirlistplus3.entries", hex("00000000 00000000 0000000000000000 00000007"), new Readdirplus3Res());
        rejects("dirlist3.entries", hex("00000000 00000000 0000000000000000 00000002"), new Readdir3Res());
        rejects("dirlist3.eof", hex("00000000 00000000 0000000000000000 00000000 00000005"), new Readdir3Res());
        rejects("PATHCONF3resok.no_trunc", hex("00000000" + NO_ATTRS + "00000001 000000ff 00000003"),
                new Pathconf3Res());
    }

    @Test
    void enumsOutOfRange() {
        rejects("WRITE3args.stable", hex("00000000 0000000000000000 00000000 00000003 00000000"), new Write3Args());
        rejects("WRITE3resok.committed", hex("00000000 00000000 00000000 00000000 00000007 0000000000000000"),
                new Write3Res());
        rejects("createhow3.mode", hex("00000000 00000001 61000000 00000003"), new Create3Args());
        rejects("sattr3.atime.set_it", hex("00000000 00000000 00000000 00000000 00000003"), new Sattr3());
        rejects("mknoddata3.type", hex("00000000 00000001 61000000 00000008"), new Mknod3Args());
        rejects("mknoddata3.type", hex("00000000 00000001 61000000 00000000"), new Mknod3Args());
        rejects("mknoddata3.type", hex("00000000 00000001 61000000 ffffffff"), new Mknod3Args());
        assertThrows(XdrException.class, () -> encode(new Mknod3Args(new DirOpArgs3(new NfsFh3(new byte[0]), "x"),
                0, null, null)));
        assertThrows(XdrException.class, () -> encode(new Write3Args(new NfsFh3(new byte[0]), 0, 0, 3,
                ByteBuffer.allocate(0))));
        assertThrows(XdrException.class, () -> encode(new Sattr3(null, null, null, null,
                Nfs3.SET_TO_CLIENT_TIME, null, 0, null)));
    }

    @Test
    void overlongNamesAreRejectedBothWays() throws Exception {
        String name = "n".repeat(Nfs3.MAX_NAME + 1);
        XdrException e = assertThrows(XdrException.class,
                () -> encode(new Lookup3Args(new DirOpArgs3(new NfsFh3(new byte[4]), name))));
        assertEquals("diropargs3.name", e.field());
        byte[] wire = concat(hex("00000000 00000100"), new byte[256]);
        rejects("diropargs3.name", wire, new DirOpArgs3());
        assertEquals(Nfs3.MAX_NAME, decode(encode(new DirOpArgs3(new NfsFh3(new byte[0]),
                "n".repeat(Nfs3.MAX_NAME))), new DirOpArgs3()).name.length());
    }

    @Test
    void overlongSymlinkTextIsRejectedBothWays() throws Exception {
        NfsFh3 fh = new NfsFh3(new byte[4]);
        String path = "p".repeat(Nfs3.MAX_PATH + 1);
        XdrException e = assertThrows(XdrException.class,
                () -> encode(new Symlink3Args(new DirOpArgs3(fh, "l"), new Sattr3(), path)));
        assertEquals("symlinkdata3.symlink_data", e.field());
        assertEquals("READLINK3resok.data",
                assertThrows(XdrException.class, () -> encode(new Readlink3Res(0, null, path))).field());
        byte[] wire = concat(hex("00000000" + NO_ATTRS + "00000401"), new byte[1028]);
        rejects("READLINK3resok.data", wire, new Readlink3Res());
        String longest = "p".repeat(Nfs3.MAX_PATH);
        assertEquals(longest, decode(encode(new Readlink3Res(0, null, longest)), new Readlink3Res()).data);
    }

    @Test
    void readdirListingsAreCappedToo() throws Exception {
        List<Entry3> entries = new ArrayList<>();
        for (int i = 0; i <= Nfs3.MAX_DIR_ENTRIES; i++) {
            entries.add(new Entry3(i, "", i));
        }
        byte[] wire = encode(new Readdir3Res(0, new PostOpAttr(), new byte[8], entries, true));
        XdrException e = rejects("dirlist3.entries", wire, new Readdir3Res());
        assertTrue(e.getMessage().contains("more than 65536 entries"), e.getMessage());
    }

    @Test
    void directoryListingsAreCapped() throws Exception {
        List<Entryplus3> entries = new ArrayList<>();
        for (int i = 0; i <= Nfs3.MAX_DIR_ENTRIES; i++) {
            entries.add(new Entryplus3(i, "", i, new PostOpAttr(), new PostOpFh3()));
        }
        byte[] wire = encode(new Readdirplus3Res(0, new PostOpAttr(), new byte[8], entries, true));
        XdrException e = rejects("dirlistplus3.entries", wire, new Readdirplus3Res());
        assertTrue(e.getMessage().contains("more than 65536 entries"), e.getMessage());
        entries.remove(entries.size() - 1);
        assertEquals(Nfs3.MAX_DIR_ENTRIES,
                decode(encode(new Readdirplus3Res(0, null, new byte[8], entries, true)), new Readdirplus3Res())
                        .entries.size());
    }

    @Test
    void listsThatNeverEndRunOutOfBytes() {
        // "value follows" forever: the decoder must stop at the end of the buffer, not loop.
        byte[] wire = hex("00000001 00000001 2f000000 00000000".repeat(100));
        rejects("exports", wire, new Exports());
        rejects("exportnode.ex_groups", Arrays.copyOf(wire, wire.length - 4), new Exports());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void garbageIsAnXdrExceptionOrAValidValue(Samples.Sample sample) throws Exception {
        byte[] valid = encode(sample.value());
        Random random = new Random(sample.name().hashCode());
        for (int round = 0; round < 400; round++) {
            byte[] wire;
            if (round % 2 == 0) {
                wire = new byte[random.nextInt(valid.length + 64)];
                random.nextBytes(wire);
            } else {
                wire = valid.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0 && wire.length > 0; flips--) {
                    int at = random.nextInt(wire.length);
                    wire[at] = (byte) (random.nextBoolean() ? random.nextInt() : wire[at] ^ (1 << random.nextInt(8)));
                }
            }
            for (boolean generic : new boolean[] {false, true}) {
                XdrAble into = sample.fresh().get();
                byte[] input = wire;
                try {
                    into.xdrDecode(generic ? opaqueStream(input) : xdr(input));
                } catch (XdrException expected) {
                    // the only acceptable failure
                } catch (Exception | Error e) {
                    throw new AssertionError(sample.name() + " failed on " + hex(input) + " with " + e, e);
                }
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
