package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nfsdirect.coordinator.cluster.ClusterKeys;
import io.nfsdirect.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster on separate hosts: {@code bin/netns-hosts} gives the NFS server, the coordinator,
 * three worker nodes and the client each a network namespace with its own tc-shaped link, as
 * containers would have. A {@code sum --chunks} (the Digest sink: each worker hashes what it
 * read) on one worker node, then on three, gives every chunk's right digest, and each worker's
 * data went through its own link: its link received at least the bytes it served, a node left
 * out received none of them, and the client, which only gets digests, received almost nothing.
 * The timings are printed; speed goes to the benchmark, never into an assertion.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetnsClusterIT {

    private static final long SIZE = 96L << 20;
    private static final int CHUNK = 1 << 20;
    private static final List<String> WORKERS = List.of("w1", "w2", "w3");
    private static final Duration START = Duration.ofSeconds(120);

    private final String prefix = "nd" + (ProcessHandle.current().pid() % 100_000) + "-";
    private Path dir;
    private NodeProcesses processes;
    private String tls;
    private String url;
    private final Map<String, String> address = new LinkedHashMap<>();
    private List<String> expected;

    @BeforeAll
    void startTopology() throws Exception {
        if (ProcessHandle.current().info().user().map(u -> !u.equals("root")).orElse(true)) {
            throw ExternalTools.unavailable("network namespaces and tc need root");
        }
        dir = Files.createTempDirectory("nfsdirect-netns-it-");
        Path export = Files.createDirectory(dir.resolve("export"));
        PatternFiles.write(export.resolve("f.bin"), SIZE, 12);
        expected = chunkDigests(export.resolve("f.bin"));
        // serve squashes root: the calls arrive as 65534, whose export it is.
        ExternalTools.run(Duration.ofSeconds(10), "chown", "-R", "65534:65534", export.toString());
        tls = ClusterKeys.generate(dir.resolve("keys")).toString();
        processes = new NodeProcesses(Files.createDirectory(dir.resolve("logs")));
        List<String> hosts = new ArrayList<>(List.of("nfs", "seed"));
        hosts.addAll(WORKERS);
        hosts.add("client");
        hosts(Duration.ofSeconds(60), "down");
        hosts(Duration.ofSeconds(60), concat(List.of("up"), hosts).toArray(String[]::new));
        for (String h : hosts) {
            address.put(h, hosts(Duration.ofSeconds(10), "addr", h).trim());
        }
        url = "nfs://" + address.get("nfs") + ":2049/export/f.bin";
        processes.startCommand("nfs", false, in("nfs", "serve", "--export", export.toString(), "--name", "/export",
                "--bind", address.get("nfs"), "--port", "2049", "--state-dir", dir.resolve("nfs-state").toString()));
        String seed = address.get("seed") + ":2552";
        List<NodeProcesses.Node> nodes = new ArrayList<>();
        nodes.add(processes.startCommand("seed", false, in("seed", "node", "--roles", "coordinator", "--bind",
                address.get("seed"), "--port", "2552", "--seed", seed, "--tls", tls, "--http",
                address.get("seed") + ":8558")));
        for (String w : WORKERS) {
            nodes.add(processes.startCommand(w, false, in(w, "node", "--roles", "worker", "--bind", address.get(w),
                    "--port", "2552", "--seed", seed, "--tls", tls, "--http", address.get(w) + ":8558")));
        }
        for (NodeProcesses.Node n : nodes) {
            NodeProcesses.awaitLog(n, "Up: a member", START);
        }
        long deadline = System.nanoTime() + START.toNanos();
        while (workerNodes() < WORKERS.size()) {
            assertTrue(System.nanoTime() < deadline, "the coordinator never listed 3 workers\n" + processes.tails());
            Thread.sleep(500);
        }
    }

    @AfterAll
    void stopTopology() throws Exception {
        try {
            if (processes != null) {
                processes.close();
            }
        } finally {
            if (dir != null) {
                hosts(Duration.ofSeconds(60), "down");
                ExternalTools.run(Duration.ofSeconds(60), "rm", "-rf", dir.toString());
            }
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void eachWorkersChunksGoThroughItsOwnShapedLinkAndEveryDigestIsRight() throws Exception {
        long one = sumOn(List.of("w1"));
        long three = sumOn(WORKERS);
        System.out.printf("NetnsClusterIT: sum --chunks of %d MiB: 1 worker %d ms, 3 workers %d ms (%.2fx)%n",
                SIZE >> 20, one, three, (double) one / three);
    }

    /** One {@code sum --chunks} on {@code workers} only; returns its wall time in ms. */
    private long sumOn(List<String> workers) throws Exception {
        Map<String, long[]> linkBefore = links();
        Map<String, Long> servedBefore = served();
        List<String> nodes = workers.stream().map(w -> address.get(w) + ":2552").toList();
        long start = System.nanoTime();
        Cli.Result r = client("sum", url, "--chunks", "--rsize", "1m", "--nodes", String.join(",", nodes));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(0, r.exit(), r.describe() + processes.tails());
        assertEquals(expected, r.out().lines().toList(), "every chunk's digest, in offset order");
        Map<String, long[]> linkAfter = links();
        Map<String, Long> servedAfter = served();
        long total = 0;
        for (String w : WORKERS) {
            long served = servedAfter.get(w) - servedBefore.get(w);
            long received = linkAfter.get(w)[0] - linkBefore.get(w)[0];
            if (workers.contains(w)) {
                assertTrue(served > 0, w + " served nothing of a sum on " + workers);
                assertTrue(received >= served, w + " served " + served + " bytes but its link received only "
                        + received);
            } else {
                assertEquals(0, served, w + " is not in --nodes " + workers);
                assertTrue(received < (1 << 20), w + "'s link received " + received + " bytes of a sum on " + workers);
            }
            total += served;
        }
        assertEquals(SIZE, total, "the workers served the file once");
        long clientReceived = linkAfter.get("client")[0] - linkBefore.get("client")[0];
        assertTrue(clientReceived < SIZE / 20, "the digests, not the data, came to the client: " + clientReceived);
        return ms;
    }

    /** Each host's link counters, {RX, TX} bytes. */
    private Map<String, long[]> links() throws Exception {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String h : List.of("w1", "w2", "w3", "client")) {
            String[] f = hosts(Duration.ofSeconds(10), "bytes", h).trim().split(" ");
            out.put(h, new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
        }
        return out;
    }

    /** Each worker's bytes served, from {@code stats --json}. */
    private Map<String, Long> served() throws Exception {
        Cli.Result r = client("stats", "--json");
        assertEquals(0, r.exit(), r.describe());
        Map<String, Long> out = new LinkedHashMap<>();
        for (JsonNode n : new ObjectMapper().readTree(r.out()).get("workerNodes")) {
            for (String w : WORKERS) {
                if (n.get("node").asText().endsWith("@" + address.get(w) + ":2552")) {
                    out.put(w, n.get("bytesServed").asLong());
                }
            }
        }
        assertEquals(WORKERS.size(), out.size(), r.out());
        return out;
    }

    private int workerNodes() throws Exception {
        Cli.Result r = client("stats");
        return r.exit() != 0 ? 0 : r.out().contains("3 worker node(s)") ? 3 : 0;
    }

    /** A client command in the client's namespace, joining through the seed. */
    private Cli.Result client(String... args) {
        List<String> all = concat(List.of(args), List.of("--join", address.get("seed") + ":2552", "--bind",
                address.get("client"), "--tls", tls));
        return Cli.runCommand(in("client", all.toArray(String[]::new)), null);
    }

    /** {@code nfsdirect args} run in {@code host}'s namespace. */
    private List<String> in(String host, String... args) {
        return concat(List.of(script().toString(), "exec", "--prefix", prefix, host), Cli.command(NodeProcesses.JVM,
                args));
    }

    private String hosts(Duration timeout, String... args) {
        List<String> command = concat(List.of(script().toString(), args[0], "--prefix", prefix),
                List.of(args).subList(1, args.length));
        ExternalTools.Result r = ExternalTools.run(timeout, command.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.describe());
        return r.stdoutText();
    }

    private static Path script() {
        return Repo.root().resolve("bin/netns-hosts");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The file's chunks as {@code sum --chunks} prints them: {@code <sha256>  <offset> <length>}. */
    private static List<String> chunkDigests(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        byte[] all = Files.readAllBytes(file);
        for (int off = 0; off < all.length; off += CHUNK) {
            int n = Math.min(CHUNK, all.length - off);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(all, off, n);
            out.add(HexFormat.of().formatHex(sha.digest()) + "  " + off + " " + n);
        }
        return out;
    }
}
