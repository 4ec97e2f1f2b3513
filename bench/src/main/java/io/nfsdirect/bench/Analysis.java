package io.nfsdirect.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The "why" of each missed target, built only from what this run measured (throughput, CPU per
 * GiB, heap allocation per byte, NFS calls per request, JFR frames), so it stays true when the
 * code changes and the numbers with it.
 */
final class Analysis {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /** Titles of the findings, named by the targets table's "why" column. */
    static final String LAYERS = "Layers";
    static final String SMALL_READS = "Small reads";
    static final String WRITES = "Writes";
    static final String WHOLE_READ = "Whole-process read";
    static final String WHOLE_WRITE = "Whole-process write";
    static final String STARTUP = "Start-up (1-byte read)";

    static String cpuBound() {
        return "CPU bound on " + CORES + " cores";
    }

    private Analysis() {
    }

    static void section(StringBuilder s, Findings f) {
        s.append("## What the measurements and profiles say\n\n");
        Result libnfs = f.ganeshaReads.get("libnfs");
        Result raw = f.ganeshaReads.get("raw");
        Result direct = f.ganeshaReads.get("direct");
        Result cluster = f.ganeshaReads.get("cluster");
        if (ok(libnfs) && ok(direct)) {
            s.append(String.format(Locale.ROOT, "- **%s.** Per GiB read, libnfs spends %.2f s of "
                            + "client CPU and NFS-Ganesha %.2f s; nfs-direct (1 node) spends %.2f s and Ganesha %.2f s. "
                            + "With client and server sharing %d cores, %d / (client + server CPU per GiB) bounds the "
                            + "throughput: %s MB/s for nfs-direct (measured %s), %s MB/s for libnfs (measured %s, "
                            + "which is instead bound by its one synchronous READ at a time).%n",
                    cpuBound(), libnfs.medianCpuPerGiB(), libnfs.medianServerCpuPerGiB(), direct.medianCpuPerGiB(),
                    direct.medianServerCpuPerGiB(), CORES, CORES, Report.num(bound(direct)),
                    Report.num(direct.throughput().median()), Report.num(bound(libnfs)),
                    Report.num(libnfs.throughput().median())));
        }
        if (ok(raw) && ok(direct)) {
            s.append(String.format(Locale.ROOT, "- **" + LAYERS + ".** Nfs3Client alone costs %.2f s of CPU per GiB and "
                            + "allocates %.2f heap bytes per byte read; the full actor path costs %.2f s/GiB and "
                            + "%.2f bytes per byte. So %.0f%% of nfs-direct's client CPU is already spent below the "
                            + "actors, in the RPC layer.%n", raw.medianCpuPerGiB(), raw.medianAllocatedPerByte(),
                    direct.medianCpuPerGiB(), direct.medianAllocatedPerByte(),
                    100 * raw.medianCpuPerGiB() / direct.medianCpuPerGiB()));
        }
        if (ok(direct) && ok(cluster)) {
            s.append(String.format(Locale.ROOT, "- **Artery.** Three nodes cost %.2f s/GiB and %.2f heap bytes per "
                            + "byte against %.2f and %.2f on one node. Chunk data crosses Artery raw behind a "
                            + "CBOR header (ChunkDataSerializer: one copy into the frame, one out of it); the "
                            + "rest of the difference is the transport (TLS, Artery's TCP stream stages, the "
                            + "loopback socket copies) and two more actor systems' own work.%n", cluster.medianCpuPerGiB(),
                    cluster.medianAllocatedPerByte(), direct.medianCpuPerGiB(), direct.medianAllocatedPerByte()));
        }
        for (Profiler.Profile p : f.profiles) {
            s.append("- **Profile: ").append(p.what()).append(".** Top-frame layers: ").append(shares(p.layers(),
                    p.samples(), 4)).append(". Hottest frames: ").append(frames(p.selfTop(), p.samples(), 5))
                    .append(". Busiest threads: ").append(shares(p.threads(), p.samples(), 3)).append(".\n");
        }
        if (f.latencyActors != null && f.latencyRaw != null) {
            double one = f.latencyRaw.micros().median();
            double all = f.latencyActors.micros().median();
            double extraCalls = f.latencyActors.totalCalls() - 1;
            s.append(String.format(Locale.ROOT, "- **" + SMALL_READS + ".** A 4 KiB read through the actors takes %.0f µs "
                            + "at p50 against %.0f µs for one READ alone (%s). ", all, one, f.latencyActors.detail()));
            if (extraCalls >= 0.5) {
                s.append(String.format(Locale.ROOT, "The %.1f calls besides the READ are made one after the other "
                        + "before it (the ACCESS check on the file, and whatever LOOKUP or FSINFO the lookup cache did not spare), so at about %.0f µs each they "
                        + "account for ~%.0f µs; the remaining ~%.0f µs is the actors' own cost (request, watcher "
                        + "and chunk-worker actors spawned per request, and the thread hand-offs).%n", extraCalls, one,
                        extraCalls * one, Math.max(0, all - one - extraCalls * one)));
            } else {
                s.append("\n");
            }
        }
        Result w = f.writes.get("direct-write");
        Result cp = f.writes.get("libnfs-cp");
        if (ok(w) && ok(cp)) {
            s.append(String.format(Locale.ROOT, "- **" + WRITES + ".** NFS-Ganesha spends %.2f s of CPU per GiB written "
                            + "by nfs-direct and %.2f for nfs-cp (%s; its VFS writes, the allocation of a new "
                            + "file's blocks, and the fsync of COMMIT or FILE_SYNC); nfs-direct's own client CPU is "
                            + "%.2f s/GiB against nfs-cp's %.2f. "
                            + "%d / (client + server CPU per GiB) = %s MB/s for nfs-direct (measured %s).%n",
                    w.medianServerCpuPerGiB(), cp.medianServerCpuPerGiB(), spreads(w, cp), w.medianCpuPerGiB(),
                    cp.medianCpuPerGiB(), CORES, Report.num(bound(w)), Report.num(w.throughput().median())));
            Result disk = f.writes.get("disk");
            if (ok(disk)) {
                double ceiling = disk.throughput().median();
                double target = 1.5 * cp.throughput().median();
                s.setLength(s.length() - 1);
                s.append(String.format(Locale.ROOT, " The same bytes written straight into the export's file system "
                                + "and fsynced (`dd conv=fsync`, no NFS at all) went at %s MB/s; nfs-cp went at "
                                + "%.2f× that and nfs-direct at %.2f×. 1.5× nfs-cp would be %s MB/s, %.2f× the "
                                + "local write.%n",
                        Report.num(ceiling), cp.throughput().median() / ceiling, w.throughput().median() / ceiling,
                        Report.num(target), target / ceiling));
            }
        }
        wholeProcess(s, f, WHOLE_READ, "read", f.ganeshaReads.get("cli"), direct, libnfs, "nfs-cat",
                f.plan.readBytes(), f.bigPhases);
        wholeProcess(s, f, WHOLE_WRITE, "write", f.writes.get("cli-write"), w, cp, "nfs-cp", f.plan.writeBytes(),
                null);
        startup(s, f);
        if (f.cliProfileFailure != null) {
            s.append("- **Profile: whole-process CLI read.** Not recorded: ").append(f.cliProfileFailure)
                    .append(".\n");
        }
        if (f.cliWriteProfileFailure != null) {
            s.append("- **Profile: whole-process CLI write.** Not recorded: ").append(f.cliWriteProfileFailure)
                    .append(".\n");
        }
        s.append('\n');
    }

