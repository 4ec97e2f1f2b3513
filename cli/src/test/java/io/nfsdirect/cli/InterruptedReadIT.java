package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nfsdirect.server.NfsServer;
import io.nfsdirect.testing.ExternalTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during {@code read -o FILE}, against a real server, several times over, with stderr
 * redirected and with stderr on a terminal (the progress bar shown, under script(1)): the command
 * exits 130, FILE is never created, and FILE.part holds exactly the source's first bytes, as many
 * as the message says, with no hole and nothing past them.
 */
class InterruptedReadIT {

    private static final long SIZE = 512L << 20;
    private static final int TRIES = 3;

    @TempDir
    static Path dir;
    private static NfsServer server;
    private static Path source;

    @BeforeAll
    static void serve() throws IOException {
        Path export = Files.createDirectories(dir.resolve("export"));
        source = export.resolve("big.bin");
        PatternFiles.write(source, SIZE, 21);
        server = NfsServer.builder().export(export).rootSquash(false).port(0).build().start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ctrlCWithStderrRedirectedLeavesExactlyThePrefixInThePart() throws Exception {
        for (int i = 0; i < TRIES; i++) {
            Path out = dir.resolve("redirected-" + i + ".bin");
            Process read = Cli.start(readArgs(out));
            CompletableFuture<byte[]> stderr = Cli.drain(read.getErrorStream());
            Cli.drain(read.getInputStream());
            interruptOnceGoing(read, read.pid(), out);
            check(out, read, new String(stderr.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        }
    }

    @Test
    void ctrlCWithTheProgressBarOnATerminalLeavesExactlyThePrefixInThePart() throws Exception {
        ExternalTools.requireTool("util-linux script(1)", "script");
        for (int i = 0; i < TRIES; i++) {
            Path out = dir.resolve("terminal-" + i + ".bin");
            Path typescript = dir.resolve("terminal-" + i + ".log");
            // script(1) gives the command a terminal for stdin, stdout and stderr, so the bar shows;
            // the typescript file keeps what the command printed there. It runs the command with
            // $SHELL -c, and dash forks for it where bash execs: exec makes the JVM the shell's own
            // process either way, so no shell stands between the signal and the JVM.
            String command = "exec " + String.join(" ", quoted(Cli.command(List.of(), readArgs(out))));
            Process script = new ProcessBuilder("script", "-qefc", command, typescript.toString()).start();
            Cli.drain(script.getInputStream());
            Cli.drain(script.getErrorStream());
            long java = awaitJavaChild(script);
            interruptOnceGoing(script, java, out);
            String shown = Files.readString(typescript, StandardCharsets.ISO_8859_1);
            assertTrue(shown.contains("read"), "the command ran on the terminal:\n" + shown);
            assertTrue(shown.replace("\r", "").contains("\nnfsdirect: interrupted: cancelling"),
                    "the notice starts a line of its own, not the bar's:\n" + shown);
            check(out, script, shown);
        }
    }

    private static String[] readArgs(Path out) {
        // small chunks and a narrow window, so that the read is still going when Ctrl-C comes
        return new String[] {"read", server.url("big.bin"), "-o", out.toString(), "--rsize", "128k",
                "--window", "2"};
    }

    /** Sends SIGINT to {@code pid} once a few MiB have landed in the part, as a user at the keyboard would. */
    private static void interruptOnceGoing(Process process, long pid, Path out) throws Exception {
        Path part = out.resolveSibling(out.getFileName() + OutputFile.PART);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Landed.bytes(part) < 16L << 20) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                fail("the read did not get going (exit " + (process.isAlive() ? "none" : process.exitValue()) + ")");
            }
            Thread.sleep(5);
        }
        ExternalTools.run(Duration.ofSeconds(10), "kill", "-INT", String.valueOf(pid));
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the read did not stop after Ctrl-C");
    }

    private static void check(Path out, Process process, String said) throws IOException {
        assertEquals(130, process.exitValue(), said);
        assertTrue(Files.notExists(out), "no " + out + " that looks complete:\n" + said);
        Path part = out.resolveSibling(out.getFileName() + OutputFile.PART);
        long length = Files.size(part);
        assertTrue(length > 0 && length < SIZE, length + " bytes in the part\n" + said);
        assertTrue(said.replaceAll("\\s+", " ").contains("the " + length + " bytes read are in " + part),
                "the message names the part and its length " + length + ":\n" + said);
        assertSamePrefix(source, part, length);
    }

    /** {@code part}'s {@code length} bytes are {@code source}'s first, compared a MiB at a time. */
    private static void assertSamePrefix(Path source, Path part, long length) throws IOException {
        try (InputStream a = Files.newInputStream(source); InputStream b = Files.newInputStream(part)) {
            for (long at = 0; at < length; at += 1 << 20) {
                int n = (int) Math.min(1 << 20, length - at);
                assertArrayEquals(a.readNBytes(n), b.readNBytes(n), "the part differs from the source in the MiB at " + at);
            }
        }
    }

    /** The JVM that script(1) started: a java process whose command line runs the CLI's jar. */
    private static long awaitJavaChild(Process script) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ProcessHandle p : script.descendants().toList()) {
                boolean java = p.info().command().map(c -> c.endsWith("/java")).orElse(false);
                if (java && p.info().commandLine().map(c -> c.contains("nfsdirect.jar")).orElse(false)) {
                    return p.pid();
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("script(1) started no JVM");
    }

    private static List<String> quoted(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            out.add("'" + w.replace("'", "'\\''") + "'");
        }
        return out;
    }
}
