package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.server.NfsServer;
import io.nfsdirect.testing.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar as a person at a terminal sees it (under script(1), which gives the command a
 * terminal): named after the command, and counting in the summary line's unit, decimal MB.
 */
class ProgressBarIT {

    @TempDir
    Path dir;

    @Test
    void sumsBarIsLabelledSumAndCountsInMegabytes() throws Exception {
        ExternalTools.requireTool("util-linux script(1)", "script");
        Path export = Files.createDirectories(dir.resolve("export"));
        PatternFiles.write(export.resolve("f.bin"), 128L << 20, 5);
        try (NfsServer server = NfsServer.builder().export(export).rootSquash(false).port(0).build().start()) {
            Path typescript = dir.resolve("terminal.log");
            // small chunks and a narrow window, so that the bar is drawn a few times
            String command = "exec " + String.join(" ", Cli.command(List.of(), "sum", server.url("f.bin"),
                    "--rsize", "64k", "--window", "2"));
            Process script = new ProcessBuilder("script", "-qefc", command, typescript.toString()).start();
            Cli.drain(script.getInputStream());
            Cli.drain(script.getErrorStream());
            assertTrue(script.waitFor(120, TimeUnit.SECONDS), "sum did not finish");
            String shown = Files.readString(typescript, StandardCharsets.ISO_8859_1);
            assertEquals(0, script.exitValue(), shown);
            List<String> bars = shown.lines().flatMap(l -> List.of(l.split("\r")).stream())
                    .filter(l -> l.contains("%") && l.contains("/s")).toList();
            assertFalse(bars.isEmpty(), "a bar was drawn:\n" + shown);
            for (String bar : bars) {
                assertTrue(bar.startsWith("sum "), bar);
                assertTrue(bar.contains("MB/s") && !bar.contains("MiB"), bar);
            }
        }
    }
}
