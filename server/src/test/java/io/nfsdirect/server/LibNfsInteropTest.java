package io.nfsdirect.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import io.nfsdirect.testing.ExternalTools;
import io.nfsdirect.testing.LibNfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server against libnfs's command-line tools, an NFSv3 client written by someone else:
 * MOUNT of a subdirectory path, EXCLUSIVE create, writes, reads and READDIRPLUS as libnfs does
 * them. Without libnfs installed these tests are skipped (and fail under CI=true).
 */
class LibNfsInteropTest {

    private static final int SIZE = 64 * 1024 * 1024;

    @TempDir
    static Path dir;
    /** Local side of the copies, outside the export. */
    @TempDir
    static Path local;
    static NfsServer server;
    static byte[] content;

    @BeforeAll
    static void start() throws Exception {
        content = new byte[SIZE];
        new Random(42).nextBytes(content);
        Files.createDirectories(dir.resolve("sub"));
        server = NfsServer.builder().export(dir).rootSquash(false).build().start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void nfsCpUploadsAndDownloadsByteExact() throws Exception {
        ExternalTools.requireTool("libnfs tools", "nfs-cp");
        Path source = Files.write(local.resolve("upload-source-" + System.nanoTime()), content);
        try {
            LibNfs.cp(source.toString(), server.libnfsUrl("sub/uploaded.bin"));
            assertArrayEquals(content, Files.readAllBytes(dir.resolve("sub/uploaded.bin")), "uploaded bytes");

            Path target = local.resolve("download-target-" + System.nanoTime());
            try {
                LibNfs.cp(server.libnfsUrl("sub/uploaded.bin"), target.toString());
                assertArrayEquals(content, Files.readAllBytes(target), "downloaded bytes");
            } finally {
                Files.deleteIfExists(target);
            }
        } finally {
            Files.deleteIfExists(source);
        }
    }

    @Test
    void nfsCatIsByteExact() throws Exception {
        ExternalTools.requireTool("libnfs tools", "nfs-cat");
        byte[] small = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(small);
        Files.write(dir.resolve("cat.bin"), small);
        assertArrayEquals(small, LibNfs.cat(server.libnfsUrl("cat.bin")));
    }

    @Test
    void nfsLsListsTheExport() throws Exception {
        ExternalTools.requireTool("libnfs tools", "nfs-ls");
        Files.write(dir.resolve("listed.txt"), "hello\n".getBytes());
        List<String> names = LibNfs.names(server.libnfsUrl(""));
        assertTrue(names.contains("listed.txt"), () -> "nfs-ls output: " + names);
        assertTrue(names.contains("sub"), () -> "nfs-ls output: " + names);
        List<String> lines = LibNfs.ls(server.libnfsUrl(""));
        String listed = lines.stream().filter(l -> l.endsWith(" listed.txt")).findFirst().orElseThrow();
        assertTrue(listed.split("\\s+")[4].equals("6"), () -> "size column of " + listed);
    }

    /** nfs-ls lists a symlink as one (READDIRPLUS attributes), nfs-cat reads through one (READLINK). */
    @Test
    void nfsLsShowsASymlinkAndNfsCatFollowsIt() throws Exception {
        ExternalTools.requireTool("libnfs tools", "nfs-ls", "nfs-cat");
        Path links = Files.createDirectories(dir.resolve("links"));
        Files.writeString(links.resolve("real.txt"), "through the link\n");
        Files.createSymbolicLink(links.resolve("alias.txt"), Path.of("real.txt"));
        List<String> lines = LibNfs.ls(server.libnfsUrl("links"));
        String alias = lines.stream().filter(l -> l.contains("alias.txt")).findFirst()
                .orElseThrow(() -> new AssertionError("nfs-ls output: " + lines));
        assertTrue(alias.startsWith("l"), () -> "listed as a link: " + alias);
        assertArrayEquals("through the link\n".getBytes(), LibNfs.cat(server.libnfsUrl("links/alias.txt")));
    }

    @Test
    void nfsCatOfAMissingFileFails() {
        ExternalTools.requireTool("libnfs tools", "nfs-cat");
        ExternalTools.Result result = LibNfs.run(Duration.ofSeconds(60), "nfs-cat", server.libnfsUrl("no-such-file"));
        assertNotEquals(0, result.exitCode(), result::describe);
    }

    @Test
    void nfsCpRefusesToOverwrite() throws Exception {
        ExternalTools.requireTool("libnfs tools", "nfs-cp");
        Files.write(dir.resolve("exists.bin"), new byte[] {1, 2, 3});
        Path source = Files.write(local.resolve("small-source-" + System.nanoTime()), new byte[] {9});
        try {
            ExternalTools.Result result = LibNfs.run(Duration.ofSeconds(60), "nfs-cp", source.toString(),
                    server.libnfsUrl("exists.bin"));
            assertNotEquals(0, result.exitCode(), result::describe);
            assertEquals(3, Files.size(dir.resolve("exists.bin")));
        } finally {
            Files.deleteIfExists(source);
        }
    }
}
