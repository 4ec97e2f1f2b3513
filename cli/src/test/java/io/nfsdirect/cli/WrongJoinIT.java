package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.testing.ExternalTools;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A request whose --join names an address where no node listens, as a real process shows it. */
class WrongJoinIT {

    @TempDir
    Path tmp;

    @Test
    void aJoinWithNoNodeThereFailsWithinSecondsInOneLineNamingTheAddress() {
        String keys = tmp.resolve("keys").toString();
        Cli.ok(Cli.run("keys", keys));
        String seed = "127.0.0.1:" + ExternalTools.freePort();
        long start = System.nanoTime();
        Cli.Result r = Cli.run("sum", "nfs://127.0.0.1:1/e/f", "--join", seed, "--tls", keys);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(1, r.exit(), r.describe());
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took + ": " + r.describe());
        assertEquals(1, r.stderr().strip().lines().count(), "one line, no Pekko warnings: " + r.stderr());
        assertEquals("nfsdirect: could not join the cluster at " + seed + " within 10 s: nothing listens there "
                + "(ECONNREFUSED); --join-timeout TIME waits longer", r.stderr().strip());
        assertEquals("", r.out());
    }
}
