package io.nfsdirect.bench;

import io.nfsdirect.coordinator.cluster.ClusterKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scale-out section: the cluster on separate hosts ({@link HostTopology}), each worker node
 * with its own 400 Mbit/s link, the two NFS servers with 4 Gbit/s links (a filer's wider pipe).
 * The same whole commands, JVM start and cluster join included, run on 1, 2 and 3 worker nodes,
 * alternating: {@code sum --chunks} (the Digest sink: the data stays on the node that read it),
 * an NFS to NFS {@code cp} between the two servers (the Copy sink), and a {@code read} into a
 * file on the client, whose own link every byte must cross. Then one 3-node sum with a worker
 * killed -9 a third of the way into its share: how soon its chunks went out again, and what the
 * kill cost the run.
 */
final class HostsScale {

    static final long FILE = 2L << 30;
    static final String RATE = "400mbit";
    static final String SERVER_RATE = "4gbit";
    static final List<String> WORKERS = List.of("w1", "w2", "w3");
    private static final Duration START = Duration.ofSeconds(180);
    private static final long RUN_TIMEOUT = 600;
    private static final String PORT = "2552";

    /** The failover run: first re-dispatch after the kill, and the run's time against the median 3-node sum. */
    record Failover(long redispatchMs, double seconds, double baselineSeconds, String failure) {
    }

    private final Path repo;
    private final Findings f;
    private final Function<String[], List<String>> cli;
    private final Map<String, String> env;
    private final Meter meter = new Meter(OptionalLong.empty());
    private HostTopology hosts;
    private Path dir;
    private String tls;
    private String seed;

    private HostsScale(Path repo, Findings f, Function<String[], List<String>> cli, Map<String, String> env) {
        this.repo = repo;
        this.f = f;
        this.cli = cli;
        this.env = env;
    }

    /** Runs the section into {@code f}, or records why it cannot run here. */
    static void run(Plan plan, Findings f, Path repo, Function<String[], List<String>> cli, Map<String, String> env) {
        if (!"root".equals(System.getProperty("user.name"))) {
            f.hostsSkipped = "needs root (network namespaces and tc)";
            return;
        }
        HostsScale s = new HostsScale(repo, f, cli, env);
        try {
            s.setUp();
            s.measure(Math.min(plan.reps(), 2));
            s.failover();
        } catch (Exception e) {
            f.hostsSkipped = "stopped: " + e.getMessage();
            RoundRobin.log("hosts: %s", f.hostsSkipped);
        } finally {
            s.tearDown();
        }
    }

    private void setUp() throws Exception {
        dir = Files.createTempDirectory("nfsdirect-bench-hosts-");
        Path source = Files.createDirectory(dir.resolve("export"));
        Path target = Files.createDirectory(dir.resolve("export2"));
        RoundRobin.log("hosts: writing the %s file", Plan.human(FILE));
        Setup.fillRandom(source.resolve("f.bin"), FILE, 12);
        // serve squashes root: the calls arrive as 65534, whose exports they are.
        for (Path p : List.of(source, source.resolve("f.bin"), target)) {
            Files.setAttribute(p, "unix:uid", 65534);
            Files.setAttribute(p, "unix:gid", 65534);
        }
        tls = ClusterKeys.generate(dir.resolve("keys")).toString();
        Path logs = Files.createDirectory(dir.resolve("logs"));
        List<String> specs = new ArrayList<>(List.of("nfs=" + SERVER_RATE, "nfs2=" + SERVER_RATE, "seed"));
        specs.addAll(WORKERS);
        specs.add("client");
        hosts = HostTopology.up(repo, "ndb-", specs, logs);
        f.hostsShape = String.format("%s file; %d worker nodes, a coordinator (seed) and the client each on a host "
                + "of its own with a %s link (tc tbf, both ways); the two embedded NFS servers on %s links", Plan.human(FILE),
                WORKERS.size(), RATE, SERVER_RATE);
        hosts.start("nfs", "nfs", cmd("serve", "--export", source.toString(), "--name", "/export", "--bind",
                hosts.address("nfs"), "--port", "2049", "--state-dir", dir.resolve("nfs-state").toString()), env);
        hosts.start("nfs2", "nfs2", cmd("serve", "--export", target.toString(), "--name", "/export", "--bind",
                hosts.address("nfs2"), "--port", "2049", "--state-dir", dir.resolve("nfs2-state").toString()), env);
        seed = hosts.address("seed") + ":" + PORT;
        hosts.start("seed", "seed", cmd("node", "--roles", "coordinator", "--bind", hosts.address("seed"), "--port",
                PORT, "--seed", seed, "--tls", tls), env);
        for (String w : WORKERS) {
            startWorker(w);
        }
        awaitWorkers();
    }

    private void startWorker(String w) throws IOException, InterruptedException {
        hosts.start(w, w, cmd("node", "--roles", "worker", "--bind", hosts.address(w), "--port", PORT, "--seed", seed,
                "--tls", tls), env);
    }

    private void awaitWorkers() throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        while (true) {
            try {
                Path out = Files.createTempFile(dir, "stats-", ".out");
                Timed.child(meter, client("stats"), env, 0, out.toFile(), 60, null);
                if (Files.readString(out).contains(WORKERS.size() + " worker node(s)")) {
                    return;
                }
            } catch (IOException e) {
                // Not joined yet: try again.
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the coordinator never listed " + WORKERS.size() + " worker nodes");
            }
            Thread.sleep(1000);
        }
    }

    private void measure(int reps) throws Exception {
        Result join = result("join", "`stats`: JVM start, join, one query, leave (no transfer)");
        String url = "nfs://" + hosts.address("nfs") + ":2049/export/f.bin";
        for (int rep = 1; rep <= reps; rep++) {
            timed(join, client("stats"), 0);
            for (int n = 1; n <= WORKERS.size(); n++) {
                String nodes = nodes(n);
                timed(result("sum-" + n, "`sum --chunks` on " + n + " worker node(s)"),
                        client("sum", url, "--chunks", "--rsize", "1m", "--nodes", nodes), FILE);
                String copy = "copy-" + n + "-" + rep + ".bin";
                timed(result("cp-" + n, "`cp` NFS → NFS (two servers) on " + n + " worker node(s)"),
                        client("cp", url, "nfs://" + hosts.address("nfs2") + ":2049/export/" + copy, "--rsize", "1m",
                                "--wsize", "1m", "--quiet", "--nodes", nodes), FILE);
                Files.deleteIfExists(dir.resolve("export2").resolve(copy));
                if (rep == 1 && n != 2) {
                    Path local = dir.resolve("read-" + n + ".bin");
                    timed(result("read-" + n, "`read -o FILE` on the client, " + n + " worker node(s)"),
                            client("read", url, "-o", local.toString(), "--rsize", "1m", "--quiet", "--nodes", nodes),
                            FILE);
                    Files.deleteIfExists(local);
                }
            }
        }
    }

    /**
     * A 3-node sum with w1 killed -9 once its link has received a third of its share; its first
     * re-dispatch is read from the coordinator's log. w1 is restarted afterwards.
     */
    private void failover() throws Exception {
        Result base = f.hostRuns.get("sum-" + WORKERS.size());
        double baseline = base != null && base.ok() ? base.medianSeconds() : Double.NaN;
        String url = "nfs://" + hosts.address("nfs") + ":2049/export/f.bin";
        List<String> command = client("sum", url, "--chunks", "--rsize", "1m", "--nodes", nodes(WORKERS.size()));
        f.commands.put("hosts: failover, w1 killed -9 during", Timed.shellLine(env, command));
        long rx0 = hosts.received("w1");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("failover.out").toFile())
                .redirectError(dir.resolve("failover.err").toFile());
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process sum = pb.start();
        while (hosts.received("w1") - rx0 < FILE / WORKERS.size() / 3) {
            if (!sum.isAlive() || System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(RUN_TIMEOUT)) {
                f.failover = new Failover(-1, Double.NaN, baseline, "the sum ended before w1 could be killed");
                return;
            }
            Thread.sleep(20);
        }
        LocalTime killedAt = LocalTime.now();
        hosts.kill("w1");
        boolean done = sum.waitFor(RUN_TIMEOUT, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!done || sum.exitValue() != 0) {
            sum.destroyForcibly();
            f.failover = new Failover(-1, seconds, baseline, "the sum failed after the kill: "
                    + Timed.tail(Files.readString(dir.resolve("failover.err"))));
            return;
        }
        Matcher m = Pattern.compile("(?m)^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) WARN .* is on an unreachable node on \\S*@"
                + Pattern.quote(hosts.address("w1")) + ":").matcher(hosts.logText("seed"));
        long ms = -1;
        while (ms < 0 && m.find()) {
            long after = Duration.between(killedAt, LocalTime.parse(m.group(1))).toMillis();
            ms = after >= 0 ? after : -1;
        }
        f.failover = new Failover(ms, seconds, baseline, ms < 0 ? "no chunk was sent again after the kill" : null);
        RoundRobin.log("hosts: w1 killed -9: first re-dispatch after %d ms; the sum took %.1f s (%.1f s without)",
                ms, seconds, baseline);
        startWorker("w1");
        awaitWorkers();
    }

    private void timed(Result r, List<String> command, long bytes) {
        f.commands.putIfAbsent("hosts: " + r.label(), Timed.shellLine(env, command));
        try {
            Sample s = Timed.child(meter, command, env, bytes, null, RUN_TIMEOUT, null);
            r.add(s);
            RoundRobin.log("hosts: %-55s %6.1f s%s", r.label(), s.seconds(),
                    bytes > 0 ? String.format("  %5.0f MB/s", s.mbPerSecond()) : "");
        } catch (Exception e) {
            r.fail(e.getMessage());
            RoundRobin.log("hosts: %s failed: %s", r.label(), e.getMessage());
        }
    }

    private Result result(String key, String label) {
        return f.hostRuns.computeIfAbsent(key, k -> new Result(k, label));
    }

    private String nodes(int n) {
        List<String> out = new ArrayList<>();
        for (String w : WORKERS.subList(0, n)) {
            out.add(hosts.address(w) + ":" + PORT);
        }
        return String.join(",", out);
    }

    /** A client command in the client's namespace, joining through the seed. */
    private List<String> client(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--join", seed, "--bind", hosts.address("client"), "--tls", tls));
        return hosts.in("client", cli.apply(all.toArray(String[]::new)));
    }

    private List<String> cmd(String... args) {
        return cli.apply(args);
    }

    private void tearDown() {
        try {
            if (hosts != null) {
                hosts.close();
            }
        } catch (Exception e) {
            RoundRobin.log("hosts: removing the topology failed: %s", e.getMessage());
        }
        if (dir != null) {
            try {
                Setup.deleteTree(dir);
            } catch (Exception e) {
                RoundRobin.log("hosts: removing %s failed: %s", dir, e.getMessage());
            }
        }
    }
}
