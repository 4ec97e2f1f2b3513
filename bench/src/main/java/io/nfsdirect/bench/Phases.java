package io.nfsdirect.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.mount3.Mountres3;

/** Builds the contenders of each phase of a run, runs them and records what was run. */
final class Phases {

    private static final long CHILD_TIMEOUT = 1800;
    private static final String CLI_RSIZE_NOTE = "run with `--rsize 1m` like every nfs-direct row, which is also "
            + "the command's default against NFS-Ganesha (its preferred READ size, FSINFO rtpref, is 64 MiB; "
            + "nfs-direct takes a preference up to 1 MiB, as Linux does).";

    private final Setup setup;
    private final Plan plan;
    private final Findings findings;
    private final Path repo;
    private final List<AutoCloseable> owned = new ArrayList<>();

    RawReader ganeshaRaw;
    Nodes.Running localNode;

    Phases(Setup setup, Plan plan, Findings findings, Path repo) {
        this.setup = setup;
        this.plan = plan;
        this.findings = findings;
        this.repo = repo;
    }

    static IoOptions readOptions() {
        return IoOptions.DEFAULT.withRsize(Plan.RSIZE).withWindow(Plan.WINDOW);
    }

    void ganeshaReads() {
        String rel = Setup.READ_FILE;
        String url = setup.ganeshaUrl(rel);
        Meter meter = setup.ganeshaMeter;
        long size = plan.readBytes();
        List<Contender> list = new ArrayList<>();
        list.add(child("ceiling", "1. local page-cache read (`cat` > /dev/null): the ceiling",
                List.of("cat", setup.readFile.toString()), size, meter));
        list.add(child("libnfs", "2. libnfs 4.0 `nfs-cat` > /dev/null",
                List.of("nfs-cat", setup.ganesha.libnfsUrl(rel)), size, meter));
        Result emcFailure = null;
        try {
            Mountres3 mnt = ganeshaRawClient().client().mnt(setup.ganesha.exportPath()).toCompletableFuture().join();
            list.add(new EmcReader("3. nfs-client-java 1.1.0, " + Plan.EMC_THREADS + " threads × 1 MiB READs",
                    "127.0.0.1", setup.ganesha.nfsPort(), setup.ganesha.exportPath(), mnt.fhandle, rel, size,
                    Plan.EMC_THREADS, Plan.RSIZE, meter));
        } catch (Exception | Error e) {
            emcFailure = new Result("emc", "3. nfs-client-java 1.1.0");
            emcFailure.fail(RoundRobin.describe(e));
        }
        Result rawFailure = null;
        try {
            list.add(ganeshaRawClient());
        } catch (RuntimeException e) {
            rawFailure = new Result("raw", "4. Nfs3Client alone");
            rawFailure.fail(RoundRobin.describe(e));
        }
        localNode = Nodes.local(Plan.CONNECTIONS);
        owned.add(localNode.closer());
        list.add(new DirectReader("direct", "5. nfs-direct, 1 node, full actor path (window 16, 2 conn, 1 MiB)",
                localNode.client(), localNode.consumer(), url, size, readOptions(), meter));
        Result clusterFailure = null;
        AutoCloseable clusterCloser = null;
        try {
            Nodes.Running cluster = Nodes.cluster(Plan.CONNECTIONS);
            clusterCloser = cluster.closer();
            list.add(new DirectReader("cluster", "6. nfs-direct, 3 local cluster nodes over Artery (window 16, 2 conn, 1 MiB)",
                    cluster.client(), cluster.consumer(), url, size, readOptions(), meter));
        } catch (Exception | Error e) {
            clusterFailure = new Result("cluster", "6. nfs-direct, 3 local cluster nodes over Artery");
            clusterFailure.fail(RoundRobin.describe(e));
        }
        list.add(child("cli", "7. `bin/nfsdirect read URL -o /dev/null` (whole process, JVM start included)",
                cli("read", url, "-o", "/dev/null", "--rsize", "1m", "--quiet"), size,
                meter));
        Map<String, Result> results = RoundRobin.run("ganesha-read", list, plan.reps());
        findings.ganeshaReads.putAll(ordered(results, emcFailure, rawFailure, clusterFailure));
        Result direct = findings.ganeshaReads.get("direct");
        direct.note("Stream sink into an actor that acknowledges and drops each chunk; CPU and RSS are the "
                + "whole benchmark JVM's (the idle cluster nodes and embedded server included).");
        Result emc = findings.ganeshaReads.get("emc");
        if (emc != null) {
            emc.note("the library's one shared connection; its NFS port is pinned by reflection (it only asks "
                    + "the portmapper, which other Ganesha instances on this machine re-register).");
        }
        Result cluster = findings.ganeshaReads.get("cluster");
        if (cluster != null) {
            cluster.note("three actor systems in this one JVM, joined over Artery TCP on loopback; the request "
                    + "runs on the first, chunks are placed on all three, so about 2/3 of the data crosses Artery.");
        }
        Result cli = findings.ganeshaReads.get("cli");
        if (cli != null) {
            cli.note(CLI_RSIZE_NOTE);
        }
        closeAllAfter(list, List.of(ganeshaRaw));
        if (clusterCloser != null) {
            // Its gossip and heartbeats would otherwise run through every later phase.
            try {
                clusterCloser.close();
            } catch (Exception e) {
                RoundRobin.log("stopping the cluster: %s", RoundRobin.describe(e));
            }
        }
    }

