package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a running transfer has done so far, as seen from outside the process. */
final class Landed {

    private static final Pattern MISMATCHES = Pattern.compile("(\\d+) verifier mismatches");

    private Landed() {
    }

    /** Bytes of {@code file} with blocks on disk: a target sized up front fills as chunks land. */
    static long bytes(Path file) {
        if (!Files.exists(file)) {
            return 0;
        }
        ExternalTools.Result du = ExternalTools.run(Duration.ofSeconds(10), "du", "--block-size=1", file.toString());
        return du.ok() ? Long.parseLong(du.stdoutText().split("\\s+")[0]) : 0;
    }

    /** The verifier mismatches in a {@code --stats} summary; fails when the log has none. */
    static long verifierMismatches(String log) {
        Matcher m = MISMATCHES.matcher(log);
        assertTrue(m.find(), "no counters in:\n" + log);
        return Long.parseLong(m.group(1));
    }
}
