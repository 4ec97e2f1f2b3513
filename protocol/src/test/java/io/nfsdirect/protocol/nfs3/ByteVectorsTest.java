package io.nfsdirect.protocol.nfs3;

import static io.nfsdirect.protocol.xdr.XdrTesting.decode;
import static io.nfsdirect.protocol.xdr.XdrTesting.encode;
import static io.nfsdirect.protocol.xdr.XdrTesting.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.junit.jupiter.api.Test;

/**
 * Encodings worked out by hand from the XDR definitions in RFC 1813 (section 2.6 for the basic
 * types, 3.3.6 READ, 3.3.7 WRITE, 3.3.21 COMMIT) and RFC 4506 (big-endian 4-byte units, opaques
 * as length + bytes + zero padding to a multiple of four, hypers as 8 bytes, bools as 0/1).
 * Each vector is checked in both directions.
 */
class ByteVectorsTest {

    /** fattr3 of a 1 MiB regular file, with fields chosen so that every word is distinct. */
    static final String FATTR3 = """
            00000001          // fattr3.type = NF3REG
            000001a4          // fattr3.mode = 0644
            00000001          // fattr3.nlink = 1
            000003e8          // fattr3.uid = 1000
            fffffffe          // fattr3.gid = 4294967294 (uint32 with the top bit set)
            0000000000100000  // fattr3.size = 1048576
            0000000000101000  // fattr3.used = 1052672
            00000000          // fattr3.rdev.specdata1 = 0
            00000000          // fattr3.rdev.specdata2 = 0
            0123456789abcdef  // fattr3.fsid (uint64, most significant word first)
            0000000000000042  // fattr3.fileid = 66
            65000000          // fattr3.atime.seconds
            1dcd6500          // fattr3.atime.nseconds = 500000000
            65000001          // fattr3.mtime.seconds
            00000000          // fattr3.mtime.nseconds
            65000002          // fattr3.ctime.seconds
            3b9ac9ff          // fattr3.ctime.nseconds = 999999999
            """;

    static Fattr3 sampleFattr3() {
        return new Fattr3(Nfs3.NF3REG, 0644, 1, 1000, 0xfffffffe, 0x100000, 0x101000, new Specdata3(0, 0),
                0x0123456789abcdefL, 0x42, new NfsTime3(0x65000000, 500_000_000), new NfsTime3(0x65000001, 0),
                new NfsTime3(0x65000002, 999_999_999));
    }

    private static void assertWire(String expectedHex, XdrAble value, XdrAble fresh) throws Exception {
        byte[] expected = hex(expectedHex);
        assertEquals(hex(expected), hex(encode(value)), "encoding of " + value);
        assertEquals(value, decode(expected, fresh), "decoding of " + hex(expected));
    }

    @Test
    void fattr3() throws Exception {
        assertEquals(84, hex(FATTR3).length, "fattr3 is 21 words");
        assertWire(FATTR3, sampleFattr3(), new Fattr3());
    }

    @Test
    void read3args() throws Exception {
        assertWire("""
                00000008          // nfs_fh3.data length
                0102030405060708  // nfs_fh3.data
                0000000100001000  // READ3args.offset = 4 GiB + 4096
                00010000          // READ3args.count = 65536
                """,
                new Read3Args(new NfsFh3(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), 0x100001000L, 65536),
                new Read3Args());
    }

    @Test
    void read3resOk() throws Exception {
        assertWire("""
                00000000          // READ3res.status = NFS3_OK
                00000001          // READ3resok.file_attributes: attributes_follow = TRUE
                """ + FATTR3 + """
                00000005          // READ3resok.count = 5
                00000001          // READ3resok.eof = TRUE
                00000005          // READ3resok.data length
                68656c6c6f000000  // "hello" + 3 zero bytes of padding
                """,
                new Read3Res(0, new PostOpAttr(sampleFattr3()), 5, true, ascii("hello")),
                new Read3Res());
    }

    @Test
    void read3resOkIntoDestination() throws Exception {
        byte[] wire = hex("""
                00000000          // READ3res.status = NFS3_OK
                00000000          // READ3resok.file_attributes: attributes_follow = FALSE
                00000008          // READ3resok.count = 8
                00000000          // READ3resok.eof = FALSE
                00000008          // READ3resok.data length
                0011223344556677  // data, already a multiple of four
                """);
        ByteBuffer destination = ByteBuffer.allocate(16).position(4);
        Read3Res res = decode(wire, Read3Res.into(destination));
        assertEquals(12, destination.position());
        assertEquals("00112233445566770000", hex(Arrays.copyOfRange(destination.array(), 4, 14)));
        assertEquals(new Read3Res(0, new PostOpAttr(), 8, false,
                ByteBuffer.wrap(hex("0011223344556677"))), res);
    }

