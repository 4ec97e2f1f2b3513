package io.nfsdirect.worker;

import static io.nfsdirect.worker.Stages.await;
import static io.nfsdirect.worker.Stages.failure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.nfs3.Commit3Res;
import io.nfsdirect.protocol.nfs3.Create3Args;
import io.nfsdirect.protocol.nfs3.Create3Res;
import io.nfsdirect.protocol.nfs3.DirOpArgs3;
import io.nfsdirect.protocol.nfs3.Entry3;
import io.nfsdirect.protocol.nfs3.Fsinfo3Res;
import io.nfsdirect.protocol.nfs3.Fsstat3Res;
import io.nfsdirect.protocol.nfs3.Link3Res;
import io.nfsdirect.protocol.nfs3.Lookup3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.protocol.nfs3.Pathconf3Res;
import io.nfsdirect.protocol.nfs3.Read3Res;
import io.nfsdirect.protocol.nfs3.Readdir3Args;
import io.nfsdirect.protocol.nfs3.Readdir3Res;
import io.nfsdirect.protocol.nfs3.Readlink3Res;
import io.nfsdirect.protocol.nfs3.Rename3Res;
import io.nfsdirect.protocol.nfs3.Rmdir3Res;
import io.nfsdirect.protocol.nfs3.Sattr3;
import io.nfsdirect.protocol.nfs3.Symlink3Res;
import io.nfsdirect.protocol.nfs3.Write3Res;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What Nfs3Client must do against any real NFSv3 server. Each subclass supplies a server; each
 * test works in its own fresh directory of that server's export.
 */
abstract class Nfs3ClientContract {

    static final int MIB = 1024 * 1024;

    /** The URL of a path relative to the export, with the server's ports. */
    protected abstract String url(String relativePath);

    /** The same path on the local file system. */
    protected abstract Path local(String relativePath);

    /** A fresh mode-777 directory at the top of the export; its path relative to the export. */
    protected abstract String newDirectory(String prefix);

    protected String dir;
    protected Nfs3Client client;
    protected long seed;

