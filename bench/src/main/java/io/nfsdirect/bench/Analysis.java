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

    private Analysis() {
    }

    static void section(StringBuilder s, Findings f) {
        s.append("## What the measurements and profiles say\n\n");
        Result libnfs = f.ganeshaReads.get("libnfs");
        Result raw = f.ganeshaReads.get("raw");
        Result direct = f.ganeshaReads.get("direct");
        Result cluster = f.ganeshaReads.get("cluster");
        if (ok(libnfs) && ok(direct)) {
            s.append(String.format(Locale.ROOT, "- **CPU bound on %d cores.** Per GiB read, libnfs spends %.2f s of "
                            + "client CPU and NFS-Ganesha %.2f s; nfs-direct (1 node) spends %.2f s and Ganesha %.2f s. "
                            + "With client and server sharing %d cores, %d / (client + server CPU per GiB) bounds the "
                            + "throughput: %s MB/s for nfs-direct (measured %s), %s MB/s for libnfs (measured %s, "
                            + "which is instead bound by its one synchronous READ at a time).%n",
                    CORES, libnfs.medianCpuPerGiB(), libnfs.medianServerCpuPerGiB(), direct.medianCpuPerGiB(),
                    direct.medianServerCpuPerGiB(), CORES, CORES, Report.num(bound(direct)),
                    Report.num(direct.throughput().median()), Report.num(bound(libnfs)),
                    Report.num(libnfs.throughput().median())));
        }
        if (ok(raw) && ok(direct)) {
            s.append(String.format(Locale.ROOT, "- **Layers.** Nfs3Client alone costs %.2f s of CPU per GiB and "
                            + "allocates %.2f heap bytes per byte read; the full actor path costs %.2f s/GiB and "
                            + "%.2f bytes per byte. So %.0f%% of nfs-direct's client CPU is already spent below the "
                            + "actors, in the RPC layer.%n", raw.medianCpuPerGiB(), raw.medianAllocatedPerByte(),
                    direct.medianCpuPerGiB(), direct.medianAllocatedPerByte(),
                    100 * raw.medianCpuPerGiB() / direct.medianCpuPerGiB()));
        }
        if (ok(direct) && ok(cluster)) {
            s.append(String.format(Locale.ROOT, "- **Artery.** Three nodes cost %.2f s/GiB and %.2f heap bytes per "
                            + "byte against %.2f and %.2f on one node: chunk data crossing Artery is serialized "
                            + "(CBOR) and copied again on each side.%n", cluster.medianCpuPerGiB(),
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
            s.append(String.format(Locale.ROOT, "- **Small reads.** A 4 KiB read through the actors takes %.0f µs "
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
            s.append(String.format(Locale.ROOT, "- **Writes.** NFS-Ganesha spends %.2f s of CPU per GiB written "
                            + "by nfs-direct and %.2f for nfs-cp (its VFS writes and the fsync of COMMIT or "
                            + "FILE_SYNC); nfs-direct's own client CPU is %.2f s/GiB against nfs-cp's %.2f. "
                            + "%d / (client + server CPU per GiB) = %s MB/s for nfs-direct (measured %s).%n",
                    w.medianServerCpuPerGiB(), cp.medianServerCpuPerGiB(), w.medianCpuPerGiB(), cp.medianCpuPerGiB(),
                    CORES, Report.num(bound(w)), Report.num(w.throughput().median())));
        }
        s.append('\n');
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
