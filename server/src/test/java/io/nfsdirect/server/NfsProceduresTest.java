package io.nfsdirect.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.mount3.Dirpath;
import io.nfsdirect.protocol.mount3.Exports;
import io.nfsdirect.protocol.mount3.Mount3;
import io.nfsdirect.protocol.mount3.Mountres3;
import io.nfsdirect.protocol.nfs3.Access3Args;
import io.nfsdirect.protocol.nfs3.Access3Res;
import io.nfsdirect.protocol.nfs3.Commit3Args;
import io.nfsdirect.protocol.nfs3.Commit3Res;
import io.nfsdirect.protocol.nfs3.Create3Args;
import io.nfsdirect.protocol.nfs3.Create3Res;
import io.nfsdirect.protocol.nfs3.DirOpArgs3;
import io.nfsdirect.protocol.nfs3.Entryplus3;
import io.nfsdirect.protocol.nfs3.Fsinfo3Args;
import io.nfsdirect.protocol.nfs3.Fsinfo3Res;
import io.nfsdirect.protocol.nfs3.Fsstat3Args;
import io.nfsdirect.protocol.nfs3.Fsstat3Res;
import io.nfsdirect.protocol.nfs3.Getattr3Args;
import io.nfsdirect.protocol.nfs3.Getattr3Res;
import io.nfsdirect.protocol.nfs3.Lookup3Res;
import io.nfsdirect.protocol.nfs3.Mkdir3Args;
import io.nfsdirect.protocol.nfs3.Mkdir3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.protocol.nfs3.Read3Args;
import io.nfsdirect.protocol.nfs3.Read3Res;
import io.nfsdirect.protocol.nfs3.Readdirplus3Args;
import io.nfsdirect.protocol.nfs3.Readdirplus3Res;
import io.nfsdirect.protocol.nfs3.Remove3Args;
import io.nfsdirect.protocol.nfs3.Remove3Res;
import io.nfsdirect.protocol.nfs3.Sattr3;
import io.nfsdirect.protocol.nfs3.SattrGuard3;
import io.nfsdirect.protocol.nfs3.NfsTime3;
import io.nfsdirect.protocol.nfs3.Setattr3Args;
import io.nfsdirect.protocol.nfs3.Setattr3Res;
import io.nfsdirect.protocol.nfs3.Write3Args;
import io.nfsdirect.protocol.nfs3.Write3Res;
import org.dcache.oncrpc4j.rpc.OncRpcAcceptedException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NFSv3 and MOUNT procedures, one by one, through a raw oncrpc4j client. */
class NfsProceduresTest {

    private static final int NOT_ROOT = 1000;

    @TempDir
    Path dir;
    NfsServer server;
    RawClient client;
    NfsFh3 root;

