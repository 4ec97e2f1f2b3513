package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nfsdirect.coordinator.cluster.ClusterKeys;
import io.nfsdirect.server.NfsServer;
import io.nfsdirect.testing.ExternalTools;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster as users run it, every node its own JVM from the runnable jar, on loopback: a
 * coordinator node, three worker nodes, the embedded NFS server (in this JVM), and a client
 * process per command with {@code --join}. The tests share the cluster and run in order, because
 * the failover tests each kill a worker for good: a plain distributed read, a cancelled read,
 * kill -9 of a worker during a 1 GiB read and during a 1 GiB UNSTABLE write, then the graceful
 * leave of the remaining nodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final long HALF_GIB = 512L << 20;
    private static final long GIB = 1L << 30;
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration REQUEST = Duration.ofSeconds(150);
    /** The client's summary of a request's completion (StatsFormat.counters), as the tests read it. */
    private static final Pattern COUNTERS = Pattern.compile("(\\w+) request: (\\d+) chunks, (\\d+) rpcs, (\\d+) "
            + "retransmits, (\\d+) short i/o, (\\d+) verifier mismatches, (\\d+) redispatched, (\\d+) bytes");

    private Path dir;
    private Path export;
    private NfsServer server;
    private NodeProcesses processes;
    private NodeProcesses.Node coordinator;
    private final Map<Integer, NodeProcesses.Node> workers = new LinkedHashMap<>();
    /** Each worker's --http address, by its Artery port. */
    private final Map<Integer, String> workerHttp = new LinkedHashMap<>();
    private String coordinatorHttp;
    private String seed;
    /** The cluster's key directory: every node and client gets it, as --tls. */
    private String tls;
    private String halfSha;
    private String bigSha;

    @BeforeAll
    void startCluster() throws Exception {
        dir = Files.createTempDirectory("nfsdirect-cluster-it-");
        export = Files.createDirectory(dir.resolve("export"));
        processes = new NodeProcesses(Files.createDirectory(dir.resolve("logs")));
        halfSha = PatternFiles.write(export.resolve("half.bin"), HALF_GIB, 1);
        bigSha = PatternFiles.write(export.resolve("big.bin"), GIB, 2);
        server = NfsServer.builder().export(export).rootSquash(false).port(0).build().start();
        tls = ClusterKeys.generate(dir.resolve("keys")).toString();

        int seedPort = ExternalTools.freePort();
        seed = "127.0.0.1:" + seedPort;
        coordinatorHttp = "127.0.0.1:" + ExternalTools.freePort();
        coordinator = processes.start("coordinator", "node", "--roles", "coordinator", "--port",
                String.valueOf(seedPort), "--seed", seed, "--tls", tls, "--allow-source", export.toString(),
                "--http", coordinatorHttp);
        for (int i = 1; i <= 3; i++) {
            int port = ExternalTools.freePort();
            String http = "127.0.0.1:" + ExternalTools.freePort();
            workers.put(port, processes.start("worker-" + i, "node", "--roles", "worker", "--port",
                    String.valueOf(port), "--seed", seed, "--tls", tls, "--http", http));
            workerHttp.put(port, http);
        }
        NodeProcesses.awaitLog(coordinator, "Up: a member", START);
        for (NodeProcesses.Node w : workers.values()) {
            NodeProcesses.awaitLog(w, "Up: a member", START);
        }
        awaitWorkerNodes(3);
    }

    /**
     * What an operator watches: every node says it is alive and, once Up with its services
     * registered, ready; and its Prometheus counters move while a read runs through it: the
     * workers' bytes and READ RPCs grow during the read and add up to the file, and the
     * coordinator counts the request's outcome.
     */
    @Test
    @Order(-1)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everyNodeIsReadyAndItsMetricsMoveDuringARead() throws Exception {
        List<String> all = new java.util.ArrayList<>(workerHttp.values());
        all.add(coordinatorHttp);
        for (String http : all) {
            assertEquals("200 alive", Http.get(http, "/alive").trim());
            Http.awaitStatus(http, "/ready", 200, START);
            assertTrue(Http.get(http, "/nothing-here").startsWith("404"), http);
        }
        Map<String, Double> before = readBytes();
        NodeProcesses.Node reader = processes.start("metrics-read", "read", server.url("half.bin"), "-o", "/dev/null",
                "--join", seed, "--tls", tls);
        // A scrape while the read runs sees the bytes grow: they are counted as chunks finish.
        long deadline = System.nanoTime() + REQUEST.toNanos();
        boolean moved = false;
        while (!moved && reader.process().isAlive() && System.nanoTime() < deadline) {
            Map<String, Double> now = readBytes();
            moved = now.values().stream().mapToDouble(Double::doubleValue).sum()
                    > before.values().stream().mapToDouble(Double::doubleValue).sum();
            Thread.sleep(50);
        }
        assertEquals(0, NodeProcesses.awaitExit(reader, REQUEST), reader.tail());
        assertTrue(moved, "no scrape during the read saw a worker's bytes grow:\n" + Http.get(all.get(0), "/metrics"));
        Map<String, Double> after = readBytes();
        double read = 0;
        for (String http : workerHttp.values()) {
            read += after.get(http) - before.get(http);
            String metrics = Http.get(http, "/metrics");
            assertTrue(Metrics.value(metrics, "nfsdirect_rpc_seconds_count", "procedure=\"READ\"") > 0, metrics);
            assertTrue(metrics.contains("nfsdirect_rpc_seconds_bucket{"), metrics);
        }
        assertEquals((double) HALF_GIB, read, "the workers' read bytes add up to the file");
        String metrics = Http.get(coordinatorHttp, "/metrics");
        assertTrue(Metrics.value(metrics, "nfsdirect_requests_total", "op=\"read\"", "outcome=\"ok\"") >= 1, metrics);

        // stats --json reads the same counters.
        Cli.Result json = run("stats", "--join", seed, "--tls", tls, "--json");
        com.fasterxml.jackson.databind.JsonNode stats = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.out());
        assertEquals(3, stats.get("workerNodes").size(), json.out());
        assertEquals(0, stats.get("chunksInFlight").asLong(), json.out());
        long statsRead = 0;
        for (com.fasterxml.jackson.databind.JsonNode node : stats.get("workerNodes")) {
            statsRead += node.get("directBytesRead").asLong();
        }
        assertEquals(after.values().stream().mapToDouble(Double::doubleValue).sum(), (double) statsRead, json.out());
    }

    /** Each worker's {@code nfsdirect_direct_read_bytes_total}, by its HTTP address. */
    private Map<String, Double> readBytes() throws Exception {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String http : workerHttp.values()) {
            out.put(http, Metrics.value(Http.get(http, "/metrics"), "nfsdirect_direct_read_bytes_total"));
        }
        return out;
    }

    @AfterAll
    void stopCluster() throws Exception {
        try {
            if (processes != null) {
                processes.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (dir != null) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /**
     * What a stranger on the same machine can do to the cluster: a client without the cluster's
     * keys is refused before it starts, one with keys of its own never becomes a member, and the
     * 9 bytes that made a plain-TCP node spin and grow without bound (an Artery header announcing
     * a 2 GiB frame) cost the TLS node nothing: they never get past the handshake. And a member
     * cannot make the coordinator read a local file outside its allowed directories.
     */
    @Test
    @Order(0)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aStrangerNeitherJoinsNorHurtsTheNodes() throws Exception {
        Cli.Result keyless = Cli.run(NodeProcesses.JVM, null, "stats", "--join", seed);
        assertEquals(1, keyless.exit(), keyless.describe());
        assertTrue(keyless.stderr().contains("no keys") && keyless.stderr().contains("--insecure"),
                keyless.describe());

        long pid = coordinator.pid();
        long cpuBefore = cpuTicks(pid);
        long rssBefore = rssKiB(pid);
        int port = Integer.parseInt(seed.substring(seed.lastIndexOf(':') + 1));
        byte[] header = {'A', 'K', 'K', 'A', 1, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f};
        for (int i = 0; i < 20; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                s.getOutputStream().write(header);
            }
        }
        Thread.sleep(10_000);
        long cpu = cpuTicks(pid) - cpuBefore;
        long rss = rssKiB(pid) - rssBefore;
        // An idle node ticks over at a few percent of a core; the plain-TCP node spun both cores.
        assertTrue(cpu < 300, "the coordinator used " + cpu + " ticks of CPU in 10 s after the packets");
        assertTrue(rss < 100 * 1024, "the coordinator's RSS grew by " + rss + " KiB after the packets");

        Path otherKeys = ClusterKeys.generate(dir.resolve("stranger-keys"));
        NodeProcesses.Node stranger = processes.start("stranger", "stats", "--join", seed, "--tls",
                otherKeys.toString());
        Thread.sleep(10_000);
        // With the cluster's keys, stats prints the worker nodes and exits within seconds.
        assertTrue(stranger.process().isAlive() && !stranger.logText().contains("worker node"),
                "a client with other keys must not get in:\n" + stranger.logText());
        NodeProcesses.kill(stranger.process());
        // A member may write only what the coordinator's operator allowed it to read: not /etc/passwd.
        Cli.Result stolen = Cli.run(NodeProcesses.JVM, null, "write", server.url("stolen.bin"), "-i", "/etc/passwd",
                "--join", seed, "--tls", tls);
        assertEquals(1, stolen.exit(), stolen.describe());
        assertTrue(stolen.stderr().contains("write source /etc/passwd") && stolen.stderr().contains("EACCES")
                && stolen.stderr().contains("write-sources.allow"), stolen.describe());
        assertFalse(Files.exists(export.resolve("stolen.bin")), "a refused write must not create its target");

        Cli.Result members = run("stats", "--join", seed, "--tls", tls);
        assertTrue(members.out().contains("3 worker node(s)"), members.out());
        assertFalse(coordinator.logText().contains("OutOfMemoryError"), coordinator.tail());
    }

    private static long cpuTicks(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long rssKiB(long pid) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    @Test
    @Order(1)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aDistributedReadIsByteExactAndEveryWorkerServesChunks() throws Exception {
        Path out = dir.resolve("half.out");
        Cli.Result r = run("read", server.url("half.bin"), "-o", out.toString(), "--join", seed, "--tls", tls, "--stats");
        assertEquals(halfSha, PatternFiles.sha256(out), r.stderr());
        Files.delete(out);
        assertTrue(r.stderr().contains("read: " + HALF_GIB + " bytes (512 MiB)"), r.stderr());
        for (int port : workers.keySet()) {
            Matcher row = servedRow(port).matcher(r.stderr());
            assertTrue(row.find(), "no row for the worker on port " + port + ":\n" + r.stderr());
            assertTrue(Long.parseLong(row.group(1)) > 0, "the worker on port " + port + " served no chunk:\n"
                    + r.stderr());
        }
        assertEquals(HALF_GIB, counters(r.stderr(), "read").bytes());
    }

    @Test
    @Order(2)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void ctrlCCancelsADistributedReadAndLeavesEveryNodeIdle() throws Exception {
        Path out = dir.resolve("cancelled.out");
        String url = server.url("half.bin");
        NodeProcesses.Node reader = processes.start("cancelled-read", "read", url, "-o", out.toString(),
                "--join", seed, "--tls", tls, "--rsize", "64k", "--window", "4");
        Path part = dir.resolve("cancelled.out" + OutputFile.PART);
        awaitLanded(reader, part, 16 << 20);
        // Ctrl-C; a process started in the background of a script ignores SIGINT, and gets SIGTERM instead.
        boolean term = NodeProcesses.ignoresSigint(reader);
        NodeProcesses.signal(reader, term ? "TERM" : "INT");
        int status = NodeProcesses.awaitExit(reader, Duration.ofSeconds(60));
        String log = reader.logText();
        assertEquals(term ? 143 : 130, status, log);
        assertTrue(log.contains("nfsdirect: read " + url + " at offset "), log);
        assertTrue(log.toLowerCase().contains("cancel"), log);
        assertTrue(Files.notExists(out), "no output that looks complete:\n" + log);
        assertTrue(Files.size(part) < HALF_GIB, "the read was not cut short:\n" + log);

        // Every node's in-flight count is back to 0, and stays there with nothing served since.
        Cli.Result idle = run("stats", "--join", seed, "--tls", tls, "--until-idle", "30s");
        assertTrue(idle.out().contains("3 worker node(s), 0 chunk(s) in flight"), idle.out());
        Map<String, Long> served = chunksServed(idle.out());
        assertEquals(3, served.size(), idle.out());
        Thread.sleep(2000);
        Cli.Result again = run("stats", "--join", seed, "--tls", tls);
        assertTrue(again.out().contains("0 chunk(s) in flight"), again.out());
        assertEquals(served, chunksServed(again.out()), "chunks served changed after the cancel:\n" + again.out());
    }

    /**
     * A tree copied through the cluster into a local directory, a worker node killed halfway:
     * the chunks of the files it had go to the others, and the copy ends equal to the source, by
     * content, mode, mtime and links. A fresh worker takes the dead one's place for what follows.
     */
    @Test
    @Order(3)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aTreeCopyLosesNothingWhenAWorkerIsKilledMidJob() throws Exception {
        Path source = export.resolve("tree");
        TestTrees.build(source, 31);
        for (int i = 0; i < 4; i++) {
            PatternFiles.write(source.resolve("deep/big-" + i + ".bin"), 64L << 20, 10 + i);
        }
        long total;
        try (Stream<Path> all = Files.walk(source)) {
            total = all.filter(Files::isRegularFile).mapToLong(ClusterIT::sizeOf).sum();
        }
        Path copy = dir.resolve("tree-copy");
        NodeProcesses.Node cp = processes.start("tree-copy", "cp", "-r", server.url("tree"), copy.toString(),
                "--join", seed, "--tls", tls, "--rsize", "256k", "--window", "8", "--files", "4");
        awaitProgress(cp, () -> landed(copy), total / 3);
        int victim = workers.keySet().iterator().next();
        NodeProcesses.kill(workers.remove(victim).process());

        assertEquals(0, NodeProcesses.awaitExit(cp, REQUEST), cp.tail() + processes.tails());
        String log = cp.logText();
        System.out.println("tree copy with the worker on port " + victim + " killed:\n" + log);
        String hardLink = log.contains("skipped deep/odd.bin: a hard link") ? "deep/odd.bin" : "deep/hard-link";
        TestTrees.assertSameTree(source, copy, Set.of("fifo", hardLink));
        assertTrue(log.contains("cp -r: 53 files, "), log);
        assertTrue(log.contains("; 2 skipped, 0 failed;"), log);

        int port = ExternalTools.freePort();
        workers.put(port, processes.start("worker-4", "node", "--roles", "worker", "--port", String.valueOf(port),
                "--seed", seed, "--tls", tls));
        NodeProcesses.awaitLog(workers.get(port), "Up: a member", START);
        awaitWorkerNodes(3);
    }

    /** Bytes in the files under {@code root} so far, parts included. */
    private static long landed(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .mapToLong(ClusterIT::sizeOf).sum();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return 0; // a part renamed under the walk
        }
    }

    @Test
    @Order(4)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void killingAWorkerHalfwayThroughAGibReadLosesNothingAndCountsNothingTwice() throws Exception {
        int victim = workers.keySet().iterator().next();
        String url = server.url("big.bin");
        NodeProcesses.Node reader = processes.start("killed-read", true, "read", url, "-o", "-", "--join", seed, "--tls", tls,
                "--stats", "--rsize", "256k", "--window", "8");
        long[] received = {0};
        CompletableFuture<String> sha = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = reader.process().getInputStream()) {
                return PatternFiles.sha256(in, received);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitProgress(reader, () -> {
            synchronized (received) {
                return received[0];
            }
        }, GIB / 2);
        java.time.LocalTime killedAt = java.time.LocalTime.now();
        NodeProcesses.kill(workers.remove(victim).process());

        assertEquals(0, NodeProcesses.awaitExit(reader, REQUEST), reader.tail() + processes.tails());
        String log = reader.logText();
        System.out.println("read with the worker on port " + victim + " killed:\n" + log);
        // Its chunks went out again once it was unreachable, before the resolver downed it.
        Matcher failover = Pattern.compile("(?m)^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) WARN .* is on an unreachable node")
                .matcher(coordinator.logText());
        long afterKill = -1;
        while (afterKill < 0 && failover.find()) {
            // Earlier tests killed a worker too: the first line at or after this kill is its own.
            long ms = java.time.Duration.between(killedAt, java.time.LocalTime.parse(failover.group(1))).toMillis();
            afterKill = ms >= 0 ? ms : -1;
        }
        assertTrue(afterKill >= 0, "no chunk was sent again when the node became unreachable:\n" + coordinator.tail());
        System.out.println("ClusterIT: first re-dispatch " + afterKill + " ms after the kill");
        assertEquals(bigSha, sha.get(30, TimeUnit.SECONDS), log);
        assertEquals(GIB, received[0], log);
        assertTrue(log.contains("read: " + GIB + " bytes (1 GiB)"), log);
        Counters c = counters(log, "read");
        assertEquals(GIB, c.bytes(), log);
        assertTrue(c.redispatched() > 0, "no chunk was re-dispatched after the kill:\n" + log);
        assertTrue(log.contains("unreachable"), "the killed worker's row should say so:\n" + log);
    }

    @Test
    @Order(5)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void killingAWorkerDuringAGibUnstableWriteLosesNothingAndCountsNothingTwice() throws Exception {
        int victim = workers.keySet().iterator().next();
        Path target = export.resolve("written.bin");
        // The source is read by the coordinator node, at its path: this machine's.
        NodeProcesses.Node writer = processes.start("killed-write", "write", server.url("written.bin"), "-i",
                export.resolve("big.bin").toString(), "--join", seed, "--tls", tls, "--stats", "--wsize", "256k", "--window", "8");
        // Chunks go out in offset order, a window at a time, so the file's end follows the progress.
        awaitProgress(writer, () -> Files.exists(target) ? sizeOf(target) : 0, GIB / 2);
        NodeProcesses.kill(workers.remove(victim).process());

        assertEquals(0, NodeProcesses.awaitExit(writer, REQUEST), writer.tail() + processes.tails());
        String log = writer.logText();
        System.out.println("write with the worker on port " + victim + " killed:\n" + log);
        assertEquals(GIB, Files.size(target), log);
        assertEquals(bigSha, PatternFiles.sha256(target), log);
        assertTrue(log.contains("write: " + GIB + " bytes (1 GiB)"), log);
        Counters c = counters(log, "write");
        assertEquals(GIB, c.bytes(), log);
        assertTrue(c.redispatched() > 0, "no chunk was re-dispatched after the kill:\n" + log);
        Files.delete(target);
    }

    @Test
    @Order(6)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theRemainingNodesLeaveGracefullyAndExitZero() throws Exception {
        NodeProcesses.Node worker = workers.values().iterator().next();
        NodeProcesses.signal(worker, "TERM");
        NodeProcesses.signal(coordinator, NodeProcesses.ignoresSigint(coordinator) ? "TERM" : "INT");
        assertEquals(0, NodeProcesses.awaitExit(worker, Duration.ofSeconds(60)), worker.tail());
        assertEquals(0, NodeProcesses.awaitExit(coordinator, Duration.ofSeconds(60)), coordinator.tail());
        assertTrue(worker.logText().contains("left the cluster"), worker.tail());
        assertTrue(coordinator.logText().contains("left the cluster"), coordinator.tail());
    }

    private Cli.Result run(String... args) {
        Cli.Result r = Cli.run(NodeProcesses.JVM, null, args);
        if (r.exit() != 0) {
            fail(r.describe() + processes.tails());
        }
        return r;
    }

    /** Polls `stats --join` until the cluster lists {@code count} worker nodes. */
    private void awaitWorkerNodes(int count) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        String expected = count + " worker node(s)";
        Cli.Result r;
        while (!(r = Cli.run(NodeProcesses.JVM, null, "stats", "--join", seed, "--tls", tls)).out().contains(expected)) {
            if (System.nanoTime() > deadline) {
                fail("the cluster never listed " + count + " worker nodes: " + r.describe() + "\n" + r.out()
                        + processes.tails());
            }
            Thread.sleep(1000);
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (Exception e) {
            return 0;
        }
    }

    /** Waits until {@code out}, a sparse pre-sized read target, has {@code bytes} allocated. */
    private static void awaitLanded(NodeProcesses.Node reader, Path out, long bytes) throws Exception {
        awaitProgress(reader, () -> {
            ExternalTools.Result du = ExternalTools.run(Duration.ofSeconds(10), "du", "--block-size=1", out.toString());
            return du.ok() ? Long.parseLong(du.stdoutText().split("\\s+")[0]) : 0;
        }, bytes);
    }

    @FunctionalInterface
    private interface Progress {
        long get() throws Exception;
    }

    private static void awaitProgress(NodeProcesses.Node client, Progress progress, long atLeast) throws Exception {
        long deadline = System.nanoTime() + REQUEST.toNanos();
        while (progress.get() < atLeast) {
            if (!client.process().isAlive()) {
                fail(client.name() + " ended before " + atLeast + " bytes had gone\n" + client.tail());
            }
            if (System.nanoTime() > deadline) {
                fail(client.name() + " did not reach " + atLeast + " bytes in time\n" + client.tail());
            }
            Thread.sleep(20);
        }
    }

    /** The --stats table's row of the worker node on {@code port}: group 1 is its chunks, group 2 its bytes. */
    private static Pattern servedRow(int port) {
        return Pattern.compile("pekko://nfsdirect@127\\.0\\.0\\.1:" + port + "\\s+\\S+\\s+(\\d+)\\s+(\\d+)");
    }

    private record Counters(long chunks, long redispatched, long verifierMismatches, long bytes) {
    }

    private static Counters counters(String text, String op) {
        Matcher m = COUNTERS.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(op)) {
                return new Counters(Long.parseLong(m.group(2)), Long.parseLong(m.group(7)),
                        Long.parseLong(m.group(6)), Long.parseLong(m.group(8)));
            }
        }
        throw new AssertionError("no '" + op + " request:' counters in:\n" + text);
    }

    /** Node address to chunks served, from `stats` output. */
    private static Map<String, Long> chunksServed(String statsOut) {
        Map<String, Long> served = new LinkedHashMap<>();
        String node = null;
        for (String line : statsOut.split("\n")) {
            if (line.startsWith("nfs-direct node ")) {
                node = line.substring("nfs-direct node ".length()).split(" ")[0];
            } else if (node != null && line.strip().startsWith("chunks served")) {
                served.put(node, Long.parseLong(line.strip().split("\\s+")[2]));
            }
        }
        return served;
    }
}