    /**
     * What a whole CLI process costs beyond the same transfer on a warm node: the difference in
     * wall and CPU per run, how much of that a 1-byte read alone already costs (start-up), the
     * CLI's own phase marks and the JIT's work in its JFR recording.
     */
    private static void wholeProcess(StringBuilder s, Findings f, String title, String verb, Result cli, Result warm,
                                     Result peer, String peerName, long bytes, Startup.PhaseRuns phases) {
        if (!ok(cli) || !ok(warm)) {
            return;
        }
        double tc = cli.medianSeconds();
        double tw = warm.medianSeconds();
        double cc = cli.medianCpuSeconds();
        double cw = warm.medianCpuSeconds();
        double gib = bytes / Sample.GIB;
        s.append(String.format(Locale.ROOT, "- **%s.** `bin/nfsdirect %s` took %.2f s for %s (median) where the "
                        + "warm actor path took %.2f s for the same transfer: %.2f s per process go to what a warm "
                        + "node has already done (JVM start, class loading, actor system and node, mount, JIT "
                        + "warm-up, teardown). Its CPU was %.2f s against %.2f s warm: %.2f s per process beyond the "
                        + "transfer, %.2f s per GiB at this size (of its %.2f s/GiB).", title, verb, tc,
                Plan.human(bytes), tw, tc - tw, cc, cw, cc - cw, (cc - cw) / gib, cli.medianCpuPerGiB()));
        Result tiny = f.startup.get("cli");
        if (ok(tiny) && !Double.isNaN(tiny.medianCpuSeconds())) {
            double restWall = tc - tw - tiny.medianSeconds();
            double restCpu = cc - cw - tiny.medianCpuSeconds();
            s.append(String.format(Locale.ROOT, " A 1-byte read alone costs %.2f s wall and %.2f s CPU: that much "
                    + "is start-up any command pays", tiny.medianSeconds(), tiny.medianCpuSeconds()));
            if (restWall > 0 && restCpu > 0) {
                s.append(String.format(Locale.ROOT, "; the rest of the extra (%.2f s wall, %.2f s CPU) grows with "
                        + "the transfer (the transfer path running interpreted or being compiled, a cold heap).",
                        restWall, restCpu));
            } else {
                s.append(String.format(Locale.ROOT, ", which leaves %.2f s wall and %.2f s CPU of the extra to the "
                        + "transfer: within this run's noise, start-up is the whole extra.", restWall, restCpu));
            }
        }
        if (ok(peer)) {
            double limit = peer.medianSeconds() / 1.2;
            s.append(String.format(Locale.ROOT, " %s took %.2f s: 1.2× it means a whole process of ≤ %.2f s, %s.",
                    peerName, peer.medianSeconds(), limit, tc <= limit ? "which it is"
                            : String.format(Locale.ROOT, "%.2f s less than now", tc - limit)));
        }
        if (phases != null && phases.marked()) {
            s.append(" Its largest steps between phase marks: ").append(largestSteps(phases, 3)).append('.');
        }
        String recording = verb.equals("read") ? "cli.jfr" : "cli-write.jfr";
        for (Profiler.Profile p : f.profiles) {
            if (p.file().getFileName().toString().equals(recording) && p.compiles() >= 0) {
                s.append(String.format(Locale.ROOT, " In its JFR recording (JFR's own start included) the JIT "
                        + "compiled %d methods, its compile tasks taking %.0f ms in all across the compiler threads, "
                        + "which the execution samples do not show: much of the process's extra CPU is the JIT "
                        + "compiling, and the transfer running interpreted until it has, code that a warm node "
                        + "runs compiled.", p.compiles(), p.compileMillis()));
            }
        }
        s.append('\n');
    }

