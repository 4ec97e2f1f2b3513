package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Exit statuses and the one-line error form, through picocli as the real command runs it. */
class MainTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = Main.newCommandLine(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private static void assertOneErrorLine(Run r) {
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, "one line expected: " + r.err());
        assertTrue(lines[0].startsWith("nfsdirect: "), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "frobnicate",
            "read",
            "read nfs://h/e/f",
            "read nfs://h/e/f -o - --bogus",
            "read nfs://h/e/f -o - --rsize 12x",
            "read nfs://h/e/f -o - --offset -5",
            "read nfs://h/e/f -o - --timeout forever",
            "read nfs://h/e/f -o - --window 0",
            "read nfs://h/e/f -o - --connections 17",
            "read nfs://h/e/f -o - --retrans -1",
            "read ftp://h/e/f -o -",
            "read nfs://h -o -",
            "read nfs://h/e/f?version=4 -o -",
            "write nfs://h/e/f",
            "sum",
            "sum nfs://h:99999/e/f",
            "stat not-a-url",
            "ls nfs:///e",
            "cp a b",
            "cp nfs://h/e/f",
            "demo --size 0",
            "demo --size lots",
            "serve",
            "read nfs://h/e/f -o - --bind 127.0.0.1",
            "read nfs://h/e/f -o - --port 2552",
            "read nfs://h/e/f -o - --join",
            "read nfs://h/e/f -o - --join no-port",
            "sum nfs://h/e/f --join 127.0.0.1:99999",
            "write nfs://h/e/f -i - --join 127.0.0.1:2552",
            "write nfs://h/e/f -i - --spool /nonexistent/dir/for/sure",
            "node --roles client",
            "node --roles coordinator,bogus",
            "node --seed nohostport",
            "node --window 0",
            "stats",
            "demo --nodes-count 0",
            "demo --nodes-count 17",
    })
    void badUsageExitsWith2AndOneLine(String line) {
        Run r = run(line.isEmpty() ? new String[0] : line.split(" "));
        assertEquals(2, r.status(), line + " -> " + r.err());
        assertOneErrorLine(r);
        assertEquals("", r.out());
    }

    @Test
    void aBadUrlIsExplained() {
        Run r = run("read", "ftp://h/e/f", "-o", "-");
        assertEquals("nfsdirect: bad NFS URL 'ftp://h/e/f': must start with nfs://", r.err().strip());
    }

    @Test
    void anUnreachableServerIsAnIoErrorInOneLine() {
        Run r = run("stat", "nfs://127.0.0.1:1/e/f?mountport=1", "--timeout", "2s", "--retrans", "0");
        assertEquals(1, r.status(), r.err());
        assertOneErrorLine(r);
        assertTrue(r.err().startsWith("nfsdirect: stat nfs://127.0.0.1:1/e/f?mountport=1: "), r.err());
    }

    @Test
    void aMissingLocalInputIsAnIoError() {
        Run r = run("write", "nfs://127.0.0.1:1/e/f?mountport=1", "-i", dir.resolve("missing.bin").toString());
        assertEquals(1, r.status(), r.err());
        assertEquals("nfsdirect: write nfs://127.0.0.1:1/e/f?mountport=1: " + dir.resolve("missing.bin")
                + ": No such file or directory", r.err().strip());
    }

    @Test
    void serveNamesAMissingExportInTheErrnoStyle() {
        Run r = run("serve", "--export", "/nonexistent/dir/for/sure", "--port", "0");
        assertEquals(1, r.status(), r.err());
        assertEquals("nfsdirect: serve: export /nonexistent/dir/for/sure: No such file or directory (ENOENT)",
                r.err().strip());
    }

    @Test
    void serveSaysWhichPortIsInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Run r = run("serve", "--export", dir.toString(), "--port", String.valueOf(port), "--ephemeral-handles");
            assertEquals(1, r.status(), r.err());
            assertEquals("nfsdirect: serve " + dir + " on 127.0.0.1:" + port + ": port " + port
                    + " is in use (EADDRINUSE)", r.err().strip());
        }
    }

    @Test
    void aChunkSizeBelowAPageIsWarnedOfAndSumSpeaksAsSum() {
        Run r = run("sum", "nfs://127.0.0.1:1/e/f?mountport=1", "--rsize", "1", "--timeout", "1s", "--retrans", "0");
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertEquals("nfsdirect: warning: --rsize 1 byte is below 4 KiB: each chunk is one RPC of 1 byte, so the "
                + "transfer will be slow", lines.get(0));
        assertTrue(lines.get(1).startsWith("nfsdirect: sum nfs://127.0.0.1:1/e/f?mountport=1"), r.err());
        assertFalse(run("write", "nfs://h/e/f", "-i", "-", "--wsize", "4k", "--spool", "/nonexistent/dir/for/sure")
                .err().contains("warning"));
    }

    @Test
    void stdinWithJoinExplainsWhyItNeedsASpoolDirectory() {
        Run r = run("write", "nfs://h/e/f", "-i", "-", "--join", "127.0.0.1:2552");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("-i - with --join needs --spool DIR"), r.err());
        assertTrue(r.err().contains("coordinator node reads the source"), r.err());
    }

    @Test
    void helpAndVersionSucceed() {
        Run help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("demo"), help.out());
        Run readHelp = run("read", "--help");
        assertEquals(0, readHelp.status());
        assertTrue(readHelp.out().contains("--rsize"), readHelp.out());
        assertTrue(readHelp.out().contains("--join"), readHelp.out());
        Run writeHelp = run("write", "--help");
        assertTrue(writeHelp.out().contains("absolute path"), writeHelp.out());
        assertTrue(writeHelp.out().contains("--spool"), writeHelp.out());
        assertEquals(0, run("node", "--help").status());
        assertEquals(0, run("stats", "--help").status());
        assertEquals(0, run("--version").status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"stat", "ls"})
    void theLookingCommandsHelpShowsNoChunkOrProgressOptions(String command) {
        String help = run(command, "--help").out();
        for (String unused : List.of("--rsize", "--wsize", "--window", "--quiet", "-q", "--join")) {
            assertFalse(help.contains(unused), unused + " in:\n" + help);
        }
        assertTrue(help.contains("--connections"), help);
        String flowed = help.replaceAll("\\s+", " ");
        assertTrue(flowed.contains("1..16 (default: 1)"), help);
        assertTrue(flowed.contains("the NFS client's counters"), help);
    }

    @Test
    void eachTransferCommandsHelpShowsTheChunkSizesItUses() {
        String read = run("read", "--help").out();
        assertTrue(read.contains("--rsize") && !read.contains("--wsize"), read);
        String sum = run("sum", "--help").out();
        assertTrue(sum.contains("--rsize") && !sum.contains("--wsize"), sum);
        String write = run("write", "--help").out();
        assertTrue(write.contains("--wsize") && !write.contains("--rsize"), write);
        String cp = run("cp", "--help").out();
        assertTrue(cp.contains("--rsize") && cp.contains("--wsize"), cp);
    }

    @Test
    void statsHelpSaysJoinIsRequiredAndDemoHelpDoesNotOfferIt() {
        String stats = run("stats", "--help").out();
        assertFalse(stats.contains("a node in this process"), stats);
        assertTrue(stats.contains(" --join=HOST:"), stats);
        assertFalse(stats.contains("[--join="), stats);
        String demo = run("demo", "--help").out();
        assertFalse(demo.contains("--join"), demo);
    }

    @Test
    void theFullHelpListsEveryCommandAndAMisspeltOneIsNamed() {
        Run help = run("--help");
        for (String command : List.of("serve", "stat", "ls", "read", "write", "cp", "sum", "verify", "sync", "node",
                "stats", "demo", "keys")) {
            assertTrue(help.out().contains("\n  " + command + " "), command + " in:\n" + help.out());
        }
        Run typo = run("raed", "nfs://h/e/f", "-o", "x");
        assertEquals(2, typo.status(), typo.err());
        assertOneErrorLine(typo);
        assertEquals("nfsdirect: unknown command 'raed'; the commands are serve, stat, ls, read, write, cp, sum, verify, "
                + "sync, node, stats, demo, keys (see 'nfsdirect --help')", typo.err().strip());
        Run version = run("read", "--version");
        assertEquals(0, version.status());
        assertEquals("nfsdirect 0.1.0", version.out().strip());
        Run none = run();
        assertEquals(2, none.status(), none.err());
        assertTrue(none.err().contains("a command is required"), none.err());
    }

    @Test
    void onlyTheCommandNamedFirstIsBuilt() {
        CommandLine read = Main.newCommandLine(new String[] {"read", "--help"});
        assertEquals(List.of("read"), List.copyOf(read.getSubcommands().keySet()));
        assertEquals(Main.COMMANDS.size(), Main.newCommandLine(new String[] {"--help"}).getSubcommands().size());
        for (Class<?> command : Main.COMMANDS) {
            String name = command.getAnnotation(CommandLine.Command.class).name();
            assertEquals(command, Main.commandNamed(name));
        }
    }
}
