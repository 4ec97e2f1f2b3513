package io.nfsdirect.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.nfsdirect.coordinator.cluster.ClusterKeys;
import io.nfsdirect.coordinator.cluster.ClusterNode;
import io.nfsdirect.coordinator.cluster.ClusterTransport;
import io.nfsdirect.coordinator.cluster.NodeSettings;
import io.nfsdirect.server.NfsServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example service as another team would run it: its own JVM, started from its runnable jar,
 * joining a running nfs-direct cluster as a client member. The cluster (a coordinator+worker node
 * and a worker node, on loopback) and the embedded NFS server run in this test's JVM.
 */
class ChecksumServiceIT {

    private static final int MiB = 1 << 20;
    private static final Duration FORMATION = Duration.ofSeconds(30);
    /** The whole run of the service: joining, finding DirectIo, three requests, leaving. */
    private static final long SERVICE_SECONDS = 45;

    /**
     * Cluster nodes of this test: a quicker start and quicker Receptionist gossip, so the service
     * finds DirectIo sooner. Nothing here is part of Pekko's join check (the downing provider and
     * the split brain resolver's strategy), which the service's own settings must match.
     */
    private static final String NODE_CONFIG = """
            pekko.loglevel = WARNING
            pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
            pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            pekko.cluster.periodic-tasks-initial-delay = 200ms
            pekko.cluster.typed.receptionist.distributed-data.gossip-interval = 300ms
            pekko.cluster.typed.receptionist.distributed-data.notify-subscribers-interval = 100ms
            nfs-direct.cluster.drain.quiet = 500ms
            """;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theServiceHashesWritesAndCopiesThroughTheMessageApiFromItsOwnJvm() throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        // Six 1 MiB chunks, the last one short: each is four times what Artery's ordinary frame
        // holds, so the read only completes if they reach the service on the large-message channel.
        byte[] data = random(5 * MiB + 12_345, 1);
        Files.write(export.resolve("data.bin"), data);
        byte[] inline = random(100_000, 2);
        Path inlineFile = Files.write(dir.resolve("inline.bin"), inline);

