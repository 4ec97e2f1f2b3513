package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.server.NfsServer;
import io.nfsdirect.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A cluster with two seeds loses its first seed, the coordinator, to kill -9. Restarted with the
 * same arguments, the seed joins the cluster that kept running, instead of forming a new one of
 * its own that the surviving workers never join; and a request through the other seed is served
 * by it again.
 */
class SeedRejoinIT {

    private static final Duration START = Duration.ofSeconds(90);

    private Testbed bed;

    @BeforeEach
    void setUp() throws IOException {
        bed = new Testbed("seed-rejoin-it");
    }

    @AfterEach
    void tearDown() throws IOException {
        bed.close();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aRestartedSeedRejoinsTheRunningClusterThroughTheOtherSeed() throws Exception {
        Path export = Files.createDirectory(bed.dir.resolve("export"));
        String sha = PatternFiles.write(export.resolve("f.bin"), 64L << 20, 5);
        NfsServer server = bed.serve(export);
        String tls = bed.keys();
        int first = ExternalTools.freePort();
        int second = ExternalTools.freePort();
        String a = "127.0.0.1:" + first;
        String b = "127.0.0.1:" + second;
        String[] coordinatorArgs = {"node", "--roles", "coordinator", "--port", String.valueOf(first),
            "--seed", a + "," + b, "--tls", tls};
        NodeProcesses.Node seedA = bed.processes.start("seed-a", coordinatorArgs);
        NodeProcesses.Node seedB = bed.processes.start("seed-b", "node", "--roles", "worker", "--port",
                String.valueOf(second), "--seed", a + "," + b, "--tls", tls);
        NodeProcesses.Node worker = bed.processes.start("worker", "node", "--roles", "worker", "--port",
                String.valueOf(ExternalTools.freePort()), "--seed", a + "," + b, "--tls", tls);
        for (NodeProcesses.Node n : new NodeProcesses.Node[] {seedA, seedB, worker}) {
            NodeProcesses.awaitLog(n, "Up: a member", START);
        }
        String file = server.url("f.bin");
        assertEventuallySums(file, b, tls, sha);

        NodeProcesses.kill(seedA.process());
        NodeProcesses.Node again = bed.processes.start("seed-a-again", coordinatorArgs);
        NodeProcesses.awaitLog(again, "Up: a member", START);
        // The restarted seed has the coordinator role only: through it, a request finds workers
        // only if it joined the cluster they are in.
        assertEventuallySums(file, a, tls, sha);
        assertEventuallySums(file, b, tls, sha);
        assertTrue(worker.process().isAlive() && seedB.process().isAlive(), bed.processes.tails());
    }

    /** A sum through {@code join} succeeds within a minute: the cluster may still be settling. */
    private void assertEventuallySums(String file, String join, String tls, String sha) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Cli.Result sum;
        do {
            sum = Cli.run(NodeProcesses.JVM, null, "sum", file, "--join", join, "--tls", tls);
            if (sum.exit() == 0) {
                break;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        assertEquals(0, sum.exit(), sum.describe() + "\n" + bed.processes.tails());
        assertTrue(sum.out().startsWith(sha), sum.describe());
    }
}