    @BeforeEach
    void start() throws IOException {
        server = NfsServer.builder().export(dir).rootSquash(false).wtmax(256 * 1024).build().start();
        client = RawClient.root(server);
        root = client.mnt(server.exportName());
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    @Test
    void randomWritesAtOddOffsetsReadBackExactly() throws IOException {
        NfsFh3 fh = create(root, "odd.bin");
        Random random = new Random(1813);
        byte[] mirror = new byte[3 * 1024 * 1024 + 7];
        int high = 0;
        for (int i = 0; i < 60; i++) {
            int offset = random.nextInt(mirror.length - 1);
            int length = 1 + random.nextInt(Math.min(mirror.length - offset, 200_001));
            byte[] data = new byte[length];
            random.nextBytes(data);
            System.arraycopy(data, 0, mirror, offset, length);
            high = Math.max(high, offset + length);
            int stable = i % 3;
            Write3Res res = write(fh, offset, data, stable);
            assertEquals(Nfs3.NFS3_OK, res.status);
            assertEquals(length, res.count);
            assertEquals(stable == Nfs3.UNSTABLE ? Nfs3.UNSTABLE : Nfs3.FILE_SYNC, res.committed);
            assertArrayEquals(server.verifier(), res.verf);
        }
        Commit3Res commit = client.nfs(Nfs3.PROC_COMMIT, new Commit3Args(fh, 0, 0), new Commit3Res());
        assertEquals(Nfs3.NFS3_OK, commit.status);
        assertArrayEquals(server.verifier(), commit.verf);

        byte[] expected = Arrays.copyOf(mirror, high);
        assertArrayEquals(expected, Files.readAllBytes(dir.resolve("odd.bin")));
        for (int i = 0; i < 60; i++) {
            int offset = random.nextInt(high);
            int count = 1 + random.nextInt(300_000);
            Read3Res res = read(fh, offset, count);
            assertEquals(Nfs3.NFS3_OK, res.status);
            int n = Math.min(count, high - offset);
            assertEquals(n, res.count);
            assertEquals(offset + n >= high, res.eof);
            byte[] got = new byte[res.count];
            res.data.get(got);
            assertArrayEquals(Arrays.copyOfRange(expected, offset, offset + n), got);
        }
    }

    @Test
    void readPastEndOfFileIsShortAndSaysEof() throws IOException {
        Files.write(dir.resolve("short.bin"), new byte[1000]);
        NfsFh3 fh = lookup(root, "short.bin");
        Read3Res tail = read(fh, 900, 4096);
        assertEquals(100, tail.count);
        assertTrue(tail.eof);
        Read3Res at = read(fh, 1000, 10);
        assertEquals(0, at.count);
        assertTrue(at.eof);
        Read3Res beyond = read(fh, 1 << 20, 10);
        assertEquals(0, beyond.count);
        assertTrue(beyond.eof);
        Read3Res exact = read(fh, 0, 1000);
        assertEquals(1000, exact.count);
        assertTrue(exact.eof);
        Read3Res part = read(fh, 0, 500);
        assertEquals(500, part.count);
        assertFalse(part.eof);
    }

    @Test
    void readIsClippedToRtmax() throws IOException {
        Files.write(dir.resolve("big.bin"), new byte[3 * 1024 * 1024]);
        Read3Res res = read(lookup(root, "big.bin"), 0, 4 * 1024 * 1024);
        assertEquals(1024 * 1024, res.count);
        assertFalse(res.eof);
    }

    @Test
    void errorsHaveTheirNfsStatus() throws IOException {
        assertEquals(NfsStatus.NFS3ERR_NOENT.code(), client.lookup(root, "missing").status);
        Files.createDirectory(dir.resolve("adir"));
        assertEquals(NfsStatus.NFS3ERR_ISDIR.code(), read(lookup(root, "adir"), 0, 10).status);
        Files.write(dir.resolve("a"), new byte[1]);
        assertEquals(NfsStatus.NFS3ERR_NOTDIR.code(), client.lookup(lookup(root, "a"), "x").status);
    }

    @Test
    void modeBitsAreCheckedAsTheCallersUid() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path secret = Files.write(dir.resolve("secret"), "root only".getBytes());
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path closed = Files.createDirectory(dir.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Files.write(closed.resolve("inner"), new byte[1]);
        try (RawClient user = new RawClient(server.port(), NOT_ROOT, NOT_ROOT)) {
            NfsFh3 userRoot = user.mnt(server.exportName());
            NfsFh3 fh = user.lookup(userRoot, "secret").object;
            Read3Res read = user.nfs(Nfs3.PROC_READ, new Read3Args(fh, 0, 100), new Read3Res());
            assertEquals(NfsStatus.NFS3ERR_ACCES.code(), read.status);
            Write3Res write = user.nfs(Nfs3.PROC_WRITE, new Write3Args(fh, 0, 1, Nfs3.FILE_SYNC,
                    ByteBuffer.wrap(new byte[] {1})), new Write3Res());
            assertEquals(NfsStatus.NFS3ERR_ACCES.code(), write.status);
            Access3Res access = user.nfs(Nfs3.PROC_ACCESS, new Access3Args(fh, 0x3f), new Access3Res());
            assertEquals(Nfs3.NFS3_OK, access.status);
            assertEquals(0, access.access);
            NfsFh3 closedFh = user.lookup(userRoot, "closed").object;
            assertEquals(NfsStatus.NFS3ERR_ACCES.code(), user.lookup(closedFh, "inner").status);
            Create3Res create = user.nfs(Nfs3.PROC_CREATE, new Create3Args(new DirOpArgs3(closedFh, "new"),
                    Nfs3.UNCHECKED, new Sattr3(), null), new Create3Res());
            assertEquals(NfsStatus.NFS3ERR_ACCES.code(), create.status);
        }
        // root may read it
        assertEquals(9, read(lookup(root, "secret"), 0, 100).count);
    }

    @Test
    void filesCreatedByAUserBelongToThatUser() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (RawClient user = new RawClient(server.port(), NOT_ROOT, NOT_ROOT)) {
            NfsFh3 userRoot = user.mnt(server.exportName());
            Create3Res create = user.nfs(Nfs3.PROC_CREATE, new Create3Args(new DirOpArgs3(userRoot, "mine"),
                    Nfs3.GUARDED, new Sattr3(0600, null, null, null, 0, null, 0, null), null), new Create3Res());
            assertEquals(Nfs3.NFS3_OK, create.status);
            assertEquals(NOT_ROOT, create.objAttributes.attributes.uid);
            assertEquals(0600, create.objAttributes.attributes.mode);
            assertEquals(NOT_ROOT, (Integer) Files.getAttribute(dir.resolve("mine"), "unix:uid"));
        }
    }