    /** The per-run spreads of two contenders' server CPU per GiB, and whether they overlap. */
    private static String spreads(Result a, Result b) {
        Stats x = a.serverCpuPerGiB();
        Stats y = b.serverCpuPerGiB();
        if (x == null || y == null) {
            return "per-run spreads not measured";
        }
        boolean overlap = x.min() <= y.max() && y.min() <= x.max();
        return String.format(Locale.ROOT, "per run %.2f–%.2f against %.2f–%.2f, %s", x.min(), x.max(), y.min(),
                y.max(), overlap ? "ranges that overlap, so this run cannot tell the two apart"
                        : "ranges that do not overlap");
    }

    private static void startup(StringBuilder s, Findings f) {
        Result tiny = f.startup.get("cli");
        Result floor = f.startup.get("java-version");
        if (!ok(tiny) || !ok(floor)) {
            return;
        }
        double wt = tiny.medianSeconds() * 1000;
        double ct = tiny.medianCpuSeconds() * 1000;
        double wf = floor.medianSeconds() * 1000;
        double cf = floor.medianCpuSeconds() * 1000;
        s.append(String.format(Locale.ROOT, "- **%s.** `java -version` takes %.0f ms wall and %.0f ms CPU here; "
                        + "reading one byte with `bin/nfsdirect` takes %.0f ms and %.0f ms (%.1f× and %.1f×)", STARTUP,
                wf, cf, wt, ct, wt / wf, ct / cf));
        Result cat = f.startup.get("libnfs");
        if (ok(cat)) {
            s.append(String.format(Locale.ROOT, ", nfs-cat %.0f ms", cat.medianSeconds() * 1000));
        }
        s.append(String.format(Locale.ROOT, ". 8× `java -version` is %.0f ms: %s.", 8 * wf, wt <= 8 * wf
                ? "within it" : String.format(Locale.ROOT, "%.0f ms to cut", wt - 8 * wf)));
        if (ct > wt * 1.1) {
            s.append(String.format(Locale.ROOT, " CPU exceeds wall by %.0f ms: threads besides main ran in "
                    + "parallel (JIT compilers, GC, the actor system's dispatchers).", ct - wt));
        } else if (wt > ct * 1.2) {
            s.append(String.format(Locale.ROOT, " Wall exceeds CPU by %.0f ms: the process waited, for the CPUs "
                    + "(load average %s at start, %s at end) or on timers and the network.", wt - ct,
                    f.loadAtStart, f.loadAtEnd));
        }
        Startup.ClassLoads c = f.cliClasses;
        if (c != null && c.total() > 0) {
            s.append(String.format(Locale.ROOT, " It loads %d classes, %.0f%% of them from a CDS archive and %d "
                    + "parsed from jars (%s).", c.total(), 100.0 * c.fromArchive() / c.total(), c.fromJars(),
                    c.largestJarPackages(3)));
            int picocli = c.jarsByPackage().getOrDefault("picocli", 0);
            if (picocli > c.fromJars() / 2) {
                s.append(String.format(Locale.ROOT, " The %d of picocli are Java 5 class files (version 49), which "
                        + "a CDS archive cannot hold (\"Pre JDK 6 class not supported by CDS\") and the JVM checks "
                        + "with its old type-inferring verifier at every start: most of what parsing the options "
                        + "costs.", picocli));
            }
        }
        if (f.tinyPhases.marked()) {
            s.append(" Its largest steps between phase marks: ").append(largestSteps(f.tinyPhases, 3)).append('.');
        }
        s.append('\n');
    }

