package io.nfsdirect.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark: {@code bench/run [--quick] [--out DIR]} ends up here. It races nfs-direct (warm
 * in this JVM, and as the whole {@code bin/nfsdirect} process) against libnfs, nfs-client-java,
 * the page cache and {@code java -version} on one NFS-Ganesha, one file and in one run, sweeps the
 * actor path's settings, profiles it, writes results.md and the plot into the output directory and
 * prints the main table on stdout.
 *
 * <p>Exit status: 0 once the table is printed (speed is never asserted), 1 when the run could not
 * be set up (no Ganesha, not root, ...), 2 on bad usage.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        Plan plan = null;
        Path out = Path.of("bench");
        Path profiles = null;
        boolean sweeps = true;
        boolean trees = true;
        boolean onlyTrees = false;
        boolean onlyHosts = false;
        Boolean hosts = null;
        boolean profile = true;
        Integer reps = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> plan = Plan.quickRun();
                case "--out" -> out = Path.of(value(args, ++i));
                case "--profiles" -> profiles = Path.of(value(args, ++i));
                case "--reps" -> reps = Integer.parseInt(value(args, ++i));
                case "--no-sweeps" -> sweeps = false;
                case "--no-trees" -> trees = false;
                case "--only-trees" -> onlyTrees = true;
                case "--hosts" -> hosts = true;
                case "--no-hosts" -> hosts = false;
                case "--only-hosts" -> onlyHosts = true;
                case "--no-profile" -> profile = false;
                default -> usage("unknown argument " + args[i]);
            }
        }
        plan = plan == null ? Plan.fullRun() : plan;
        if (reps != null) {
            plan = plan.withReps(reps);
        }
        int status;
        try {
            // The separate-hosts section needs minutes on its own: a full run's, unless asked for.
            boolean hostsOn = onlyHosts || (hosts != null ? hosts : !plan.quick());
            boolean only = onlyTrees || onlyHosts;
            Sections sections = new Sections(!only, (trees && !onlyHosts) || onlyTrees, hostsOn && !onlyTrees,
                    sweeps && !only, profile && !only);
            status = run(plan, out, profiles == null ? out.resolve("profiles") : profiles, sections, args);
        } catch (Exception | Error e) {
            System.err.println("bench: " + RoundRobin.describe(e));
            e.printStackTrace();
            status = 1;
        }
        // Pekko, Grizzly and netty leave non-daemon threads behind whatever is closed.
        System.exit(status);
    }

    /** Which parts of the benchmark run: the core races (reads, writes, start-up, latency), then the rest. */
    private record Sections(boolean core, boolean trees, boolean hosts, boolean sweeps, boolean profile) {
    }

    private static int run(Plan plan, Path out, Path profileDir, Sections sections, String[] args)
            throws Exception {
        long t0 = System.nanoTime();
        Findings f = new Findings();
        f.plan = plan;
        f.core = sections.core();
        f.machine = Machine.describe();
        f.loadAtStart = Machine.load();
        f.startedAt = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
        f.invocation = System.getProperty("bench.invocation", "bench/run");
        List<String> jvm = new java.util.ArrayList<>(List.of("java"));
        jvm.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        jvm.addAll(List.of("-cp", "bench/target/bench.jar:bench/target/lib/*", Bench.class.getName()));
        jvm.addAll(List.of(args));
        f.jvm = Timed.shellLine(jvm);
        RoundRobin.log("%s", f.machine);
        RoundRobin.log("%s", plan.describe());
        Files.createDirectories(out);
        try (Setup setup = Setup.start(plan)) {
            Phases phases = new Phases(setup, plan, f, Path.of("").toAbsolutePath());
            try {
                phases.cliWarmUp();
                if (sections.core()) {
                    phases.startupRace();
                    phases.ganeshaReads();
                    phases.embeddedReads();
                    phases.writes();
                }
                if (sections.trees()) {
                    phases.trees();
                }
                if (sections.hosts()) {
                    phases.hosts();
                }
                if (sections.core()) {
                    latency(phases, setup, plan, f);
                }
                if (sections.sweeps()) {
                    sweeps(setup, plan, f);
                }
                if (sections.profile()) {
                    profiles(phases, setup, plan, f, profileDir);
                }
            } finally {
                phases.closeOwned();
            }
        }
        notes(f, plan);
        f.loadAtEnd = Machine.load();
        f.totalSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> refs = new LinkedHashMap<>();
        refs.put("libnfs nfs-cat", f.median(f.ganeshaReads, "libnfs"));
        refs.put("nfs-client-java", f.median(f.ganeshaReads, "emc"));
        refs.put("Nfs3Client alone", f.median(f.ganeshaReads, "raw"));
        Map<Sweeps.Point, Double> medians = new LinkedHashMap<>();
        f.grid.forEach((p, s) -> medians.put(p, s.median()));
        if (!medians.isEmpty()) {
            Files.writeString(out.resolve(f.plotFile), Svg.plot("nfs-direct read throughput from NFS-Ganesha "
                    + "(1 node, " + Plan.human(plan.sweepBytes()) + " per point)", medians, refs), StandardCharsets.UTF_8);
        }
        Path md = out.resolve("results.md");
        Files.writeString(md, Report.markdown(f), StandardCharsets.UTF_8);
        RoundRobin.log("wrote %s%s", md, medians.isEmpty() ? "" : " and " + out.resolve(f.plotFile));
        System.out.println();
        System.out.println("nfs-direct benchmark (" + (plan.quick() ? "quick" : "full") + "), NFS-Ganesha, "
                + Plan.human(plan.readBytes()) + " read / " + Plan.human(plan.writeBytes()) + " write, median of "
                + plan.reps() + ":");
        System.out.print(Report.plainTable(f));
        String startup = Report.plainStartup(f);
        if (!startup.isEmpty()) {
            System.out.println(startup);
        }
        if (f.latencyRaw != null && f.latencyActors != null) {
            System.out.printf(java.util.Locale.ROOT, "4 KiB latency p50: Nfs3Client %.0f us, actor path %.0f us%n",
                    f.latencyRaw.micros().median(), f.latencyActors.micros().median());
        }
        return 0;
    }

    private static void latency(Phases phases, Setup setup, Plan plan, Findings f) {
        try {
            RawReader raw = phases.ganeshaRawClient();
            f.latencyRaw = Latency.raw(raw.client(), raw.handle(), plan.readBytes(), plan.latencyCount(),
                    plan.latencyWarmUp());
            f.latencyActors = Latency.actors(phases.localNode.client(), setup.ganeshaUrl(Setup.READ_FILE),
                    plan.readBytes(), plan.latencyCount(), plan.latencyWarmUp());
            RoundRobin.log("latency p50/p99: raw %.0f/%.0f us, actors %.0f/%.0f us",
                    f.latencyRaw.micros().median(), f.latencyRaw.micros().percentile(99),
                    f.latencyActors.micros().median(), f.latencyActors.micros().percentile(99));
        } catch (Exception | Error e) {
            f.latencyFailure = RoundRobin.describe(e);
            RoundRobin.log("latency not measured: %s", f.latencyFailure);
        }
    }

    private static void sweeps(Setup setup, Plan plan, Findings f) {
        String url = setup.ganeshaUrl(Setup.READ_FILE);
        long length = Math.min(plan.sweepBytes(), plan.readBytes());
        try {
            f.grid.putAll(Sweeps.grid(url, length, plan.windows(), plan.connections(), plan.rsizes(),
                    plan.sweepReps(), setup.ganeshaMeter));
            RoundRobin.log("sweep: %d points", f.grid.size());
        } catch (Exception | Error e) {
            f.gridFailure = RoundRobin.describe(e);
            RoundRobin.log("sweep failed: %s", f.gridFailure);
        }
        try {
            f.sizes.addAll(Sweeps.sizes(url, plan.sizes(), Plan.PROBE_HEAP, setup.ganeshaMeter));
            for (Sweeps.SizeRun r : f.sizes) {
                RoundRobin.log("size %s: %s", Plan.human(r.bytes()), r.failure() != null ? r.failure()
                        : String.format(java.util.Locale.ROOT, "%.2f s, heap peak %.0f MiB", r.readSeconds(),
                                r.heapPeakBytes() / 1048576.0));
            }
        } catch (Exception | Error e) {
            RoundRobin.log("size sweep failed: %s", RoundRobin.describe(e));
        }
        f.commands.put("file-size probe (one child JVM per size)", "java -Xmx" + Plan.PROBE_HEAP
                + " -cp 'bench/target/bench.jar:bench/target/lib/*' " + SizeProbe.class.getName() + " URL LENGTH");
    }

    private static void profiles(Phases phases, Setup setup, Plan plan, Findings f, Path dir) {
        try {
            Files.createDirectories(dir);
            long size = plan.readBytes();
            // At least 1 GiB per profile, so that a quick run gives a few thousand samples too.
            int passes = (int) Math.max(1, (Plan.GIB + size - 1) / size);
            String what = passes == 1 ? Plan.human(size) : passes + " × " + Plan.human(size);
            DirectReader direct = new DirectReader("direct", "", phases.localNode.client(),
                    phases.localNode.consumer(), setup.ganeshaUrl(Setup.READ_FILE), size, Phases.readOptions(),
                    setup.ganeshaMeter);
            f.profiles.add(Profiler.record("nfs-direct, 1 node (contender 5): " + what + " from Ganesha",
                    dir.resolve("direct.jfr"), () -> repeat(passes, () -> direct.read(size))));
            RawReader raw = phases.ganeshaRawClient();
            f.profiles.add(Profiler.record("Nfs3Client alone (contender 4): " + what + " from Ganesha",
                    dir.resolve("raw.jfr"), () -> repeat(passes, () -> raw.readRange(size))));
            f.profiles.add(Profiler.record("4 KiB reads through the actor path, one at a time ("
                    + plan.latencyCount() + " requests)", dir.resolve("latency.jfr"), () -> {
                        Latency.actors(phases.localNode.client(), setup.ganeshaUrl(Setup.READ_FILE), size,
                                plan.latencyCount(), 0);
                        return 0;
                    }));
        } catch (Exception | Error e) {
            RoundRobin.log("profiling failed: %s", RoundRobin.describe(e));
        }
        try {
            f.profiles.add(phases.cliProfile(dir, "`bin/nfsdirect read`, whole process (contender 7): "
                    + Plan.human(plan.readBytes()) + " from Ganesha, JVM start included"));
        } catch (Exception | Error e) {
            f.cliProfileFailure = RoundRobin.describe(e);
            RoundRobin.log("CLI not profiled: %s", f.cliProfileFailure);
        }
        try {
            f.profiles.add(phases.cliWriteProfile(dir, "`bin/nfsdirect write`, whole process: "
                    + Plan.human(plan.writeBytes()) + " to Ganesha, JVM start included"));
        } catch (Exception | Error e) {
            f.cliWriteProfileFailure = RoundRobin.describe(e);
            RoundRobin.log("CLI write not profiled: %s", f.cliWriteProfileFailure);
        }
        try {
            for (Profiler.Profile p : f.profiles) {
                RoundRobin.log("profile %s: %d samples, top %s", p.file().getFileName(), p.samples(),
                        p.selfTop().keySet().stream().limit(3).toList());
            }
        } catch (Exception | Error e) {
            RoundRobin.log("profiling failed: %s", RoundRobin.describe(e));
        }
    }

    private static long repeat(int passes, Timed.Body body) throws Exception {
        long total = 0;
        for (int i = 0; i < passes; i++) {
            total += body.run();
        }
        return total;
    }

    private static void notes(Findings f, Plan plan) {
        List<String> n = f.notes;
        n.add("Throughput is decimal MB/s (10^6 bytes per second) of the whole transfer; every contender reads "
                + "the same " + Plan.human(plan.readBytes()) + " file, which stays in the page cache throughout, "
                + "so the server never waits on the disk.");
        n.add("Median and spread (min – max) over " + plan.reps() + " repetitions; the contenders take turns, one "
                + "repetition each per round, each round starting one contender further on. In-process contenders "
                + "get one untimed warm-up run first (JIT, connections); programs are timed from fork to exit.");
        n.add("Client CPU is user+system: GNU `time` for programs; the whole benchmark JVM's process CPU time "
                + "(OperatingSystemMXBean) for in-process contenders, GC and JIT threads included. NFS-Ganesha's "
                + "CPU is not in it and is shown apart, from /proc/PID/stat.");
        n.add("Peak RSS: GNU `time`'s maximum RSS for programs; for in-process contenders the benchmark JVM's "
                + "VmHWM after resetting it (/proc/self/clear_refs) before the run, so it is JVM-wide.");
        n.add("The CLI rows run `bin/nfsdirect` as a user does, with NFSDIRECT_JAR naming a copy of the CLI jar "
                + "(bench/target/cli/nfsdirect.jar, its directory emptied first, so any start-up archive the launcher "
                + "keeps beside the jar is made afresh). One untimed 1-byte read runs first, before any timed CLI run, "
                + "so whatever the launcher does on first use is in no figure; it is reported apart. Each CLI "
                + "command also runs, taking turns with the others but never timed as a row, with NFSDIRECT_PHASES=1 "
                + "for its phase marks.");
        n.add("Writes upload a local file of random bytes to a new file per repetition, removed afterwards; with "
                + "COMMIT or FILE_SYNC they include NFS-Ganesha's fsync to this machine's disk.");
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("bench: " + problem);
        System.err.println("usage: bench/run [--quick] [--out DIR] [--profiles DIR] [--reps N] [--no-sweeps] [--no-profile] [--no-trees] [--only-trees] [--hosts|--no-hosts] [--only-hosts]");
        System.exit(2);
    }
}
