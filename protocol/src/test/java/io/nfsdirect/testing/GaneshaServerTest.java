package io.nfsdirect.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libnfs's tools and NFS-Ganesha work together here, through the fixtures. */
class GaneshaServerTest {

    @TempDir
    Path tmp;

    @Test
    void libnfsWritesReadsAndListsThroughGanesha() throws IOException {
        byte[] data = new byte[3 * 1024 * 1024 + 123]; // not a multiple of any rsize/wsize
        new Random(42).nextBytes(data);
        Path source = Files.write(tmp.resolve("source.bin"), data);

        try (GaneshaServer ganesha = GaneshaServer.start(tmp.resolve("work"))) {
            assertEquals(List.of(ganesha.exportPath()), ganesha.exports(), ganesha.log());

            LibNfs.cp(source.toString(), ganesha.libnfsUrl("upload.bin"));

            assertArrayEquals(data, LibNfs.cat(ganesha.libnfsUrl("upload.bin")), "nfs-cat of what nfs-cp wrote");
            assertArrayEquals(data, Files.readAllBytes(ganesha.local("upload.bin")), "the file on the server's disk");
            List<String> listing = LibNfs.ls(ganesha.libnfsUrl(""));
            assertEquals(List.of("upload.bin"), LibNfs.names(ganesha.libnfsUrl("")), String.join("\n", listing));
            assertTrue(listing.get(0).matches("-\\S+\\s+1\\s+\\d+\\s+\\d+\\s+" + data.length + " upload\\.bin"),
                    listing.get(0));

            Path downloaded = tmp.resolve("downloaded.bin");
            LibNfs.cp(ganesha.libnfsUrl("upload.bin"), downloaded.toString());
            assertArrayEquals(data, Files.readAllBytes(downloaded), "nfs-cp from the server");
        }
    }

    @Test
    void urlsNameTheExportAndBothPorts() {
        try (GaneshaServer ganesha = GaneshaServer.start(tmp)) {
            String export = ganesha.exportPath();
            assertTrue(export.startsWith("/") && export.endsWith("/export"), export);
            assertEquals(ganesha.exportDir().toString(), export);
            assertNotEquals(ganesha.nfsPort(), ganesha.mountPort());
            assertEquals("nfs://127.0.0.1:" + ganesha.nfsPort() + export + "/a/b.bin?mountport="
                    + ganesha.mountPort() + "&version=3", ganesha.url("/a/b.bin"));
            assertEquals("nfs://127.0.0.1" + export + "?nfsport=" + ganesha.nfsPort() + "&mountport="
                    + ganesha.mountPort() + "&version=3", ganesha.libnfsUrl(""));
        }
    }

    @Test
    void localChangesAreVisibleThroughNfsAtOnce() throws IOException {
        try (GaneshaServer ganesha = GaneshaServer.start(tmp)) {
            Files.writeString(ganesha.local("a.txt"), "one\n");
            assertEquals(List.of("a.txt"), LibNfs.names(ganesha.libnfsUrl("")));
            assertEquals("one\n", new String(LibNfs.cat(ganesha.libnfsUrl("a.txt")), StandardCharsets.UTF_8));

            // Ganesha has now cached the directory and the file; its defaults would hide these changes.
            Files.writeString(ganesha.local("b.txt"), "two\n");
            Files.writeString(ganesha.local("a.txt"), "more\n", StandardOpenOption.APPEND);
            assertEquals(List.of("a.txt", "b.txt"), LibNfs.names(ganesha.libnfsUrl("")).stream().sorted().toList());
            assertEquals("one\nmore\n", new String(LibNfs.cat(ganesha.libnfsUrl("a.txt")), StandardCharsets.UTF_8));
        }
    }

    @Test
    void twoServersRunSideBySideAndStopCleanly() throws IOException {
        GaneshaServer first = GaneshaServer.start(tmp);
        GaneshaServer second = GaneshaServer.start(tmp);
        try {
            assertNotEquals(first.exportPath(), second.exportPath());
            Files.writeString(first.local("f"), "first");
            Files.writeString(second.local("f"), "second");
            assertEquals("first", new String(LibNfs.cat(first.libnfsUrl("f")), StandardCharsets.UTF_8));
            assertEquals("second", new String(LibNfs.cat(second.libnfsUrl("f")), StandardCharsets.UTF_8));
        } finally {
            second.close();
        }
        assertFalse(second.isRunning());
        assertTrue(second.pid().isEmpty());
        assertFalse(ExternalTools.isListening(GaneshaServer.HOST, second.nfsPort()));
        assertFalse(ExternalTools.isListening(GaneshaServer.HOST, second.mountPort()));
        try {
            // The first one lost its portmapper entry to the second and does not need it.
            assertEquals("first", new String(LibNfs.cat(first.libnfsUrl("f")), StandardCharsets.UTF_8));
        } finally {
            first.close();
        }
        assertFalse(first.isRunning());
    }

    @Test
    void sharedServerOutlivesCloseAndHandsOutPrivateDirectories() throws IOException {
        GaneshaServer shared = GaneshaServer.shared();
        try (GaneshaServer same = GaneshaServer.shared()) {
            assertSame(shared, same);
        }
        assertTrue(shared.isRunning(), "close() must not stop the shared server");

        String mine = shared.newDirectory("GaneshaServerTest");
        String other = shared.newDirectory("GaneshaServerTest");
        assertNotEquals(mine, other);
        Path source = Files.writeString(tmp.resolve("x"), "x");
        LibNfs.cp(source.toString(), shared.libnfsUrl(mine + "/x"));
        assertEquals(List.of("x"), LibNfs.names(shared.libnfsUrl(mine)));
        assertEquals(List.of(), LibNfs.names(shared.libnfsUrl(other)));
    }
}
