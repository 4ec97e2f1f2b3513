package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/cluster-demo} end to end, as the README runs it: the docker-compose topology as local
 * processes (server, seed, two workers), the client's write, read back, sum, copy and sum through
 * the cluster, with worker-1 killed -9 halfway through the read. Every step must verify, and the
 * write's per-node table must show chunks served by every node. Also what the script says when it
 * cannot start, and that its default ports stay clear of the README's serve example.
 */
class ClusterDemoIT {

    /** A guard, not a speed: another cluster test may share the two cores (the forks). */
    private static final Duration LIMIT = Duration.ofMinutes(6);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 7, unit = TimeUnit.MINUTES)
    void theLoopbackDemoVerifiesEveryStepWithAWorkerKilledDuringTheRead() throws Exception {
        int nodePort = freeRange(3);
        int nfsPort = freeRange(1);
        Path log = tmp.resolve("cluster-demo.log");
        ProcessBuilder builder = new ProcessBuilder(Repo.root().resolve("bin/cluster-demo").toString(),
                "--size", "128m", "--kill-worker", "--nfs-port", String.valueOf(nfsPort), "--node-port",
                String.valueOf(nodePort), "--http-port", String.valueOf(freeRange(3)), "--timeout", "150")
                .directory(Repo.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        env.remove("NFSDIRECT");
        env.remove("NFSDIRECT_REBUILD");
        // The jar under test: bin/nfsdirect runs cli/target/nfsdirect.jar, which the build has just made.
        env.put("NFSDIRECT_JAVA_OPTS", String.join(" ", NodeProcesses.JVM));
        Process demo = builder.start();
        try {
            if (!demo.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                fail("bin/cluster-demo did not finish within " + LIMIT.toSeconds() + " s:\n" + read(log));
            }
            String out = read(log);
            assertEquals(0, demo.exitValue(), out);
            assertTrue(out.contains("every step verified"), out);
            assertTrue(out.contains("killed -9 with"), "worker-1 was not killed during the read:\n" + out);
            assertTrue(out.contains("read back: the bytes match"), out);
            // The write ran before the kill: the seed and both workers served some of its chunks.
            String write = out.substring(out.indexOf("==> write"), out.indexOf("==> read"));
            for (int port = nodePort; port <= nodePort + 2; port++) {
                Matcher row = Pattern.compile("pekko://nfsdirect@127\\.0\\.0\\.1:" + port + "\\s+\\S+\\s+(\\d+)\\s")
                        .matcher(write);
                assertTrue(row.find() && Long.parseLong(row.group(1)) > 0,
                        "the node on port " + port + " served no chunk of the write:\n" + write);
            }
        } finally {
            stop(demo);
        }
    }

    @Test
    void aPortInUseEndsTheDemoBeforeItStartsAnythingAndLeavesNoWorkDirectory() throws Exception {
        Path tmpdir = Files.createDirectory(tmp.resolve("tmpdir"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int nfsPort = taken.getLocalPort();
            Path log = tmp.resolve("taken.log");
            ProcessBuilder builder = new ProcessBuilder(Repo.root().resolve("bin/cluster-demo").toString(),
                    "--nfs-port", String.valueOf(nfsPort), "--node-port", String.valueOf(freeRange(3)))
                    .directory(Repo.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("TMPDIR", tmpdir.toString());
            builder.environment().remove("NFSDIRECT_REBUILD");
            Process demo = builder.start();
            try {
                assertTrue(demo.waitFor(60, TimeUnit.SECONDS), read(log));
                String out = read(log);
                assertEquals(1, demo.exitValue(), out);
                assertTrue(out.contains("port " + nfsPort + " on 127.0.0.1 is already in use"), out);
                assertFalse(out.contains("logs"), "no logs to point at:\n" + out);
                try (Stream<Path> left = Files.list(tmpdir)) {
                    assertEquals(List.of(), left.toList(), out);
                }
            } finally {
                stop(demo);
            }
        }
    }

    @Test
    void theDemosServerPortIsNotTheReadmesServeExamplePort() throws Exception {
        Process help = new ProcessBuilder(Repo.root().resolve("bin/cluster-demo").toString(), "--help")
                .redirectErrorStream(true).start();
        String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(help.waitFor(30, TimeUnit.SECONDS));
        Matcher port = Pattern.compile("--nfs-port N +the embedded server's port \\(default: (\\d+)\\)").matcher(text);
        assertTrue(port.find(), text);
        String readme = Files.readString(Repo.root().resolve("README.md"), StandardCharsets.UTF_8);
        Matcher serve = Pattern.compile("bin/nfsdirect serve [^\\n]*--port (\\d+)").matcher(readme);
        assertTrue(serve.find(), "the README's serve example");
        assertNotEquals(serve.group(1), port.group(1));
        assertTrue(readme.contains("--port " + port.group(1) + " --state-dir WORKDIR/nfs-state"),
                "the README's table gives the demo's port " + port.group(1));
    }

    /**
     * Stops the script and everything it started: TERM first, which its trap turns into stopping
     * its processes; then kill -9 of whatever is left, found before the script goes (its orphans
     * would no longer be its descendants).
     */
    private static void stop(Process demo) throws InterruptedException {
        List<ProcessHandle> started = demo.descendants().toList();
        if (demo.isAlive()) {
            demo.destroy();
            demo.waitFor(45, TimeUnit.SECONDS);
        }
        started.forEach(ProcessHandle::destroyForcibly);
        demo.destroyForcibly();
    }

    /** The first of {@code count} consecutive ports that are free on 127.0.0.1 now. */
    private static int freeRange(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 60000);
            boolean free = true;
            for (int p = base; p < base + count && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports on 127.0.0.1");
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
