package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Long-running {@code nfsdirect} processes of a multi-JVM test (cluster nodes, a client killed or
 * interrupted mid-request): started from the shaded jar, stdout and stderr in one log file each.
 * Lifetime: the test class's; {@link #close()} kills every process still running, and its
 * children, so a failed test leaves nothing behind.
 */
final class NodeProcesses implements AutoCloseable {

    /**
     * Settings for every JVM of a test cluster, clients included: modest heaps (up to seven JVMs
     * share two cores), and a split brain resolver that downs a killed node after 3 s of stable
     * membership instead of 5 s, so a failover stalls a request for less time. The failure
     * detector's pause is Pekko's 3 s, not the 2 s default: with a dozen JVMs of two test classes
     * on two cores, live nodes went 2 s without a heartbeat, and the resolver downed them all.
     */
    static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-Dpekko.cluster.split-brain-resolver.stable-after=3s",
            "-Dpekko.cluster.failure-detector.acceptable-heartbeat-pause=3s",
            "-Dpekko.cluster.typed.receptionist.distributed-data.gossip-interval=500ms",
            "-Dnfs-direct.cluster.drain.quiet=1s");

    /** One started process and its log. */
    record Node(String name, Process process, Path log) {

        long pid() {
            return process.pid();
        }

        String logText() {
            try {
                return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                return "(cannot read " + log + ": " + e.getMessage() + ")";
            }
        }

        /** The end of the log, for failure messages. */
        String tail() {
            String text = logText();
            return name + " (pid " + pid() + (process.isAlive() ? ", running" : ", exit " + process.exitValue())
                    + ") log:\n" + (text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text);
        }
    }

    private final Path logs;
    private final List<Node> nodes = new ArrayList<>();

    NodeProcesses(Path logs) {
        this.logs = logs;
    }

    /** Starts {@code nfsdirect args...} with {@link #JVM}, stdout and stderr to its log. */
    Node start(String name, String... args) {
        return start(name, false, args);
    }

    /**
     * Starts {@code nfsdirect args...} with {@link #JVM}; stderr goes to its log, and so does stdout
     * unless {@code pipeStdout}, when the test reads it from {@link Process#getInputStream()}.
     */
    Node start(String name, boolean pipeStdout, String... args) {
        return startCommand(name, pipeStdout, Cli.command(JVM, args));
    }

    /** Starts {@code command} (one of {@link Cli#command}, maybe wrapped) as {@link #start} does. */
    Node startCommand(String name, boolean pipeStdout, List<String> command) {
        Path log = logs.resolve(name + ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                    Path.of("/dev/null").toFile()));
            if (pipeStdout) {
                builder.redirectError(log.toFile());
            } else {
                builder.redirectErrorStream(true).redirectOutput(log.toFile());
            }
            Process p = builder.start();
            Node node = new Node(name, p, log);
            synchronized (nodes) {
                nodes.add(node);
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Waits until {@code node}'s log has {@code text}; fails if it exits first or the time is up. */
    static void awaitLog(Node node, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!node.logText().contains(text)) {
            if (!node.process().isAlive()) {
                fail(node.name() + " exited before printing '" + text + "'\n" + node.tail());
            }
            if (System.nanoTime() > deadline) {
                fail(node.name() + " did not print '" + text + "' within " + timeout.toSeconds() + " s\n" + node.tail());
            }
            Thread.sleep(100);
        }
    }

    /** Waits for the process to exit and returns its status; kills it and fails when it does not exit in time. */
    static int awaitExit(Node node, Duration timeout) throws InterruptedException {
        if (!node.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            String tail = node.tail();
            kill(node.process());
            fail(node.name() + " did not exit within " + timeout.toSeconds() + " s\n" + tail);
        }
        return node.process().exitValue();
    }

    /** kill -9. */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends a signal by name (INT, TERM) with kill(1): Process only knows TERM and KILL. */
    static void signal(Node node, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(node.pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            fail("kill -" + signal + " " + node.pid() + " failed");
        }
    }

    /**
     * Whether {@code node}'s process ignores SIGINT, as a process started in the background of a
     * non-interactive shell does (and its children after it): then Ctrl-C cannot reach it at all,
     * and a test must use SIGTERM, which the command treats the same way.
     */
    static boolean ignoresSigint(Node node) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(node.pid()), "status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 0x2) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // No /proc: assume the usual, SIGINT delivered.
        }
        return false;
    }

    /** Every log, for a failure message. */
    String tails() {
        StringBuilder all = new StringBuilder();
        synchronized (nodes) {
            for (Node n : nodes) {
                all.append("\n----- ").append(n.tail());
            }
        }
        return all.toString();
    }

    @Override
    public void close() {
        List<Node> all;
        synchronized (nodes) {
            all = List.copyOf(nodes);
            nodes.clear();
        }
        for (Node n : all) {
            n.process().descendants().forEach(ProcessHandle::destroyForcibly);
            n.process().destroyForcibly();
        }
        for (Node n : all) {
            try {
                n.process().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
