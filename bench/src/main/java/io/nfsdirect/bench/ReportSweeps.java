package io.nfsdirect.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The sweep, file-size and profile sections of results.md. */
final class ReportSweeps {

    private ReportSweeps() {
    }

    static void grid(StringBuilder s, Findings f) {
        s.append("## Sweep: window × connections × rsize (nfs-direct, 1 node, NFS-Ganesha)\n\n");
        if (f.grid.isEmpty()) {
            s.append("Not measured").append(f.gridFailure == null ? "" : ": " + f.gridFailure).append(".\n\n");
            return;
        }
        s.append("Median MB/s reading ").append(Plan.human(f.plan.sweepBytes())).append(" of the file per point, ")
                .append(f.plan.sweepReps()).append(" run(s) per point; one warm node per connection count "
                        + "(nfs-direct.client.connections is a node setting).\n\n");
        s.append("![throughput against window and connections](").append(f.plotFile).append(")\n\n");
        TreeSet<Integer> conns = new TreeSet<>();
        TreeSet<Integer> windows = new TreeSet<>();
        TreeSet<Integer> rsizes = new TreeSet<>();
        for (Sweeps.Point p : f.grid.keySet()) {
            conns.add(p.connections());
            windows.add(p.window());
            rsizes.add(p.rsize());
        }
        s.append("| rsize | window |");
        conns.forEach(c -> s.append(' ').append(c).append(" conn |"));
        s.append("\n|---|---:|");
        conns.forEach(c -> s.append("---:|"));
        s.append('\n');
        Sweeps.Point best = null;
        double bestValue = -1;
        for (int r : rsizes) {
            for (int w : windows) {
                s.append("| ").append(Svg.size(r)).append(" | ").append(w).append(" |");
                for (int c : conns) {
                    Sweeps.Point p = new Sweeps.Point(w, c, r);
                    Stats v = f.grid.get(p);
                    s.append(' ').append(v == null ? "" : Report.num(v.median())).append(" |");
                    if (v != null && v.median() > bestValue) {
                        bestValue = v.median();
                        best = p;
                    }
                }
                s.append('\n');
            }
        }
        if (best != null) {
            s.append(String.format(Locale.ROOT, "%nBest point: window %d, %d connection(s), rsize %s: %.0f MB/s "
                    + "(%s libnfs nfs-cat in the main table).%n%n", best.window(), best.connections(),
                    Svg.size(best.rsize()), bestValue, Report.ratio(bestValue, f.median(f.ganeshaReads, "libnfs")) + "×"));
        }
    }

    static void sizes(StringBuilder s, Findings f) {
        s.append("## File size against time and heap (cold child JVM, `-Xmx").append(Plan.PROBE_HEAP)
                .append("`, nfs-direct 1 node, NFS-Ganesha)\n\n");
        if (f.sizes.isEmpty()) {
            s.append("Not measured.\n\n");
            return;
        }
        s.append("| bytes read | JVM options | process wall s (JVM start included) | read s | MB/s (read) "
                + "| peak heap MiB | peak RSS MiB | GCs (total ms) |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Sweeps.SizeRun r : f.sizes) {
            if (r.failure() != null) {
                s.append("| ").append(Plan.human(r.bytes())).append(" | `").append(r.jvmOptions()).append("` | failed: ")
                        .append(r.failure().replace("|", "/")).append(" | | | | | |\n");
                continue;
            }
            s.append(String.format(Locale.ROOT, "| %s | `%s` | %.2f | %.2f | %.0f | %.0f | %s | %d (%d) |%n",
                    Plan.human(r.bytes()), r.jvmOptions(), r.wallSeconds(), r.readSeconds(),
                    r.bytes() / 1e6 / r.readSeconds(), r.heapPeakBytes() / 1048576.0, Report.mib(r.rssPeakKiB()),
                    r.gcCount(), r.gcMillis()));
        }
        s.append("\nPeak heap is the sum of the heap pools' peak usages (an upper bound of the true peak). With "
                + "`-Xmx256m` G1 picks 1 MiB heap regions, so each 1 MiB chunk buffer is a humongous object; the "
                + "last row repeats the largest read with 4 MiB regions to show what that costs.\n\n");
    }

    static String memoryVerdict(Findings f) {
        if (f.sizes.isEmpty()) {
            return "not measured | pending";
        }
        long maxHeap = 0;
        long minHeap = Long.MAX_VALUE;
        for (Sweeps.SizeRun r : f.sizes) {
            if (r.failure() != null) {
                return "the " + Plan.human(r.bytes()) + " read failed under -Xmx" + Plan.PROBE_HEAP + " | **missed**";
            }
            maxHeap = Math.max(maxHeap, r.heapPeakBytes());
            minHeap = Math.min(minHeap, r.heapPeakBytes());
        }
        Sweeps.SizeRun first = f.sizes.get(0);
        Sweeps.SizeRun last = f.sizes.get(f.sizes.size() - 1);
        return String.format(Locale.ROOT, "%s to %s all read with -Xmx%s; peak heap %.0f–%.0f MiB | met",
                Plan.human(first.bytes()), Plan.human(last.bytes()), Plan.PROBE_HEAP, minHeap / 1048576.0,
                maxHeap / 1048576.0);
    }

    static void profiles(StringBuilder s, Findings f) {
        if (f.profiles.isEmpty()) {
            return;
        }
        s.append("## Where the time goes (JFR)\n\n");
        s.append("Each profile is a JFR recording (`profile` settings) of one extra, untimed run, summarized from its "
                + "`jdk.ExecutionSample` events (Java code on CPU; time in the kernel, e.g. socket copies, is not sampled). "
                + "The .jfr files are kept; `jfr print --events jdk.ExecutionSample FILE` or `jfr summary FILE` "
                + "shows them in full.\n\n");
        for (Profiler.Profile p : f.profiles) {
            s.append("### ").append(p.what()).append("\n\n");
            s.append(String.format(Locale.ROOT, "%d samples; %d GCs, %.0f ms of pauses; file `%s`.%n%n", p.samples(),
                    p.gcPauses(), p.gcPauseMillis(), p.file()));
            table(s, "layer of the top frame", p.layers(), p.samples());
            table(s, "hottest methods (self)", p.selfTop(), p.samples());
            table(s, "nfs-direct methods (inclusive)", p.ownInclusiveTop(), p.samples());
            table(s, "threads", p.threads(), p.samples());
        }
    }

    private static void table(StringBuilder s, String title, Map<String, Integer> rows, int total) {
        if (rows.isEmpty()) {
            return;
        }
        s.append("| ").append(title).append(" | samples | share |\n|---|---:|---:|\n");
        for (Map.Entry<String, Integer> e : rows.entrySet()) {
            s.append(String.format(Locale.ROOT, "| `%s` | %d | %.0f%% |%n", e.getKey(), e.getValue(),
                    total == 0 ? 0.0 : 100.0 * e.getValue() / total));
        }
        s.append('\n');
    }
}