    void embeddedReads() {
        String rel = Setup.READ_FILE;
        long size = plan.readBytes();
        Meter meter = setup.embeddedMeter;
        List<Contender> list = new ArrayList<>();
        list.add(child("ceiling", "1. local page-cache read (`cat` > /dev/null): the ceiling",
                List.of("cat", setup.readFile.toString()), size, meter));
        list.add(child("libnfs", "2. libnfs 4.0 `nfs-cat` > /dev/null",
                List.of("nfs-cat", setup.embedded.libnfsUrl(rel)), size, meter));
        try {
            list.add(new RawReader("raw", "4. Nfs3Client alone (window 16, 2 conn, 1 MiB)",
                    setup.embeddedUrl(rel), size, Plan.WINDOW, Plan.CONNECTIONS, Plan.RSIZE, meter));
        } catch (Exception e) {
            RoundRobin.log("embedded raw reader not started: %s", RoundRobin.describe(e));
        }
        list.add(new DirectReader("direct", "5. nfs-direct, 1 node, full actor path (window 16, 2 conn, 1 MiB)",
                localNode.client(), localNode.consumer(), setup.embeddedUrl(rel), size, readOptions(), meter));
        findings.embeddedReads.putAll(RoundRobin.run("embedded-read", list, plan.reps()));
        for (Result r : findings.embeddedReads.values()) {
            if (!r.key().equals("ceiling") && !r.key().equals("libnfs")) {
                r.note("the server runs in the benchmark JVM, so its CPU is in the client CPU figure.");
            }
        }
        closeAllAfter(list, List.of());
    }

    void writes() throws Exception {
        long size = plan.writeBytes();
        Meter meter = setup.ganeshaMeter;
        String src = setup.writeSource.toString();
        List<Contender> list = new ArrayList<>();
        list.add(new ChildContender("libnfs-cp", "libnfs 4.0 `nfs-cp` local → NFS",
                rep -> List.of("nfs-cp", src, setup.ganesha.libnfsUrl(setup.upload("libnfs-" + rep + ".bin"))),
                size, meter, CHILD_TIMEOUT,
                rep -> java.nio.file.Files.deleteIfExists(setup.ganesha.local(setup.upload("libnfs-" + rep + ".bin")))));
        IoOptions w = IoOptions.DEFAULT.withWsize(Plan.RSIZE).withWindow(Plan.WINDOW).withCreate(true);
        list.add(new DirectWriter("direct-write", "nfs-direct, 1 node, UNSTABLE WRITEs + COMMIT (window 16, 1 MiB)",
                localNode.client(), setup.writeSource, rep -> setup.ganeshaUrl(setup.upload("direct-" + rep + ".bin")),
                rep -> setup.ganesha.local(setup.upload("direct-" + rep + ".bin")), w, meter));
        list.add(new DirectWriter("direct-stable", "nfs-direct, 1 node, `--stable` (FILE_SYNC WRITEs), reported apart",
                localNode.client(), setup.writeSource, rep -> setup.ganeshaUrl(setup.upload("stable-" + rep + ".bin")),
                rep -> setup.ganesha.local(setup.upload("stable-" + rep + ".bin")), w.withStable(true), meter));
        list.add(new ChildContender("cli-write", "`bin/nfsdirect write URL -i FILE` (whole process)",
                rep -> cli("write", setup.ganeshaUrl(setup.upload("cli-" + rep + ".bin")), "-i", src, "--wsize", "1m", "--quiet"),
                size, meter, CHILD_TIMEOUT,
                rep -> java.nio.file.Files.deleteIfExists(setup.ganesha.local(setup.upload("cli-" + rep + ".bin")))));
        for (Contender c : list) {
            if (c instanceof ChildContender cc) {
                findings.commands.putIfAbsent("write: " + cc.key(), cc.commandLine());
            }
        }
        findings.writes.putAll(RoundRobin.run("write", list, plan.reps()));
        Result cli = findings.writes.get("cli-write");
        if (cli != null) {
            cli.note(CLI_RSIZE_NOTE.replace("rsize", "wsize").replace("READ", "WRITE").replace("rtpref", "wtpref"));
        }
    }

