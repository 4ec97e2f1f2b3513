package io.nfsdirect.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The scale-out section of results.md (issue 12): targets on separate hosts, then the runs. */
final class ReportHosts {

    private ReportHosts() {
    }

    static void section(StringBuilder s, Findings f) {
        if (f.hostRuns.isEmpty() && f.hostsSkipped == null) {
            return;
        }
        s.append("## Scale-out on separate hosts (issue 12)\n\n");
        if (f.hostsShape != null) {
            s.append("`bin/netns-hosts`: ").append(f.hostsShape).append(". Every row is a whole command run on the "
                    + "client's host, JVM start and cluster join included, on the first N worker nodes (`--nodes`); "
                    + "the configurations alternate. The hosts share this machine's cores: the links are separate, "
                    + "the CPUs are not.\n\n");
        }
        if (f.hostsSkipped != null) {
            s.append("Not complete: ").append(f.hostsSkipped).append(".\n\n");
        }
        s.append("| what | peer (same run) | target | measured | verdict | why |\n|---|---|---|---|---|---|\n");
        int n = HostsScale.WORKERS.size();
        for (int k = 2; k <= n; k++) {
            double goal = 0.85 * k;
            Report.atLeast(s, "`sum --chunks` (Digest sink) on " + k + " worker nodes", "the same on 1", goal,
                    f.hostRuns.get("sum-" + k), f.hostRuns.get("sum-1"), "join cost below");
            Report.atLeast(s, "NFS → NFS `cp` (Copy sink) on " + k + " worker nodes", "the same on 1", goal,
                    f.hostRuns.get("cp-" + k), f.hostRuns.get("cp-1"), "join cost below");
        }
        s.append("| Stream sink with a consumer on every node, on ").append(n)
                .append(" worker nodes | the same on 1 | ≥ ").append(String.format(Locale.ROOT, "%.2f×", 0.85 * n))
                .append(" | not measured | **missed** | no command streams to a consumer per node yet |\n");
        readRow(s, f.hostRuns.get("read-" + n), f.hostRuns.get("read-1"), n);
        failoverRows(s, f.failover);
        s.append('\n');
        transfers(s, f);
        Map<String, Result> runs = new LinkedHashMap<>(f.hostRuns);
        runs.remove("join");
        Report.readTable(s, "### Runs (bytes of the file over the whole command)", runs, "sum-1", false);
        Result join = f.hostRuns.get("join");
        if (join != null && join.ok()) {
            s.append(String.format(Locale.ROOT, "A client command that moves no data (`stats`: JVM start, TLS, join, "
                    + "one query, leave) took %.1f s (median): every row above pays it once.%n%n", join.medianSeconds()));
        }
    }

    /**
     * The ratios without the fixed cost of a command: each run's median minus the median of a
     * command that joins and moves nothing. Reported beside the whole-command verdicts, never
     * instead of them.
     */
    private static void transfers(StringBuilder s, Findings f) {
        Result join = f.hostRuns.get("join");
        if (join == null || !join.ok()) {
            return;
        }
        double fixed = join.medianSeconds();
        s.append("Without the fixed cost of a command (a run's median minus the ").append(String.format(Locale.ROOT,
                "%.1f", fixed)).append(" s of `stats`): ");
        StringBuilder parts = new StringBuilder();
        for (String job : new String[] {"sum", "cp", "read"}) {
            Result one = f.hostRuns.get(job + "-1");
            if (one == null || !one.ok()) {
                continue;
            }
            for (int k = 2; k <= HostsScale.WORKERS.size(); k++) {
                Result r = f.hostRuns.get(job + "-" + k);
                if (r == null || !r.ok()) {
                    continue;
                }
                double x = (one.medianSeconds() - fixed) / (r.medianSeconds() - fixed);
                parts.append(parts.length() > 0 ? "; " : "").append(String.format(Locale.ROOT, "%s on %d nodes %.2f×",
                        job, k, x));
            }
        }
        s.append(parts.length() > 0 ? parts : "none measured").append(".\n\n");
    }

    /** A read into the client's file: every byte crosses the client's own link, however many nodes read. */
    private static void readRow(StringBuilder s, Result many, Result one, int n) {
        String what = "`read -o FILE` into the client's file on " + n + " worker nodes";
        if (many == null || one == null || !many.ok() || !one.ok()) {
            s.append("| ").append(what).append(" | the same on 1 | none: reported | not measured | — | |\n");
            return;
        }
        double a = many.throughput().median();
        double b = one.throughput().median();
        // Every byte crosses the client's own link, so its rate bounds the read at any N; the
        // row says how much of that bound the read reached, not that the link was what held it.
        double bound = linkMegabytes(HostsScale.RATE);
        s.append(String.format(Locale.ROOT, "| %s | the same on 1 | none: reported | %.2f× (%.0f vs %.0f MB/s) | — | "
                + "every byte crosses the client's own %s link (%.0f MB/s): %.0f%% of it on %d node(s) |%n",
                what, a / b, a, b, HostsScale.RATE, bound, 100 * a / bound, HostsScale.WORKERS.size()));
    }

    /** A tc rate such as {@code 400mbit}, as the line rate in decimal MB/s. */
    static double linkMegabytes(String rate) {
        String[] units = {"gbit", "mbit", "kbit", "bit"};
        double[] bits = {1e9, 1e6, 1e3, 1};
        for (int i = 0; i < units.length; i++) {
            if (rate.endsWith(units[i])) {
                return Double.parseDouble(rate.substring(0, rate.length() - units[i].length())) * bits[i] / 8 / 1e6;
            }
        }
        throw new IllegalArgumentException("not a tc rate: " + rate);
    }

    private static void failoverRows(StringBuilder s, HostsScale.Failover fo) {
        if (fo == null) {
            s.append("| failover: kill -9 of a worker during a 3-node sum | — | first re-dispatch ≤ 3 s | not measured "
                    + "| **missed** | not run |\n");
            return;
        }
        if (fo.failure() != null && fo.redispatchMs() < 0) {
            s.append("| failover: kill -9 of a worker during a 3-node sum | — | first re-dispatch ≤ 3 s | — | **missed** | ")
                    .append(fo.failure()).append(" |\n");
            return;
        }
        double secs = fo.redispatchMs() / 1000.0;
        s.append(String.format(Locale.ROOT, "| failover: first re-dispatch after a kill -9 of a worker, 3-node sum | — "
                + "| ≤ 3 s | %.1f s | %s | |%n", secs, secs <= 3.0 ? "met" : "**missed**"));
        double x = fo.seconds() / fo.baselineSeconds();
        s.append(String.format(Locale.ROOT, "| failover: that sum's whole run | the same without the kill | ≤ 1.5× (time) "
                + "| %.2f× (%.1f vs %.1f s) | %s | the request waits for the killed node's old attempts until it is "
                + "downed (stable-after 5 s) |%n", x, fo.seconds(), fo.baselineSeconds(), x <= 1.5 ? "met" : "**missed**"));
    }
}
