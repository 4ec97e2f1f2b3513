package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nfsdirect.testing.ExternalTools;
import io.nfsdirect.testing.GaneshaServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * NFS-Ganesha crashes (SIGKILL) in the middle of a whole-process read and of an UNSTABLE write,
 * and is back on the same ports half a second later. Like a Linux "hard" mount, the command
 * reconnects, sends again what was in flight, and ends with exit 0 and exact bytes; the write's
 * COMMIT sees the new verifier and sends the unstable chunks again.
 */
class GaneshaRestartIT {

    private static final long SIZE = 512L << 20;
    private static final Duration DOWN = Duration.ofMillis(500);

    private Path work;
    private GaneshaServer ganesha;
    private NodeProcesses processes;

    @BeforeEach
    void start() throws Exception {
        work = Files.createTempDirectory("nfsdirect-ganesha-restart-it-");
        ganesha = GaneshaServer.start(work);
        processes = new NodeProcesses(Files.createDirectory(work.resolve("logs")));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            processes.close();
        } finally {
            ganesha.close();
            ExternalTools.run(Duration.ofSeconds(30), "rm", "-rf", work.toString());
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aReadSurvivesACrashAndRestartOfTheServer() throws Exception {
        String sha = PatternFiles.write(ganesha.local("big.bin"), SIZE, 3);
        Path out = work.resolve("copy.bin");
        NodeProcesses.Node reader = processes.start("reader", "read", ganesha.url("big.bin"), "-o", out.toString(),
                "--rsize", "256k", "--window", "4", "--timeout", "5s", "--retrans", "3", "--quiet");
        Path part = work.resolve("copy.bin" + OutputFile.PART);
        awaitBytes(reader, () -> Landed.bytes(part), SIZE / 4);
        ganesha.crashAndRestart(DOWN);

        assertEquals(0, NodeProcesses.awaitExit(reader, Duration.ofMinutes(2)), reader.logText() + ganesha.log());
        assertEquals(sha, PatternFiles.sha256(out), reader.logText());
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void anUnstableWriteSurvivesACrashAndRestartAndItsCommitCatchesTheNewVerifier() throws Exception {
        Path source = work.resolve("source.bin");
        String sha = PatternFiles.write(source, SIZE, 4);
        Path target = ganesha.local("written.bin");
        NodeProcesses.Node writer = processes.start("writer", "write", ganesha.url("written.bin"), "-i",
                source.toString(), "--wsize", "256k", "--window", "4", "--timeout", "5s", "--retrans", "3",
                "--stats", "--quiet");
        awaitBytes(writer, () -> Landed.bytes(target), SIZE / 4);
        ganesha.crashAndRestart(DOWN);

        assertEquals(0, NodeProcesses.awaitExit(writer, Duration.ofMinutes(2)), writer.logText() + ganesha.log());
        String log = writer.logText();
        assertEquals(sha, PatternFiles.sha256(target), log);
        assertTrue(Landed.verifierMismatches(log) > 0, "the COMMIT after the restart saw a new verifier:\n" + log);
    }


    private static void awaitBytes(NodeProcesses.Node client, LongSupplier progress, long atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (progress.getAsLong() < atLeast) {
            if (!client.process().isAlive()) {
                fail(client.name() + " ended before " + atLeast + " bytes\n" + client.tail());
            }
            if (System.nanoTime() > deadline) {
                fail(client.name() + " did not reach " + atLeast + " bytes in time\n" + client.tail());
            }
            Thread.sleep(10);
        }
    }
}
