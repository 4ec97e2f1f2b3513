package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.server.NfsServer;
import io.nfsdirect.testing.ExternalTools;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays flat for any file size: the window bounds what a read holds, so a 4 GiB read
 * fits a 256 MiB heap, into a file and, through the reorder buffer, to stdout. The file is
 * sparse so that making it costs nothing.
 */
class LargeReadIT {

    private static final long FOUR_GIB = 4L << 30;

    @TempDir
    Path export;

    @Test
    void fourGibToDevNullAndOneGibThroughStdoutWithA256MibHeap() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(export.resolve("big.bin").toFile(), "rw")) {
            f.setLength(FOUR_GIB);
        }
        try (NfsServer server = NfsServer.builder().export(export).rootSquash(false).port(0).build().start()) {
            String url = server.url("big.bin");
            Cli.Result r = Cli.ok(Cli.run(List.of("-Xmx256m"), null, "read", url, "-o", "/dev/null", "--stats"));
            assertTrue(r.stderr().contains("read: " + FOUR_GIB + " bytes (4 GiB)"), r.stderr());
            assertTrue(r.stderr().contains("direct bytes read     " + FOUR_GIB + " "), r.stderr());

            // Streamed in order to stdout, counted by wc outside the JVM.
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ExternalTools.Result piped = ExternalTools.run(Duration.ofSeconds(120), "bash", "-c",
                    "set -o pipefail; '" + java + "' -Xmx256m -jar '" + Cli.jar() + "' read '" + url
                            + "' --length 1g -o - --quiet | wc -c");
            assertEquals(0, piped.exitCode(), piped.describe());
            assertEquals(String.valueOf(1L << 30), piped.stdoutText().strip());
        }
    }
}
