package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nfsdirect.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nfsdirect serve} is killed with SIGKILL in the middle of an UNSTABLE write and started
 * again on the same port with the same state directory half a second later. The write reconnects
 * and completes with exit 0 and exact bytes: the file handles survived the restart, and the
 * COMMIT saw the new write verifier and sent the unstable chunks again.
 */
class ServeRestartIT {

    private static final long SIZE = 512L << 20;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aWriteSurvivesAKillAndRestartOfTheServer() throws Exception {
        Path export = TemporaryExport.prepare(Files.createDirectory(tmp.resolve("export"))).toRealPath();
        Path source = tmp.resolve("source.bin");
        String sha = PatternFiles.write(source, SIZE, 8);
        int port = ExternalTools.freePort();
        String[] serve = {"serve", "--export", export.toString(), "--port", String.valueOf(port),
            "--state-dir", tmp.resolve("state").toString(), "--quiet"};
        try (NodeProcesses processes = new NodeProcesses(Files.createDirectory(tmp.resolve("logs")))) {
            NodeProcesses.Node server = processes.start("serve-1", serve);
            NodeProcesses.awaitLog(server, "nfs://", Duration.ofSeconds(60));
            Path target = export.resolve("written.bin");
            NodeProcesses.Node writer = processes.start("writer", "write",
                    "nfs://127.0.0.1:" + port + export + "/written.bin", "-i", source.toString(), "--wsize", "256k",
                    "--window", "4", "--timeout", "5s", "--retrans", "3", "--stats", "--quiet");
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (Landed.bytes(target) < SIZE / 4) {
                if (!writer.process().isAlive() || System.nanoTime() > deadline) {
                    fail("the write did not get going\n" + writer.tail() + processes.tails());
                }
                Thread.sleep(10);
            }
            NodeProcesses.kill(server.process());
            Thread.sleep(500);
            NodeProcesses.Node again = processes.start("serve-2", serve);
            NodeProcesses.awaitLog(again, "nfs://", Duration.ofSeconds(60));

            assertEquals(0, NodeProcesses.awaitExit(writer, Duration.ofMinutes(2)), writer.logText() + processes.tails());
            String log = writer.logText();
            assertEquals(sha, PatternFiles.sha256(target), log);
            assertTrue(Landed.verifierMismatches(log) > 0, "the COMMIT after the restart saw a new verifier:\n" + log);
        }
    }

}
