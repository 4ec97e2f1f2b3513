package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/cluster-demo} end to end, as the README runs it: the docker-compose topology as local
 * processes (server, seed, two workers), the client's write, read back, sum, copy and sum through
 * the cluster, with worker-1 killed -9 halfway through the read. Every step must verify, and the
 * write's per-node table must show chunks served by every node.
 */
class ClusterDemoIT {

    private static final Duration LIMIT = Duration.ofMinutes(4);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theLoopbackDemoVerifiesEveryStepWithAWorkerKilledDuringTheRead() throws Exception {
        int nodePort = freeRange(3);
        int nfsPort = freeRange(1);
        Path log = tmp.resolve("cluster-demo.log");
        ProcessBuilder builder = new ProcessBuilder(Repo.root().resolve("bin/cluster-demo").toString(),
                "--size", "128m", "--kill-worker", "--nfs-port", String.valueOf(nfsPort), "--node-port",
                String.valueOf(nodePort), "--timeout", "150")
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