    @Test
    void read3resFail() throws Exception {
        assertWire("""
                00000046          // READ3res.status = NFS3ERR_STALE (70)
                00000000          // READ3resfail.file_attributes: attributes_follow = FALSE
                """,
                new Read3Res(70, new PostOpAttr(), 0, false, null),
                new Read3Res());
        assertWire("""
                00000005          // READ3res.status = NFS3ERR_IO
                00000001          // READ3resfail.file_attributes: attributes_follow = TRUE
                """ + FATTR3,
                new Read3Res(5, new PostOpAttr(sampleFattr3()), 0, false, null),
                new Read3Res());
    }

    @Test
    void write3args() throws Exception {
        assertWire("""
                00000006          // nfs_fh3.data length = 6
                aabbccddeeff0000  // nfs_fh3.data + 2 zero bytes of padding
                0000000000100000  // WRITE3args.offset = 1 MiB
                00000003          // WRITE3args.count = 3
                00000002          // WRITE3args.stable = FILE_SYNC
                00000003          // WRITE3args.data length
                61626300          // "abc" + 1 zero byte of padding
                """,
                new Write3Args(new NfsFh3(hex("aabbccddeeff")), 0x100000, 3, Nfs3.FILE_SYNC, ascii("abc")),
                new Write3Args());
    }

    @Test
    void write3argsPaddingIsZeroEvenWhenTheBufferIsReused() throws Exception {
        // oncrpc4j only skips over the padding after a shallow buffer; stale bytes must not leak.
        Xdr xdr = new Xdr(256);
        xdr.beginEncoding();
        for (int i = 0; i < 64; i++) {
            xdr.xdrEncodeInt(-1);
        }
        xdr.endEncoding();
        xdr.beginEncoding();
        new Write3Args(new NfsFh3(new byte[] {9}), 0, 1, Nfs3.UNSTABLE, ascii("z")).xdrEncode(xdr);
        xdr.xdrEncodeInt(0x01020304);
        xdr.endEncoding();
        assertEquals(hex(hex("""
                00000001 09000000    // nfs_fh3: length 1, 0x09 + padding
                0000000000000000     // offset
                00000001             // count
                00000000             // stable = UNSTABLE
                00000001 7a000000    // data "z" + padding
                01020304             // the next item follows the padding
                """)), hex(xdr.getBytes()));
    }

    @Test
    void write3resOk() throws Exception {
        assertWire("""
                00000000          // WRITE3res.status = NFS3_OK
                00000001          // file_wcc.before: attributes_follow = TRUE
                0000000000100000  //   wcc_attr.size = 1 MiB
                65000001 00000000 //   wcc_attr.mtime
                65000002 00000005 //   wcc_attr.ctime
                00000000          // file_wcc.after: attributes_follow = FALSE
                00000003          // WRITE3resok.count = 3
                00000002          // WRITE3resok.committed = FILE_SYNC
                0102030405060708  // WRITE3resok.verf (fixed 8 bytes, no length)
                """,
                new Write3Res(0, new WccData(new PreOpAttr(new WccAttr(0x100000, new NfsTime3(0x65000001, 0),
                        new NfsTime3(0x65000002, 5))), new PostOpAttr()), 3, Nfs3.FILE_SYNC,
                        hex("0102030405060708")),
                new Write3Res());
    }

    @Test
    void write3resFail() throws Exception {
        assertWire("""
                0000001c          // WRITE3res.status = NFS3ERR_NOSPC (28)
                00000000          // file_wcc.before: attributes_follow = FALSE
                00000000          // file_wcc.after: attributes_follow = FALSE
                """,
                new Write3Res(28, new WccData(new PreOpAttr(), new PostOpAttr()), 0, 0, null),
                new Write3Res());
    }

    @Test
    void commit3resOk() throws Exception {
        assertWire("""
                00000000          // COMMIT3res.status = NFS3_OK
                00000000          // file_wcc.before: attributes_follow = FALSE
                00000001          // file_wcc.after: attributes_follow = TRUE
                """ + FATTR3 + """
                cafebabedeadbeef  // COMMIT3resok.verf
                """,
                new Commit3Res(0, new WccData(new PreOpAttr(), new PostOpAttr(sampleFattr3())), hex("cafebabedeadbeef")),
                new Commit3Res());
    }

    @Test
    void commit3resFail() throws Exception {
        assertWire("""
                00000005          // COMMIT3res.status = NFS3ERR_IO
                00000000          // file_wcc.before: attributes_follow = FALSE
                00000000          // file_wcc.after: attributes_follow = FALSE
                """,
                new Commit3Res(5, new WccData(new PreOpAttr(), new PostOpAttr()), null),
                new Commit3Res());
    }

    @Test
    void nullOptionalsEncodeAsAbsent() throws Exception {
        // Servers fill in what they know; a null post_op_attr or wcc_data is "not sent", not an error.
        assertEquals("00000005" + "00000000" + "00000000", hex(encode(new Commit3Res(5, null, null))));
        assertEquals("00000046" + "00000000", hex(encode(new Read3Res(70, null, 0, false, null))));
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