    RawReader ganeshaRawClient() throws IllegalStateException {
        if (ganeshaRaw == null) {
            try {
                ganeshaRaw = new RawReader("raw", "4. Nfs3Client alone, no actors (window 16, 2 conn, 1 MiB)",
                        setup.ganeshaUrl(Setup.READ_FILE), plan.readBytes(), Plan.WINDOW, Plan.CONNECTIONS,
                        Plan.RSIZE, setup.ganeshaMeter);
            } catch (Exception e) {
                throw new IllegalStateException("Nfs3Client cannot open the Ganesha file: " + e, e);
            }
        }
        return ganeshaRaw;
    }

    /**
     * The nfsdirect command line. bin/nfsdirect is {@code exec java -jar cli/target/nfsdirect.jar};
     * bench/run hands over a copy of that jar so that a rebuild of the CLI during a run cannot
     * break it, or an empty value when no CLI jar could be built (the run then fails those rows).
     * Run outside bench/run, bin/nfsdirect itself is used.
     */
    private List<String> cli(String... args) {
        List<String> command = new ArrayList<>();
        String jar = System.getProperty("bench.cli-jar");
        if (jar == null) {
            command.add(repo.resolve("bin/nfsdirect").toString());
        } else if (jar.isEmpty()) {
            command.addAll(List.of("sh", "-c", "echo 'no CLI jar: cli/target/nfsdirect.jar did not build' >&2; exit 1"));
        } else {
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        }
        command.addAll(List.of(args));
        return command;
    }

    private ChildContender child(String key, String label, List<String> command, long bytes, Meter meter) {
        ChildContender c = new ChildContender(key, label, rep -> command, bytes, meter, CHILD_TIMEOUT, null);
        findings.commands.putIfAbsent(label.replaceAll("`", "") + " [" + (meter == setup.ganeshaMeter
                ? "Ganesha" : "embedded") + "]", c.commandLine());
        return c;
    }

    private static Map<String, Result> ordered(Map<String, Result> results, Result emc, Result raw, Result cluster) {
        Map<String, Result> out = new java.util.LinkedHashMap<>();
        for (String key : List.of("ceiling", "libnfs", "emc", "raw", "direct", "cluster", "cli")) {
            Result r = results.get(key);
            if (r == null && key.equals("emc")) {
                r = emc;
            }
            if (r == null && key.equals("raw")) {
                r = raw;
            }
            if (r == null && key.equals("cluster")) {
                r = cluster;
            }
            if (r != null) {
                out.put(key, r);
            }
        }
        return out;
    }

    /** Closes a phase's contenders except those kept for later phases (nodes are closed at the end). */
    private static void closeAllAfter(List<Contender> list, List<Contender> keep) {
        for (Contender c : list) {
            if (keep.contains(c)) {
                continue;
            }
            try {
                c.close();
            } catch (RuntimeException e) {
                RoundRobin.log("closing %s: %s", c.key(), RoundRobin.describe(e));
            }
        }
    }

    /** Stops the nodes and clients kept across phases. */
    void closeOwned() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                RoundRobin.log("stopping: %s", RoundRobin.describe(e));
            }
        }
        if (ganeshaRaw != null) {
            ganeshaRaw.close();
        }
    }
}