    @Test
    void nothingOutsideTheExportIsReachable() throws IOException {
        assertEquals(NfsStatus.NFS3ERR_ACCES.code(), client.lookup(root, "..").status);
        Files.createDirectory(dir.resolve("sub"));
        Lookup3Res up = client.lookup(lookup(root, "sub"), "..");
        assertEquals(Nfs3.NFS3_OK, up.status, ".. below the root is the parent");
        assertArrayEquals(root.data, up.object.data);
        assertEquals(NfsStatus.NFS3ERR_ACCES.code(), client.lookup(root, "a/b").status);
        assertEquals(NfsStatus.NFS3ERR_ACCES.code(), client.lookup(root, "").status);
        Files.createSymbolicLink(dir.resolve("out"), Path.of("/etc"));
        Files.createSymbolicLink(dir.resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(dir.resolve("up"), Path.of(".."));
        for (String link : List.of("out", "passwd", "up")) {
            // served as the link itself: nothing the link points to is reached through it
            Lookup3Res linkRes = client.lookup(root, link);
            assertEquals(Nfs3.NFS3_OK, linkRes.status, link);
            assertEquals(Nfs3.NF3LNK, linkRes.objAttributes.attributes.type, link);
            assertEquals(NfsStatus.NFS3ERR_NOTDIR.code(), client.lookup(linkRes.object, "passwd").status, link);
            assertEquals(NfsStatus.NFS3ERR_INVAL.code(), read(linkRes.object, 0, 100).status, link);
        }

        Files.write(dir.resolve("target"), new byte[] {5, 6, 7});
        Files.createSymbolicLink(dir.resolve("inside"), Path.of("target"));
        Lookup3Res viaLink = client.lookup(root, "inside");
        assertEquals(Nfs3.NFS3_OK, viaLink.status);
        assertEquals(Nfs3.NF3LNK, viaLink.objAttributes.attributes.type, "a link inside is a link too");

        Lookup3Res self = client.lookup(root, ".");
        assertEquals(Nfs3.NFS3_OK, self.status);
        assertArrayEquals(root.data, self.object.data);

        assertEquals(Mount3.MNT3ERR_NOENT, client.mount(Mount3.PROC_MNT,
                new Dirpath("/etc"), new Mountres3()).status);
        int escape = client.mount(Mount3.PROC_MNT, new Dirpath(
                server.exportName() + "/../"), new Mountres3()).status;
        assertTrue(escape != Mount3.MNT3_OK, "MNT of export/.. must fail");
        for (String link : List.of("out", "passwd", "up")) {
            Files.delete(dir.resolve(link));    // spares JUnit's cleanup a warning per link
        }
    }

    @Test
    void forgedAndForeignHandlesAreRejected() throws IOException {
        Files.write(dir.resolve("f"), new byte[10]);
        NfsFh3 fh = lookup(root, "f");
        byte[] forged = fh.data.clone();
        forged[forged.length - 1] ^= 1;
        assertEquals(NfsStatus.NFS3ERR_BADHANDLE.code(), getattr(new NfsFh3(forged)).status);
        byte[] otherId = fh.data.clone();
        otherId[15] ^= 1;
        assertEquals(NfsStatus.NFS3ERR_BADHANDLE.code(), getattr(new NfsFh3(otherId)).status);
        assertEquals(NfsStatus.NFS3ERR_BADHANDLE.code(), getattr(new NfsFh3(new byte[16])).status);
        assertEquals(NfsStatus.NFS3ERR_BADHANDLE.code(), getattr(new NfsFh3(new byte[0])).status);

        try (NfsServer other = NfsServer.builder().export(dir).rootSquash(false).build().start();
             RawClient otherClient = RawClient.root(other)) {
            Getattr3Res foreign = otherClient.nfs(Nfs3.PROC_GETATTR, new Getattr3Args(fh), new Getattr3Res());
            assertEquals(NfsStatus.NFS3ERR_STALE.code(), foreign.status);
        }
    }

    @Test
    void removedFilesHaveStaleHandles() throws IOException {
        NfsFh3 fh = create(root, "doomed");
        Remove3Res res = client.nfs(Nfs3.PROC_REMOVE, new Remove3Args(new DirOpArgs3(root, "doomed")),
                new Remove3Res());
        assertEquals(Nfs3.NFS3_OK, res.status);
        assertFalse(Files.exists(dir.resolve("doomed")));
        assertEquals(NfsStatus.NFS3ERR_STALE.code(), getattr(fh).status);
        assertEquals(NfsStatus.NFS3ERR_NOENT.code(), client.lookup(root, "doomed").status);
        // a new file of the same name is a different file
        create(root, "doomed");
        assertEquals(NfsStatus.NFS3ERR_STALE.code(), getattr(fh).status);
        assertEquals(NfsStatus.NFS3ERR_NOENT.code(), client.nfs(Nfs3.PROC_REMOVE,
                new Remove3Args(new DirOpArgs3(root, "never")), new Remove3Res()).status);
    }

    @Test
    void theVerifierChangesOnEveryStart() throws IOException {
        byte[] first = server.verifier();
        NfsFh3 fh = create(root, "v");
        assertArrayEquals(first, write(fh, 0, new byte[] {1}, Nfs3.UNSTABLE).verf);
        try (NfsServer second = NfsServer.builder().export(dir).rootSquash(false).build().start();
             RawClient secondClient = RawClient.root(second)) {
            assertFalse(Arrays.equals(first, second.verifier()));
            NfsFh3 again = secondClient.lookup(secondClient.mnt(second.exportName()), "v").object;
            Write3Res res = secondClient.nfs(Nfs3.PROC_WRITE, new Write3Args(again, 0, 1, Nfs3.UNSTABLE,
                    ByteBuffer.wrap(new byte[] {2})), new Write3Res());
            assertArrayEquals(second.verifier(), res.verf);
        }
    }

    @Test
    void exclusiveCreateToleratesItsOwnRetransmission() throws IOException {
        byte[] verf = {1, 2, 3, 4, 5, 6, 7, 8};
        Create3Res first = createExclusive("excl", verf);
        assertEquals(Nfs3.NFS3_OK, first.status);
        Create3Res retransmitted = createExclusive("excl", verf);
        assertEquals(Nfs3.NFS3_OK, retransmitted.status);
        assertArrayEquals(first.obj.handle.data, retransmitted.obj.handle.data);
        Create3Res someoneElse = createExclusive("excl", new byte[] {8, 7, 6, 5, 4, 3, 2, 1});
        assertEquals(NfsStatus.NFS3ERR_EXIST.code(), someoneElse.status);

        Create3Res guarded = client.nfs(Nfs3.PROC_CREATE, new Create3Args(new DirOpArgs3(root, "excl"),
                Nfs3.GUARDED, new Sattr3(), null), new Create3Res());
        assertEquals(NfsStatus.NFS3ERR_EXIST.code(), guarded.status);
    }

    @Test
    void uncheckedCreateOfAnExistingFileAppliesTheSize() throws IOException {
        Files.write(dir.resolve("trunc"), new byte[100]);
        Create3Res res = client.nfs(Nfs3.PROC_CREATE, new Create3Args(new DirOpArgs3(root, "trunc"),
                Nfs3.UNCHECKED, new Sattr3(null, null, null, 0L, 0, null, 0, null), null), new Create3Res());
        assertEquals(Nfs3.NFS3_OK, res.status);
        assertEquals(0, Files.size(dir.resolve("trunc")));
    }

    @Test
    void setattrChangesModeSizeAndTimesAndHonoursTheGuard() throws IOException {
        NfsFh3 fh = create(root, "attrs");
        Setattr3Res res = client.nfs(Nfs3.PROC_SETATTR, new Setattr3Args(fh,
                new Sattr3(0640, null, null, 5000L, Nfs3.SET_TO_CLIENT_TIME, new NfsTime3(1_000_000, 0),
                        Nfs3.SET_TO_CLIENT_TIME, new NfsTime3(2_000_000, 5)), new SattrGuard3()), new Setattr3Res());
        assertEquals(Nfs3.NFS3_OK, res.status);
        assertEquals(0640, res.objWcc.after.attributes.mode);
        assertEquals(5000, res.objWcc.after.attributes.size);
        assertEquals(new NfsTime3(2_000_000, 5), res.objWcc.after.attributes.mtime);
        assertEquals(5000, Files.size(dir.resolve("attrs")));
        Setattr3Res shrink = client.nfs(Nfs3.PROC_SETATTR, new Setattr3Args(fh,
                new Sattr3(null, null, null, 10L, 0, null, 0, null), new SattrGuard3()), new Setattr3Res());
        assertEquals(10, shrink.objWcc.after.attributes.size);
        Setattr3Res stale = client.nfs(Nfs3.PROC_SETATTR, new Setattr3Args(fh,
                new Sattr3(0600, null, null, null, 0, null, 0, null), new SattrGuard3(new NfsTime3(1, 1))),
                new Setattr3Res());
        assertEquals(NfsStatus.NFS3ERR_NOT_SYNC.code(), stale.status);
    }

    @Test
    void readdirplusPagesThroughALargeDirectory() throws IOException {
        Mkdir3Res mkdir = client.nfs(Nfs3.PROC_MKDIR, new Mkdir3Args(new DirOpArgs3(root, "many"),
                new Sattr3()), new Mkdir3Res());
        assertEquals(Nfs3.NFS3_OK, mkdir.status);
        assertEquals(Nfs3.NF3DIR, mkdir.objAttributes.attributes.type);
        NfsFh3 many = mkdir.obj.handle;
        Set<String> expected = new HashSet<>(List.of(".", ".."));
        for (int i = 0; i < 300; i++) {
            Files.write(dir.resolve("many/file-" + i), new byte[i]);
            expected.add("file-" + i);
        }
        Set<String> seen = new HashSet<>();
        long cookie = 0;
        byte[] verf = new byte[8];
        int calls = 0;
        boolean eof = false;
        while (!eof) {
            Readdirplus3Res res = client.nfs(Nfs3.PROC_READDIRPLUS,
                    new Readdirplus3Args(many, cookie, verf, 1024, 4096), new Readdirplus3Res());
            assertEquals(Nfs3.NFS3_OK, res.status);
            for (Entryplus3 e : res.entries) {
                assertTrue(seen.add(e.name), "listed twice: " + e.name);
                cookie = e.cookie;
                if (e.name.startsWith("file-")) {
                    assertEquals(Integer.parseInt(e.name.substring(5)), e.nameAttributes.attributes.size);
                    assertNotNull(e.nameHandle.handle);
                }
            }
            verf = res.cookieverf;
            eof = res.eof;
            assertTrue(++calls < 200, "READDIRPLUS does not terminate");
        }
        assertEquals(expected, seen);
        assertTrue(calls > 1, "maxcount 4096 should need several calls");

        Readdirplus3Res tooSmall = client.nfs(Nfs3.PROC_READDIRPLUS,
                new Readdirplus3Args(many, 0, new byte[8], 10, 100), new Readdirplus3Res());
        assertEquals(NfsStatus.NFS3ERR_TOOSMALL.code(), tooSmall.status);
    }

    @Test
    void fsinfoAndFsstatDescribeTheExport() throws IOException {
        Fsinfo3Res info = client.nfs(Nfs3.PROC_FSINFO, new Fsinfo3Args(root), new Fsinfo3Res());
        assertEquals(Nfs3.NFS3_OK, info.status);
        assertEquals(1024 * 1024, info.rtmax);
        assertEquals(256 * 1024, info.wtmax);
        assertEquals(4096, info.rtmult);
        assertEquals(Long.MAX_VALUE, info.maxfilesize);
        assertEquals(new NfsTime3(0, 1), info.timeDelta);
        assertEquals(Nfs3.FSF3_LINK | Nfs3.FSF3_SYMLINK | Nfs3.FSF3_HOMOGENEOUS | Nfs3.FSF3_CANSETTIME,
                info.properties);
        Fsstat3Res stat = client.nfs(Nfs3.PROC_FSSTAT, new Fsstat3Args(root), new Fsstat3Res());
        assertEquals(Nfs3.NFS3_OK, stat.status);
        assertTrue(stat.tbytes > 0 && stat.abytes <= stat.tbytes);
    }

    @Test
    void writeAboveWtmaxIsInvalid() throws IOException {
        NfsFh3 fh = create(root, "toolarge");
        Write3Res res = write(fh, 0, new byte[256 * 1024 + 1], Nfs3.FILE_SYNC);
        assertEquals(NfsStatus.NFS3ERR_INVAL.code(), res.status);
        assertEquals(0, Files.size(dir.resolve("toolarge")));
    }

    @Test
    void mountListsTheExportAndMountsSubdirectories() throws IOException {
        Exports exports = client.mount(Mount3.PROC_EXPORT, XdrVoid.XDR_VOID, new Exports());
        assertEquals(List.of(dir.toRealPath().toString()), exports.dirs());
        assertEquals(dir.toRealPath().toString(), server.exportName());
        Files.createDirectories(dir.resolve("a/b"));
        NfsFh3 viaMount = client.mnt(server.exportName() + "/a/b");
        NfsFh3 viaLookup = lookup(lookup(root, "a"), "b");
        assertArrayEquals(viaLookup.data, viaMount.data);
        Files.write(dir.resolve("a/file"), new byte[1]);
        assertEquals(Mount3.MNT3ERR_NOTDIR, client.mount(Mount3.PROC_MNT,
                new Dirpath(server.exportName() + "/a/file"),
                new Mountres3()).status);
    }

    @Test
    void proceduresBeyondRfc1813AreUnavailable() throws IOException {
        OncRpcAcceptedException e = assertThrows(OncRpcAcceptedException.class,
                () -> client.nfs(22, XdrVoid.XDR_VOID, new StatusOnly()));
        assertTrue(e.getMessage().contains("PROC_UNAVAIL"), e.getMessage());
        client.nfs(Nfs3.PROC_NULL, XdrVoid.XDR_VOID, XdrVoid.XDR_VOID);
    }

    @Test
    void describeNamesBothUrlForms() {
        String text = server.describe();
        assertTrue(text.contains("nfs://127.0.0.1:" + server.port() + server.exportName()), text);
        assertTrue(text.contains("?nfsport=" + server.port() + "&mountport=" + server.port() + "&version=3"), text);
        assertEquals("nfs://127.0.0.1:" + server.port() + server.exportName() + "/x%20y", server.url("x y"));
    }

    // --- helpers

    /** Decodes the leading status of a result and skips the rest. */
    static final class StatusOnly implements XdrAble {
        int status;

        @Override
        public void xdrDecode(XdrDecodingStream in) throws IOException {
            status = in.xdrDecodeInt();
            while (((org.dcache.oncrpc4j.xdr.Xdr) in).hasMoreData()) {
                in.xdrDecodeInt();
            }
        }

        @Override
        public void xdrEncode(XdrEncodingStream out) {
            out.xdrEncodeInt(status);
        }
    }

    private NfsFh3 create(NfsFh3 dirFh, String name) throws IOException {
        Create3Res res = client.nfs(Nfs3.PROC_CREATE, new Create3Args(new DirOpArgs3(dirFh, name),
                Nfs3.UNCHECKED, new Sattr3(0644, null, null, null, 0, null, 0, null), null), new Create3Res());
        assertEquals(Nfs3.NFS3_OK, res.status, "CREATE " + name);
        return res.obj.handle;
    }

    private Create3Res createExclusive(String name, byte[] verf) throws IOException {
        return client.nfs(Nfs3.PROC_CREATE, new Create3Args(new DirOpArgs3(root, name), Nfs3.EXCLUSIVE, null, verf),
                new Create3Res());
    }

    private NfsFh3 lookup(NfsFh3 dirFh, String name) throws IOException {
        Lookup3Res res = client.lookup(dirFh, name);
        assertEquals(Nfs3.NFS3_OK, res.status, "LOOKUP " + name);
        return res.object;
    }

    private Getattr3Res getattr(NfsFh3 fh) throws IOException {
        return client.nfs(Nfs3.PROC_GETATTR, new Getattr3Args(fh), new Getattr3Res());
    }

    private Read3Res read(NfsFh3 fh, long offset, int count) throws IOException {
        return client.nfs(Nfs3.PROC_READ, new Read3Args(fh, offset, count), new Read3Res());
    }

    private Write3Res write(NfsFh3 fh, long offset, byte[] data, int stable) throws IOException {
        return client.nfs(Nfs3.PROC_WRITE, new Write3Args(fh, offset, data.length, stable, ByteBuffer.wrap(data)),
                new Write3Res());
    }
}
