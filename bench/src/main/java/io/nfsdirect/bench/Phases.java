package io.nfsdirect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.mount3.Mountres3;

/** Builds the contenders of each phase of a run, runs them and records what was run. */
final class Phases {

    private static final long CHILD_TIMEOUT = 1800;
    /** bin/nfsdirect runs the jar this names instead of cli/target/nfsdirect.jar, without building. */
    static final String JAR_ENV = "NFSDIRECT_JAR";
    /** bin/nfsdirect passes these options to the JVM. */
    static final String OPTS_ENV = "NFSDIRECT_JAVA_OPTS";
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
                List.of("cat", setup.readFile.toString()), size, meter, Map.of()));
        list.add(child("libnfs", "2. libnfs 4.0 `nfs-cat` > /dev/null",
                List.of("nfs-cat", setup.ganesha.libnfsUrl(rel)), size, meter, Map.of()));
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
        List<String> cliRead = cli("read", url, "-o", "/dev/null", "--rsize", "1m", "--quiet");
        list.add(child("cli", "7. `bin/nfsdirect read URL -o /dev/null` (whole process, JVM start included)",
                cliRead, size, meter, cliEnv()));
        // The same command with its phase marks on: timed apart, so the marks cannot cost the row above.
        list.add(child("cli-phases", "7. `bin/nfsdirect read URL -o /dev/null` with " + Startup.PHASE_ENV
                + "=1 (start-up phases)", cliRead, size, meter, withPhases(cliEnv()))
                .observedBy((rep, sample, err) -> findings.bigPhases.add(Startup.parse(err), sample.seconds())));
        Map<String, Result> results = RoundRobin.run("ganesha-read", list, plan.reps());
        phasesFailure(results.get("cli-phases"), findings.bigPhases);
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
            cluster.note("three actor systems in this one JVM, joined over Artery TLS (mutual authentication, keys made for the run) on loopback; the request "
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
                List.of("cat", setup.readFile.toString()), size, meter, Map.of()));
        list.add(child("libnfs", "2. libnfs 4.0 `nfs-cat` > /dev/null",
                List.of("nfs-cat", setup.embedded.libnfsUrl(rel)), size, meter, Map.of()));
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
        // The same bytes into the export's own file system and onto its disk without NFS, for
        // comparison; not a ceiling (NFS writers have gone faster than it).
        list.add(new ChildContender("disk", "local `dd conv=fsync` into the export's file system (no NFS)",
                rep -> List.of("dd", "if=" + src, "of=" + setup.ganesha.local(setup.upload("disk-" + rep + ".bin")),
                        "bs=1M", "conv=fsync", "status=none"),
                size, meter, CHILD_TIMEOUT,
                rep -> java.nio.file.Files.deleteIfExists(setup.ganesha.local(setup.upload("disk-" + rep + ".bin")))));
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
                rep -> java.nio.file.Files.deleteIfExists(setup.ganesha.local(setup.upload("cli-" + rep + ".bin"))))
                .withEnv(cliEnv()));
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

    /** The tree section: see {@link TreeRaces} and {@link ListingMemory}. */
    void trees() throws Exception {
        TreeRaces.run(setup, plan, findings, this::cli, cliEnv());
        ListingMemory.run(setup, plan, findings, this::cli, cliEnv());
    }

    /** The cluster on separate hosts: see {@link HostsScale}. */
    void hosts() {
        HostsScale.run(plan, findings, repo, this::cli, cliEnv());
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
     * The launcher's first run, once and untimed, so that whatever it does on first use (such as
     * writing a start-up archive beside the jar) is not in any timed row; its time and the files
     * it left beside the jar are reported. Then one more untimed 1-byte read tells which java the
     * CLI runs on (java.home, from -XshowSettings) and where its classes come from
     * (-Xlog:class+load), both passed through NFSDIRECT_JAVA_OPTS.
     */
    void cliWarmUp() {
        String url = setup.ganeshaUrl(Setup.TINY_FILE);
        List<String> command = tinyRead(url);
        Path launcher = repo.resolve("bin/nfsdirect");
        try {
            findings.launcherTakesJar = Files.readString(launcher).contains(JAR_ENV);
        } catch (IOException e) {
            findings.launcherTakesJar = null;
        }
        Path dir = jarDir();
        Map<String, Long> before = listing(dir);
        String line = Timed.shellLine(cliEnv(), command);
        findings.commands.put("CLI warm-up: the launcher's first run, once, untimed [Ganesha]", line);
        try {
            Sample s = Timed.child(setup.ganeshaMeter, command, cliEnv(), 1, null, CHILD_TIMEOUT, null);
            findings.cliWarmUp = new Startup.WarmUp(line, s.seconds(), s.cpuSeconds(), added(dir, before), null);
            RoundRobin.log("CLI warm-up: %.2f s, %.2f s CPU, new beside the jar: %s", s.seconds(), s.cpuSeconds(),
                    findings.cliWarmUp.newFiles());
        } catch (Exception e) {
            findings.cliWarmUp = new Startup.WarmUp(line, Double.NaN, Double.NaN, added(dir, before),
                    RoundRobin.describe(e));
            RoundRobin.log("CLI warm-up failed: %s", findings.cliWarmUp.failure());
        }
        String home = null;
        Path log = null;
        try {
            log = Files.createTempFile("bench-classes-", ".log");
            Map<String, String> env = withJavaOpts(cliEnv(), "-XshowSettings:properties -Xlog:class+load=info:file="
                    + log);
            findings.commands.put("CLI class loading and java.home: one more 1-byte read, untimed [Ganesha]",
                    Timed.shellLine(env, command).replace(log.toString(), "CLASSES.log"));
            String[] err = new String[1];
            Timed.child(setup.ganeshaMeter, command, env, 1, null, CHILD_TIMEOUT, t -> err[0] = t);
            home = Startup.javaHome(err[0]);
            findings.cliClasses = Startup.ClassLoads.count(Files.readAllLines(log));
            RoundRobin.log("CLI classes: %s", findings.cliClasses);
        } catch (Exception e) {
            findings.cliClassesFailure = RoundRobin.describe(e);
            RoundRobin.log("CLI class loading not counted: %s", findings.cliClassesFailure);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException e) {
                    // A temp file left behind.
                }
            }
        }
        if (home != null && Files.isExecutable(Path.of(home, "bin", "java"))) {
            findings.cliJava = Path.of(home, "bin", "java").toString();
            findings.cliJavaHow = "java.home as the CLI's own JVM printed it (-XshowSettings:properties)";
        } else {
            findings.cliJava = javaOnPath();
            findings.cliJavaHow = "the first java on PATH, which bin/nfsdirect runs (the CLI's JVM printed no "
                    + "java.home)";
        }
        RoundRobin.log("the CLI's java: %s (%s)", findings.cliJava, findings.cliJavaHow);
    }

    /**
     * The start-up race: reading the 1-byte file as a whole process, against {@code java -version}
     * of the same java (the floor of any JVM program) and nfs-cat of the same file, taking turns.
     */
    void startupRace() {
        String url = setup.ganeshaUrl(Setup.TINY_FILE);
        Meter meter = setup.ganeshaMeter;
        List<Contender> list = new ArrayList<>();
        list.add(child("java-version", "`java -version` (the JVM the CLI runs on, doing nothing: its floor)",
                List.of(findings.cliJava, "-version"), 1, meter, Map.of()));
        list.add(child("cli", "`bin/nfsdirect read URL -o /dev/null` of the 1-byte file (whole process)",
                tinyRead(url), 1, meter, cliEnv()));
        list.add(child("libnfs", "libnfs 4.0 `nfs-cat` of the 1-byte file > /dev/null",
                List.of("nfs-cat", setup.ganesha.libnfsUrl(Setup.TINY_FILE)), 1, meter, Map.of()));
        list.add(child("cli-phases", "`bin/nfsdirect read URL -o /dev/null` of the 1-byte file with "
                + Startup.PHASE_ENV + "=1 (start-up phases)", tinyRead(url), 1, meter, withPhases(cliEnv()))
                .observedBy((rep, sample, err) -> findings.tinyPhases.add(Startup.parse(err), sample.seconds())));
        Map<String, Result> results = RoundRobin.run("startup", list, plan.startupReps());
        phasesFailure(results.remove("cli-phases"), findings.tinyPhases);
        findings.startup.putAll(results);
    }

    /**
     * One more whole-process CLI read of the big file, untimed, under JFR (started by the CLI's
     * JVM at its start through NFSDIRECT_JAVA_OPTS, dumped when it exits).
     */
    Profiler.Profile cliProfile(Path dir, String what) throws Exception {
        return profileCli(dir.resolve("cli.jfr"), what, "read",
                cli("read", setup.ganeshaUrl(Setup.READ_FILE), "-o", "/dev/null", "--rsize", "1m", "--quiet"),
                plan.readBytes());
    }

    /** The same for one whole-process CLI write of the write file, to a new file removed afterwards. */
    Profiler.Profile cliWriteProfile(Path dir, String what) throws Exception {
        String name = setup.upload("cli-profile.bin");
        try {
            return profileCli(dir.resolve("cli-write.jfr"), what, "write", cli("write", setup.ganeshaUrl(name),
                    "-i", setup.writeSource.toString(), "--wsize", "1m", "--quiet"), plan.writeBytes());
        } finally {
            java.nio.file.Files.deleteIfExists(setup.ganesha.local(name));
        }
    }

    private Profiler.Profile profileCli(Path file, String what, String verb, List<String> command, long bytes)
            throws Exception {
        Files.deleteIfExists(file);
        Map<String, String> env = withJavaOpts(cliEnv(), "-XX:StartFlightRecording:filename=" + file.toAbsolutePath()
                + ",settings=profile,jdk.ExecutionSample#period=1ms");
        findings.commands.put("JFR profile of one whole-process CLI " + verb + ", untimed [Ganesha]",
                Timed.shellLine(env, command));
        Timed.child(setup.ganeshaMeter, command, env, bytes, null, CHILD_TIMEOUT, null);
        if (!Files.isRegularFile(file)) {
            throw new IOException("the CLI's JVM left no recording in " + file
                    + " (it ended without JFR's dump at exit)");
        }
        return Profiler.summarize(what, file);
    }

    /** The 1-byte read as the issue writes it: no options beyond the output. */
    private List<String> tinyRead(String url) {
        return cli("read", url, "-o", "/dev/null");
    }

    private static void phasesFailure(Result r, Startup.PhaseRuns runs) {
        if (r != null && r.failure() != null) {
            runs.fail(r.failure());
        }
    }

    /**
     * The nfsdirect command line: bin/nfsdirect, as a user runs it. bench/run hands over a copy of
     * the CLI jar, passed to the launcher as NFSDIRECT_JAR (see {@link #cliEnv()}) so that a rebuild
     * of the CLI during a run cannot break it, or an empty value when no CLI jar could be built (the
     * run then fails those rows). Run outside bench/run, bin/nfsdirect picks its jar itself.
     */
    private List<String> cli(String... args) {
        List<String> command = new ArrayList<>();
        String jar = System.getProperty("bench.cli-jar");
        if (jar != null && jar.isEmpty()) {
            command.addAll(List.of("sh", "-c", "echo 'no CLI jar: cli/target/nfsdirect.jar did not build' >&2; exit 1"));
        } else {
            command.add(repo.resolve("bin/nfsdirect").toString());
        }
        command.addAll(List.of(args));
        return command;
    }

    /** The environment the launcher gets: NFSDIRECT_JAR naming the copied jar, when there is one. */
    private static Map<String, String> cliEnv() {
        String jar = System.getProperty("bench.cli-jar");
        return jar == null || jar.isEmpty() ? Map.of() : Map.of(JAR_ENV, jar);
    }

    private static Map<String, String> withPhases(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>(env);
        out.put(Startup.PHASE_ENV, "1");
        return out;
    }

    /** Adds JVM options for the launcher, after any NFSDIRECT_JAVA_OPTS the benchmark itself was given. */
    private static Map<String, String> withJavaOpts(Map<String, String> env, String opts) {
        Map<String, String> out = new LinkedHashMap<>(env);
        String inherited = System.getenv(OPTS_ENV);
        out.put(OPTS_ENV, inherited == null || inherited.isBlank() ? opts : inherited.strip() + " " + opts);
        return out;
    }

    /** The directory of the copied CLI jar, where the launcher keeps its start-up archives; null without one. */
    private static Path jarDir() {
        String jar = System.getProperty("bench.cli-jar");
        return jar == null || jar.isEmpty() ? null : Path.of(jar).toAbsolutePath().getParent();
    }

    /** Regular files under {@code dir} (relative name to size). */
    private static Map<String, Long> listing(Path dir) {
        Map<String, Long> out = new TreeMap<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                try {
                    out.put(dir.relativize(p).toString(), Files.size(p));
                } catch (IOException e) {
                    // Gone in between.
                }
            });
        } catch (IOException e) {
            // Reported as no new files.
        }
        return out;
    }

    /** Files under {@code dir} that were not there before, or changed size, as "name (size)". */
    private static List<String> added(Path dir, Map<String, Long> before) {
        List<String> out = new ArrayList<>();
        listing(dir).forEach((name, size) -> {
            if (!size.equals(before.get(name))) {
                out.add(name + " (" + sizeText(size) + ")");
            }
        });
        return out;
    }

    private static String sizeText(long bytes) {
        return bytes >= Plan.MIB ? String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) Plan.MIB)
                : String.format(java.util.Locale.ROOT, "%.0f KiB", bytes / 1024.0);
    }

    /** The first executable java on PATH, with its links resolved. */
    private static String javaOnPath() {
        String path = System.getenv("PATH");
        for (String d : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
            Path java = Path.of(d.isEmpty() ? "." : d, "java");
            if (Files.isExecutable(java)) {
                try {
                    return java.toRealPath().toString();
                } catch (IOException e) {
                    return java.toString();
                }
            }
        }
        return "java";
    }

    private ChildContender child(String key, String label, List<String> command, long bytes, Meter meter,
                                 Map<String, String> env) {
        ChildContender c = new ChildContender(key, label, rep -> command, bytes, meter, CHILD_TIMEOUT, null)
                .withEnv(env);
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