    @BeforeEach
    void openClient(TestInfo test) throws Exception {
        dir = newDirectory(getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName());
        client = Nfs3Client.open(Nfs3ClientConfig.from(nfsUrl("")));
        seed = System.nanoTime();
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    /** A URL inside this test's directory. */
    protected NfsUrl nfsUrl(String name) {
        return NfsUrl.parse(url(name.isEmpty() ? dir : dir + "/" + name));
    }

    protected Path localFile(String name) {
        return local(dir + "/" + name);
    }

    private byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void randomDataWrittenAtOddOffsetsReadsBackByteExact() throws Exception {
        NfsFile file = await(client.resolve(nfsUrl("data.bin"), true));
        Fsinfo3Res info = await(client.fsinfo(file.root()));
        int wmax = Math.min(info.wtmax, MIB);
        int rmax = Math.min(info.rtmax, MIB);
        byte[] expected = random(3 * MIB + 12_345);

        // All writes in flight at once, odd sizes and offsets, heap and direct buffers.
        int[] sizes = {7, wmax - 1, 333_333, 1, wmax, 777_777, 13};
        List<CompletionStage<Write3Res>> writes = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        int offset = 0;
        for (int i = 0; offset < expected.length; i++) {
            int length = Math.min(sizes[i % sizes.length], expected.length - offset);
            ByteBuffer data = i % 2 == 0 ? ByteBuffer.wrap(expected, offset, length).slice()
                    : ByteBuffer.allocateDirect(length).put(expected, offset, length).flip();
            writes.add(client.write(file.handle(), offset, data, Nfs3.FILE_SYNC));
            ranges.add(new int[] {offset, length});
            offset += length;
        }
        for (int i = 0; i < writes.size(); i++) {
            Write3Res res = await(writes.get(i));
            assertEquals(Nfs3.NFS3_OK, res.status, "write " + i + " status");
            assertEquals(ranges.get(i)[1], res.count, "write " + i + " count");
            assertEquals(Nfs3.FILE_SYNC, res.committed, "write " + i + " committed");
        }
        assertArrayEquals(expected, Files.readAllBytes(localFile("data.bin")), "file on the server, seed " + seed);

        int[][] reads = {{1, rmax}, {MIB - 5, 10}, {MIB - 1, 3}, {2 * MIB - 7, Math.min(rmax, 1_000_001)},
                {expected.length - 4097, 4097}, {3, 1}, {0, rmax}};
        for (int[] r : reads) {
            boolean direct = r[0] % 2 == 1;
            ByteBuffer dest = direct ? ByteBuffer.allocateDirect(r[1] + 5) : ByteBuffer.allocate(r[1] + 5);
            dest.position(5);
            Read3Res res = await(client.read(file.handle(), r[0], r[1], dest));
            assertEquals(Nfs3.NFS3_OK, res.status);
            assertEquals(r[1], res.count, "count of read at " + r[0]);
            assertEquals(5 + r[1], dest.position(), "destination advanced by the count");
            byte[] got = new byte[r[1]];
            dest.flip().position(5);
            dest.get(got);
            byte[] want = new byte[r[1]];
            System.arraycopy(expected, r[0], want, 0, r[1]);
            assertArrayEquals(want, got, "read at " + r[0] + " length " + r[1] + ", seed " + seed);
        }
    }

    @Test
    void createUncheckedGuardedAndExclusive() throws Exception {
        NfsFile parent = await(client.resolve(nfsUrl("")));
        assertTrue(parent.isDirectory());

        NfsFile unchecked = await(client.createFile(parent, "u.bin", 0640, Nfs3.UNCHECKED));
        assertEquals(0640, unchecked.attributes().mode & 07777);
        NfsFile again = await(client.createFile(parent, "u.bin", 0640, Nfs3.UNCHECKED));
        assertEquals(unchecked.handle(), again.handle(), "UNCHECKED on an existing file returns it");

        NfsException exists = failure(client.createFile(parent, "u.bin", 0600, Nfs3.GUARDED));
        assertEquals(NfsStatus.NFS3ERR_EXIST, exists.status());
        assertEquals(Errno.EEXIST, exists.errno());
        assertEquals("create " + nfsUrl("u.bin") + ": File exists (NFS3ERR_EXIST)", exists.getMessage());

        NfsFile guarded = await(client.createFile(parent, "g.bin", 0600, Nfs3.GUARDED));
        assertTrue(Files.isRegularFile(localFile("g.bin")));
        assertEquals(0600, guarded.attributes().mode & 07777);

        NfsFile exclusive = await(client.createFile(parent, "x.bin", 0604, Nfs3.EXCLUSIVE));
        assertEquals(0604, exclusive.attributes().mode & 07777, "mode set after the exclusive create");
        assertEquals("rw----r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(localFile("x.bin"))));

        // A retransmitted EXCLUSIVE create (same verifier) succeeds; another creator's does not.
        byte[] verf = {1, 2, 3, 4, 5, 6, 7, 8};
        Create3Res first = await(client.create(new Create3Args(new DirOpArgs3(parent.handle(), "y.bin"),
                Nfs3.EXCLUSIVE, new Sattr3(), verf)));
        assertEquals(Nfs3.NFS3_OK, first.status);
        Create3Res retry = await(client.create(new Create3Args(new DirOpArgs3(parent.handle(), "y.bin"),
                Nfs3.EXCLUSIVE, new Sattr3(), verf.clone())));
        assertEquals(Nfs3.NFS3_OK, retry.status, "same verifier");
        Create3Res other = await(client.create(new Create3Args(new DirOpArgs3(parent.handle(), "y.bin"),
                Nfs3.EXCLUSIVE, new Sattr3(), new byte[] {8, 7, 6, 5, 4, 3, 2, 1})));
        assertEquals(NfsStatus.NFS3ERR_EXIST.code(), other.status, "different verifier");

        NfsFile created = await(client.resolve(nfsUrl("r.bin"), true));
        assertTrue(Files.isRegularFile(localFile("r.bin")));
        assertEquals(created.handle(), await(client.resolve(nfsUrl("r.bin"), true)).handle(), "existing file reused");
    }

    @Test
    void rmdirRemovesAnEmptyDirectoryAndRefusesAFullOne() throws Exception {
        NfsFh3 parent = await(client.resolve(nfsUrl(""))).handle();
        Files.createDirectory(localFile("empty"));
        Files.createDirectories(localFile("full/inner"));
        Files.writeString(localFile("file"), "x");

        Rmdir3Res full = await(client.rmdir(parent, "full"));
        assertEquals(NfsStatus.NFS3ERR_NOTEMPTY.code(), full.status);
        assertTrue(Files.isDirectory(localFile("full/inner")));
        assertEquals(NfsStatus.NFS3ERR_NOTDIR.code(), await(client.rmdir(parent, "file")).status);
        assertEquals(NfsStatus.NFS3ERR_NOENT.code(), await(client.rmdir(parent, "missing")).status);

        Rmdir3Res empty = await(client.rmdir(parent, "empty"));
        assertEquals(Nfs3.NFS3_OK, empty.status);
        assertFalse(Files.exists(localFile("empty")));
        assertNotNull(empty.dirWcc.after.attributes, "the directory's attributes after");
    }

    @Test
    void renameMovesAFileAndReplacesAnExistingOne() throws Exception {
        NfsFh3 parent = await(client.resolve(nfsUrl(""))).handle();
        Files.createDirectory(localFile("sub"));
        Files.writeString(localFile("a"), "first");
        Files.writeString(localFile("b"), "second");
        NfsFh3 sub = await(client.resolve(nfsUrl("sub"))).handle();
        NfsFh3 moved = await(client.resolve(nfsUrl("a"))).handle();

        Rename3Res onto = await(client.rename(parent, "a", parent, "b"));
        assertEquals(Nfs3.NFS3_OK, onto.status, "RENAME onto an existing file replaces it");
        assertFalse(Files.exists(localFile("a")));
        assertEquals("first", Files.readString(localFile("b")));

        Rename3Res across = await(client.rename(parent, "b", sub, "c"));
        assertEquals(Nfs3.NFS3_OK, across.status);
        assertEquals("first", Files.readString(localFile("sub/c")));
        assertNotNull(across.fromdirWcc.after.attributes);
        assertNotNull(across.todirWcc.after.attributes);
        assertEquals(Nfs3.NFS3_OK, await(client.getattr(moved)).status, "the handle outlives both renames");

        Files.createDirectories(localFile("d/e"));
        Files.writeString(localFile("d/e/deep"), "deep");
        NfsFh3 deep = await(client.resolve(nfsUrl("d/e/deep"))).handle();
        assertEquals(Nfs3.NFS3_OK, await(client.rename(parent, "d", sub, "d2")).status, "a directory moves whole");
        assertEquals("deep", Files.readString(localFile("sub/d2/e/deep")));
        Read3Res viaOldHandle = await(client.read(deep, 0, 10, null));
        assertEquals(Nfs3.NFS3_OK, viaOldHandle.status, "a handle below a moved directory stays good");
        assertEquals(4, viaOldHandle.count);
        assertEquals(Nfs3.NFS3_OK, await(client.rename(sub, "d2", parent, "d")).status);

        assertEquals(NfsStatus.NFS3ERR_NOENT.code(), await(client.rename(parent, "a", parent, "z")).status);
        assertEquals(NfsStatus.NFS3ERR_INVAL.code(), await(client.rename(parent, "d", await(client.resolve(
                nfsUrl("d/e"))).handle(), "f")).status, "a directory moved below itself");
    }

    @Test
    void symlinkStoresItsTextAndReadlinkGivesItBack() throws Exception {
        NfsFh3 parent = await(client.resolve(nfsUrl(""))).handle();
        Symlink3Res made = await(client.symlink(parent, "link", "../some/where else"));
        assertEquals(Nfs3.NFS3_OK, made.status);
        assertEquals("../some/where else", Files.readSymbolicLink(localFile("link")).toString());
        assertEquals(Nfs3.NF3LNK, made.objAttributes.attributes.type);

        Lookup3Res found = await(client.lookup(parent, "link"));
        assertEquals(Nfs3.NFS3_OK, found.status);
        assertEquals(Nfs3.NF3LNK, found.objAttributes.attributes.type, "LOOKUP gives the link, not its target");
        Readlink3Res text = await(client.readlink(found.object));
        assertEquals(Nfs3.NFS3_OK, text.status);
        assertEquals("../some/where else", text.data);

        Files.writeString(localFile("plain"), "x");
        NfsFh3 plain = await(client.resolve(nfsUrl("plain"))).handle();
        assertEquals(NfsStatus.NFS3ERR_INVAL.code(), await(client.readlink(plain)).status);
        assertEquals(NfsStatus.NFS3ERR_EXIST.code(), await(client.symlink(parent, "plain", "x")).status);
    }

    @Test
    void linkGivesAFileASecondName() throws Exception {
        NfsFh3 parent = await(client.resolve(nfsUrl(""))).handle();
        Files.writeString(localFile("one"), "shared");
        NfsFh3 file = await(client.resolve(nfsUrl("one"))).handle();

        Link3Res link = await(client.link(file, parent, "two"));
        assertEquals(Nfs3.NFS3_OK, link.status);
        assertEquals(2, link.fileAttributes.attributes.nlink);
        assertEquals(2, (Integer) Files.getAttribute(localFile("one"), "unix:nlink"));
        assertEquals(Files.getAttribute(localFile("one"), "unix:ino"), Files.getAttribute(localFile("two"), "unix:ino"));
        assertNotNull(link.linkdirWcc.after.attributes);
        assertEquals(NfsStatus.NFS3ERR_EXIST.code(), await(client.link(file, parent, "two")).status);
    }

    @Test
    void readdirPagesThroughADirectoryWithCookies() throws Exception {
        NfsFh3 parent = await(client.resolve(nfsUrl(""))).handle();
        Set<String> expected = new TreeSet<>(List.of(".", ".."));
        for (int i = 0; i < 60; i++) {
            String name = "entry-with-a-longish-name-" + i;
            Files.writeString(localFile(name), "");
            expected.add(name);
        }
        Set<String> listed = new TreeSet<>();
        long cookie = 0;
        byte[] verifier = null;
        int calls = 0;
        boolean eof = false;
        while (!eof) {
            Readdir3Res page = await(client.readdir(new Readdir3Args(parent, cookie, verifier, 1024)));
            assertEquals(Nfs3.NFS3_OK, page.status, "READDIR after cookie " + cookie);
            assertTrue(++calls < 100, "READDIR never reached eof");
            for (Entry3 entry : page.entries) {
                assertTrue(listed.add(entry.name), "listed twice: " + entry.name);
                cookie = entry.cookie;
            }
            verifier = page.cookieverf;
            eof = page.eof;
        }
        assertTrue(calls > 2, "60 names in 1 KiB pages take several calls, took " + calls);
        assertEquals(expected, listed);
    }

    @Test
    void pathconfReportsThePosixLimits() {
        NfsFh3 parent = await(client.resolve(nfsUrl(""))).handle();
        Pathconf3Res conf = await(client.pathconf(parent));
        assertEquals(Nfs3.NFS3_OK, conf.status);
        assertTrue(Integer.toUnsignedLong(conf.nameMax) >= 255, "name_max " + conf.nameMax);
        // the limits themselves are each server's own (NFS-Ganesha says 1024 and 8 by default)
        assertTrue(Integer.toUnsignedLong(conf.linkmax) >= 2, "linkmax " + conf.linkmax);
        assertTrue(conf.noTrunc);
        assertTrue(conf.chownRestricted);
        assertFalse(conf.caseInsensitive);
        assertTrue(conf.casePreserving);
        assertNotNull(conf.objAttributes.attributes);
    }

    @Test
    void readPastEndOfFileIsShortAndSaysEof() throws Exception {
        byte[] content = random(1000);
        Files.write(localFile("short.bin"), content);
        NfsFile file = await(client.resolve(nfsUrl("short.bin")));
        assertEquals(1000, file.size());

        ByteBuffer dest = ByteBuffer.allocate(4096);
        Read3Res all = await(client.read(file.handle(), 0, 4096, dest));
        assertEquals(1000, all.count);
        assertTrue(all.eof);
        assertEquals(1000, dest.position());
        assertArrayEquals(content, java.util.Arrays.copyOf(dest.array(), 1000));

        Read3Res tail = await(client.read(file.handle(), 990, 100, ByteBuffer.allocate(100)));
        assertEquals(10, tail.count);
        assertTrue(tail.eof);
        for (long at : new long[] {1000, 5000}) {
            ByteBuffer none = ByteBuffer.allocate(10);
            Read3Res past = await(client.read(file.handle(), at, 10, none));
            assertEquals(0, past.count, "read at " + at);
            assertTrue(past.eof, "eof at " + at);
            assertEquals(0, none.position());
        }
    }

    @Test
    void missingFileIsNoentNamingTheUrl() {
        NfsUrl missing = nfsUrl("missing");
        NfsException e = failure(client.resolve(missing));
        assertEquals(NfsStatus.NFS3ERR_NOENT, e.status());
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("lookup " + missing + ": No such file or directory (NFS3ERR_NOENT)", e.getMessage());

        NfsException deeper = failure(client.resolve(nfsUrl("nope/file")));
        assertEquals(NfsStatus.NFS3ERR_NOENT, deeper.status());
        String dirPath = nfsUrl("nope").path();
        assertEquals("lookup " + nfsUrl("nope/file") + " at " + dirPath + ": No such file or directory (NFS3ERR_NOENT)",
                deeper.getMessage());
    }

    @Test
    void pathOutsideEveryExportIsNoentListingTheExports() {
        NfsUrl outside = NfsUrl.parse(url("").replaceFirst("(nfs://[^/]+)/[^?]*", "$1/no/such/export/file"));
        NfsException e = failure(client.resolve(outside));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().startsWith("resolve " + outside + ": no export of "), e.getMessage());
        assertTrue(e.getMessage().contains("/no/such/export/file"), e.getMessage());
    }

    @Test
    void directoryReadAsFileIsIsdir() {
        NfsFile directory = await(client.resolve(nfsUrl("")));
        Read3Res res = await(client.read(directory.handle(), 0, 10, ByteBuffer.allocate(10)));
        NfsStatus status = NfsStatus.of(res.status);
        assertEquals(NfsStatus.NFS3ERR_ISDIR, status);
        assertEquals(Errno.EISDIR, status.errno());
    }

    @Test
    void rootOnlyFileReadByAnotherUserIsAcces() throws Exception {
        Path secret = localFile("secret.bin");
        Files.write(secret, random(100));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        try (Nfs3Client stranger = Nfs3Client.open(Nfs3ClientConfig.from(nfsUrl("")).toBuilder()
                .uid(12345).gid(12345).build())) {
            assertEquals(12345, stranger.uid());
            assertEquals(List.of(), stranger.gids(), "a borrowed identity carries no groups of ours");
            NfsFile file = await(stranger.resolve(nfsUrl("secret.bin")));
            Read3Res res = await(stranger.read(file.handle(), 0, 100, ByteBuffer.allocate(100)));
            NfsStatus status = NfsStatus.of(res.status);
            assertEquals(NfsStatus.NFS3ERR_ACCES, status);
            assertEquals(Errno.EACCES, status.errno());
        }
    }

    @Test
    void fsinfoAndFsstatReportSaneValues() {
        NfsFile root = await(client.resolve(nfsUrl("")));
        Fsinfo3Res info = await(client.fsinfo(root.root()));
        assertEquals(Nfs3.NFS3_OK, info.status);
        assertTrue(info.rtmax >= 4096 && info.wtmax >= 4096, "rtmax " + info.rtmax + " wtmax " + info.wtmax);
        assertTrue(info.rtpref > 0 && info.rtpref <= info.rtmax, "rtpref " + info.rtpref);
        assertTrue(info.wtpref > 0 && info.wtpref <= info.wtmax, "wtpref " + info.wtpref);
        assertTrue(info.dtpref > 0, "dtpref " + info.dtpref);
        assertTrue(info.maxfilesize >= (1L << 32), "maxfilesize " + info.maxfilesize);
        assertNotNull(info.timeDelta);

        Fsstat3Res stat = await(client.fsstat(root.root()));
        assertEquals(Nfs3.NFS3_OK, stat.status);
        assertTrue(stat.tbytes > 0 && stat.fbytes <= stat.tbytes && stat.abytes <= stat.tbytes);
    }

    @Test
    void commitReturnsTheWriteVerifier() {
        NfsFile file = await(client.resolve(nfsUrl("unstable.bin"), true));
        byte[] data = random(64 * 1024);
        Write3Res first = await(client.write(file.handle(), 0, ByteBuffer.wrap(data, 0, 32 * 1024), Nfs3.UNSTABLE));
        Write3Res second = await(client.write(file.handle(), 32 * 1024,
                ByteBuffer.wrap(data, 32 * 1024, 32 * 1024), Nfs3.UNSTABLE));
        assertEquals(Nfs3.NFS3_OK, first.status);
        assertEquals(Nfs3.WRITEVERFSIZE, first.verf.length);
        assertArrayEquals(first.verf, second.verf, "one server instance, one verifier");
        Commit3Res commit = await(client.commit(file.handle(), 0, 0));
        assertEquals(Nfs3.NFS3_OK, commit.status);
        assertArrayEquals(first.verf, commit.verf, "COMMIT verifier equals the WRITE verifier");
    }

    @Test
    void manyConcurrentReadsOnOneConnection() throws Exception {
        concurrentReads(1);
    }

    @Test
    void manyConcurrentReadsOnFourConnections() throws Exception {
        concurrentReads(4);
    }

    private void concurrentReads(int connections) throws Exception {
        byte[] content = random(4 * MIB + 3);
        Files.write(localFile("many.bin"), content);
        try (Nfs3Client nconnect = Nfs3Client.open(Nfs3ClientConfig.from(nfsUrl("")).toBuilder()
                .connections(connections).build())) {
            NfsFile file = await(nconnect.resolve(nfsUrl("many.bin")));
            Random random = new Random(seed);
            int reads = 400;
            List<CompletableFuture<Read3Res>> pending = new ArrayList<>();
            List<ByteBuffer> dests = new ArrayList<>();
            List<long[]> asked = new ArrayList<>();
            for (int i = 0; i < reads; i++) {
                int length = 1 + random.nextInt(64 * 1024);
                long offset = random.nextInt(content.length - length) | 1;
                ByteBuffer dest = i % 3 == 0 ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
                dests.add(dest);
                asked.add(new long[] {offset, length});
                pending.add(nconnect.read(file.handle(), offset, length, dest).toCompletableFuture());
                if (i % 8 == 0) {
                    nconnect.getattr(file.handle());  // other procedures interleaved
                }
            }
            for (int i = 0; i < reads; i++) {
                Read3Res res = await(pending.get(i));
                int offset = (int) asked.get(i)[0];
                int length = (int) asked.get(i)[1];
                assertEquals(Nfs3.NFS3_OK, res.status);
                assertEquals(length, res.count);
                byte[] got = new byte[length];
                dests.get(i).flip().get(got);
                assertArrayEquals(java.util.Arrays.copyOfRange(content, offset, offset + length), got,
                        "read " + i + " at " + offset + " length " + length + ", seed " + seed);
            }
            assertEquals(reads, nconnect.stats().ops("READ"));
            assertEquals(0, nconnect.stats().errors());
        }
    }
}