        List<ClusterNode> nodes = new ArrayList<>();
        long t0 = System.nanoTime();
        try (NfsServer server = NfsServer.builder().export(export).rootSquash(false).port(0).rtmax(MiB).wtmax(MiB).build().start()) {
            try {
                Config config = ConfigFactory.parseString(NODE_CONFIG).withFallback(ConfigFactory.parseMap(
                        java.util.Map.of(ClusterTransport.TLS_DIR, keys().toString())));
                ClusterNode seed = ClusterNode.start(NodeSettings.of(roles(NodeSettings.COORDINATOR, NodeSettings.WORKER),
                        "127.0.0.1", 0, List.of()), config);
                nodes.add(seed);
                nodes.add(ClusterNode.start(NodeSettings.of(roles(NodeSettings.WORKER), "127.0.0.1", 0,
                        List.of(hostPort(seed))), config));
                for (ClusterNode n : nodes) {
                    n.awaitUp(2, FORMATION).toCompletableFuture().get();
                }
                seed.awaitWorkers(2, FORMATION).toCompletableFuture().get();
                long formed = System.nanoTime();

                Run run = runService(
                        "--seed", hostPort(seed), "--bind", "127.0.0.1", "--port", "0", "--output", "text",
                        "--rsize", "1m", "--window", "4",
                        "--write-from", inlineFile.toString(), "--write-to", server.url("written.bin"),
                        "--copy-to", server.url("copy.bin"),
                        server.url("data.bin"));

                System.err.printf("ChecksumServiceIT: cluster formed in %d ms, the service ran %d ms%n",
                        (formed - t0) / 1_000_000, (System.nanoTime() - formed) / 1_000_000);
                assertEquals(0, run.exitCode, run::describe);
                Map<String, String> read = run.completion("read");
                assertEquals("true", read.get("ok"), run::describe);
                assertEquals(String.valueOf(data.length), read.get("bytes"), run::describe);
                Map<String, String> sha = run.event("sha256");
                assertEquals(ChecksumService.sha256Hex(data), sha.get("hex"), run::describe);
                assertEquals(String.valueOf(data.length), sha.get("bytes"), run::describe);
                // What the consumer at /user/sinks/<name> received: 1 MiB chunks, so on the
                // large-message channel; never more held out of order than the window allows.
                assertEquals("6", sha.get("chunks"), run::describe);
                assertEquals(String.valueOf(MiB), sha.get("largest-chunk"), run::describe);
                assertTrue(Integer.parseInt(sha.get("max-held")) < 4, run::describe);

                Map<String, String> write = run.completion("write");
                assertEquals("true", write.get("ok"), run::describe);
                assertEquals(String.valueOf(inline.length), write.get("bytes"), run::describe);
                assertEquals(ChecksumService.sha256Hex(inline), run.event("write-source").get("hex"), run::describe);
                assertArrayEquals(inline, Files.readAllBytes(export.resolve("written.bin")), "the inline write on disk");

                Map<String, String> copy = run.completion("copy");
                assertEquals("true", copy.get("ok"), run::describe);
                assertEquals(String.valueOf(data.length), copy.get("bytes"), run::describe);
                assertArrayEquals(data, Files.readAllBytes(export.resolve("copy.bin")), "the copy on disk");
                assertEquals("0", run.event("exit").get("code"), run::describe);

                // It left gracefully: the cluster is back to its two nodes, with nobody unreachable.
                awaitMembers(seed, 2);
            } finally {
                long closing = System.nanoTime();
                closeAll(nodes);
                System.err.printf("ChecksumServiceIT: the nodes stopped in %d ms%n", (System.nanoTime() - closing) / 1_000_000);
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void badUsageExitsWithTwoWithoutStartingAnything() throws Exception {
        Run run = runService("nfs://127.0.0.1/export/x");
        assertEquals(2, run.exitCode, run::describe);
        assertTrue(run.stderr.contains("--seed is required"), run::describe);
    }

    // ---- the service's process ------------------------------------------------------------------

    /** What one run of the service left behind. */
    private record Run(int exitCode, List<String> lines, String stderr) {

        /** The first line of {@code event}, as its fields. */
        Map<String, String> event(String event) {
            for (String line : lines) {
                if (line.startsWith(event + " ")) {
                    return fields(line);
                }
            }
            throw new AssertionError("no '" + event + "' line\n" + describe());
        }

        Map<String, String> completion(String op) {
            for (String line : lines) {
                if (line.startsWith("completion ") && fields(line).get("op").equals(op)) {
                    return fields(line);
                }
            }
            throw new AssertionError("no completion of the " + op + "\n" + describe());
        }

        String describe() {
            return "exit " + exitCode + "\n--- stdout:\n" + String.join("\n", lines) + "\n--- stderr:\n" + stderr;
        }
    }

    /** The cluster's keys, for the nodes in this JVM and the service's own JVM alike. */
    private Path keys() throws java.io.IOException {
        Path keys = dir.resolve("keys");
        if (!Files.isDirectory(keys)) {
            ClusterKeys.generate(keys);
        }
        return keys;
    }

    private Run runService(String... args) throws Exception {
        String jar = System.getProperty("checksum.service.jar", "target/checksum-service.jar");
        assertTrue(Files.isRegularFile(Path.of(jar)), jar + " is missing: the IT runs after package");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(dir, "service", ".out");
        Path stderr = Files.createTempFile(dir, "service", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("NFSDIRECT_TLS_DIR", keys().toString());
        Process process = builder.start();
        try {
            boolean exited = process.waitFor(SERVICE_SECONDS, TimeUnit.SECONDS);
            Run run = new Run(exited ? process.exitValue() : -1, Files.readAllLines(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
            assertTrue(exited, () -> "the service did not exit within " + SERVICE_SECONDS + " s\n" + run.describe());
            return run;
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A text line's fields: {@code event k=v k="v with spaces"}. The format is the one
     * {@link Output} writes: values with spaces are double-quoted, with backslash escapes.
     */
    static Map<String, String> fields(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = line.indexOf(' ');
        while (i >= 0 && i < line.length()) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = line.substring(i, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 1;
            if (j < line.length() && line.charAt(j) == '"') {
                for (j++; j < line.length() && line.charAt(j) != '"'; j++) {
                    if (line.charAt(j) == '\\' && j + 1 < line.length()) {
                        j++;
                    }
                    value.append(line.charAt(j));
                }
                j++;
            } else {
                for (; j < line.length() && line.charAt(j) != ' '; j++) {
                    value.append(line.charAt(j));
                }
            }
            out.put(key, value.toString());
            i = j;
        }
        return out;
    }

    // ---- the cluster ----------------------------------------------------------------------------

    private static LinkedHashSet<String> roles(String... roles) {
        return new LinkedHashSet<>(List.of(roles));
    }

    private static String hostPort(ClusterNode node) {
        return node.address().substring(node.address().indexOf('@') + 1);
    }

    private static void awaitMembers(ClusterNode node, int members) throws InterruptedException {
        Cluster cluster = Cluster.get(node.system());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (count(cluster.state().getMembers()) != members || !cluster.state().getUnreachable().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + members + " members and none unreachable, seeing "
                        + cluster.state().getMembers() + ", unreachable " + cluster.state().getUnreachable());
            }
            Thread.sleep(50);
        }
    }

    private static int count(Iterable<?> items) {
        int n = 0;
        for (Object ignored : items) {
            n++;
        }
        return n;
    }

    /** Stops the nodes all at once, so their leaves overlap instead of adding up. */
    private static void closeAll(List<ClusterNode> nodes) {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (ClusterNode n : nodes) {
            stops.add(CompletableFuture.runAsync(n::close));
        }
        for (CompletableFuture<Void> stop : stops) {
            try {
                stop.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                // One node failing to stop must not keep the others running.
            }
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
