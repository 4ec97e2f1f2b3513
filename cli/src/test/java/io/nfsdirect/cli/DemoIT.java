package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job, end to end, in a small size. */
class DemoIT {

    @TempDir
    Path tmp;

    @Test
    void demoVerifiesItsDataAndCleansUp() throws Exception {
        // A private temporary directory, so that "cleans up" can be checked exactly.
        Cli.Result r = Cli.ok(Cli.run(List.of("-Djava.io.tmpdir=" + tmp), null, "demo", "--size", "64m"));
        String out = r.out();
        assertTrue(out.contains("read (parallel, direct)"), out);
        assertEquals(2, out.lines().filter(l -> l.endsWith("  OK")).count(), out);
        assertFalse(out.contains("FAILED"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("write (direct)") && l.contains(" 67108864 ")), out);
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "the demo left temporary files behind");
        }
    }
}
