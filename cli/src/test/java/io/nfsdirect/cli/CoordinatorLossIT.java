package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nfsdirect.server.NfsServer;
import io.nfsdirect.testing.ExternalTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The coordinator of a running {@code read -o FILE} dies (kill -9) halfway: the client fails,
 * naming the coordinator, creates no output file, and leaves {@code FILE.part} holding exactly
 * bytes it really read, from the start and without a gap, never at full length with holes of
 * zeros in it.
 */
class CoordinatorLossIT {

    private static final long GIB = 1L << 30;
    private static final Duration START = Duration.ofSeconds(90);

    private Testbed bed;

    @BeforeEach
    void setUp() throws IOException {
        bed = new Testbed("coordinator-loss-it");
    }

    @AfterEach
    void tearDown() throws IOException {
        bed.close();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aReadWhoseCoordinatorDiesLeavesOnlyTheBytesReadWithoutAGap() throws Exception {
        Path export = Files.createDirectory(bed.dir.resolve("export"));
        Path source = export.resolve("big.bin");
        PatternFiles.write(source, GIB, 11);
        NfsServer server = bed.serve(export);
        String tls = bed.keys();
        int seedPort = ExternalTools.freePort();
        String seed = "127.0.0.1:" + seedPort;
        NodeProcesses.Node coordinator = bed.processes.start("coordinator", "node", "--roles", "coordinator",
                "--port", String.valueOf(seedPort), "--seed", seed, "--tls", tls);
        NodeProcesses.Node worker = bed.processes.start("worker", "node", "--roles", "worker",
                "--port", String.valueOf(ExternalTools.freePort()), "--seed", seed, "--tls", tls);
        NodeProcesses.awaitLog(coordinator, "Up: a member", START);
        NodeProcesses.awaitLog(worker, "Up: a member", START);

        Path out = bed.dir.resolve("copy.bin");
        // small chunks and a narrow window, so that the read is still going when the kill lands
        NodeProcesses.Node reader = bed.processes.start("reader", "read", server.url("big.bin"), "-o", out.toString(),
                "--join", seed, "--tls", tls, "--rsize", "128k", "--window", "2", "--quiet");
        long deadline = System.nanoTime() + START.toNanos();
        Path part = bed.dir.resolve("copy.bin" + OutputFile.PART);
        while (Landed.bytes(part) < GIB / 8) {
            if (!reader.process().isAlive() || System.nanoTime() > deadline) {
                fail("the read did not get going\n" + reader.tail() + bed.processes.tails());
            }
            Thread.sleep(10);
        }
        NodeProcesses.kill(coordinator.process());

        int exit = NodeProcesses.awaitExit(reader, Duration.ofSeconds(120));
        String log = reader.logText();
        assertEquals(1, exit, log);
        assertTrue(log.contains("coordinator"), "the error names the coordinator:\n" + log);
        assertTrue(Files.notExists(out), "no file that looks complete:\n" + log);
        long length = Files.size(part);
        assertTrue(length < GIB, "the part must not look complete: " + length + " bytes\n" + log);
        assertTrue(log.contains("the " + length + " bytes read are in " + part), log);
        assertEquals(sha256(source, length), sha256(part, length),
                "the " + length + " bytes left are the source's first bytes, with no hole\n" + log);
    }


    private static String sha256(Path file, long length) throws IOException {
        MessageDigest sha = PatternFiles.sha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (long left = length; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(file + " ends before " + length + " bytes");
                }
                sha.update(buffer, 0, n);
                left -= n;
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
