package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.nfsdirect.server.NfsServer;
import io.nfsdirect.testing.GaneshaServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands against NFS-Ganesha 4.3, and copies between Ganesha and the embedded server.
 * Skipped with the reason when Ganesha is not installed (failed instead under CI=true).
 */
class GaneshaCommandsIT extends CommandsContract {

    @TempDir
    static Path embeddedExport;

    private static GaneshaServer ganesha;
    private static String dir;
    private static NfsServer embedded;

    @BeforeAll
    static void servers() throws Exception {
        ganesha = GaneshaServer.shared();
        dir = ganesha.newDirectory("cli");
        embedded = NfsServer.builder().export(embeddedExport).rootSquash(false).port(0).build().start();
    }

    @AfterAll
    static void stopEmbedded() {
        if (embedded != null) {
            embedded.close();
        }
    }

    @Override
    String url(String name) {
        return ganesha.url(dir + "/" + name);
    }

    /** Ganesha 4.3's VFS answers a SETATTR of a symlink's mtime with NFS3_OK and leaves the mtime as it was. */
    @Override
    boolean keepsLinkTimes() {
        return false;
    }

    @Override
    Path serverFile(String name) {
        return ganesha.local(dir + "/" + name);
    }

    @Test
    void cpFromNfsToNfsBetweenTheTwoServersIsByteExact() throws Exception {
        byte[] data = random(6 * 1024 * 1024 + 4097, 11);
        Files.write(embedded.exportDirectory().resolve("to-ganesha.bin"), data);
        Cli.ok(Cli.run("cp", embedded.url("to-ganesha.bin"), url("from-embedded.bin"), "--rsize", "512k",
                "--quiet"));
        assertArrayEquals(data, Files.readAllBytes(serverFile("from-embedded.bin")));

        Cli.ok(Cli.run("cp", url("from-embedded.bin"), embedded.url("back.bin"), "--window", "4", "--quiet"));
        assertArrayEquals(data, Files.readAllBytes(embedded.exportDirectory().resolve("back.bin")));
    }

    /**
     * Sync into an NFS copy on the other server, ending with a verify of it (content digests read
     * from both servers); the differences verify names are the local copy's test's, through the
     * same comparison.
     */
    @Test
    void syncOfACopyOnTheEmbeddedServerCopiesOnlyWhatChangedAndDeletesTheExtra() throws Exception {
        syncCopiesOnlyWhatChanged("tree-sync-nfs", 29, embedded.exportDirectory().resolve("sync-copy"),
                embedded.url("sync-copy"), true);
    }

    @Test
    void cpRecursiveFromGaneshaToTheEmbeddedServerMakesAnEqualTree() throws Exception {
        Path source = serverFile("tree-to-embedded");
        TestTrees.build(source, 27);
        Cli.Result r = Cli.ok(Cli.run("cp", "-r", url("tree-to-embedded"), embedded.url("from-ganesha"), "--files",
                "8"));
        String hardLink = r.stderr().contains("skipped deep/odd.bin: a hard link") ? "deep/odd.bin" : "deep/hard-link";
        TestTrees.assertSameTree(source, embedded.exportDirectory().resolve("from-ganesha"), Set.of("fifo", hardLink));
    }
}