    /** The {@code n} largest steps between consecutive phase marks (and from the last to the process's exit). */
    static String largestSteps(Startup.PhaseRuns runs, int n) {
        Map<String, Double> steps = new java.util.LinkedHashMap<>();
        double previous = 0;
        String before = "JVM start";
        for (Startup.Row r : runs.rows()) {
            steps.put(before + " → " + r.name(), r.medianMs() - previous);
            previous = r.medianMs();
            before = r.name();
        }
        steps.put(before + " → process exit", runs.medianWallMs() - previous);
        return steps.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n)
                .map(e -> String.format(Locale.ROOT, "%s %.0f ms", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** The throughput the CPUs allow when client and server together spend this much CPU per byte. */
    static double bound(Result r) {
        double perGiB = r.medianCpuPerGiB() + (Double.isNaN(r.medianServerCpuPerGiB()) ? 0 : r.medianServerCpuPerGiB());
        return CORES / perGiB * Sample.GIB / 1e6;
    }

    private static boolean ok(Result r) {
        return r != null && r.ok();
    }

    private static String shares(Map<String, Integer> counts, int total, int n) {
        return counts.entrySet().stream().limit(n)
                .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), total == 0 ? 0.0 : 100.0 * e.getValue() / total))
                .collect(Collectors.joining(", "));
    }

    private static String frames(Map<String, Integer> counts, int total, int n) {
        List<String> out = counts.entrySet().stream().limit(n)
                .map(e -> String.format(Locale.ROOT, "`%s` %.0f%%", e.getKey(), total == 0 ? 0.0 : 100.0 * e.getValue() / total))
                .toList();
        return String.join(", ", out);
    }
}
